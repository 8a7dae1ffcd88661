/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

/* A minimal test framework: named cases, PASS/FAIL lines, a summary. */

#ifndef TPH_TEST_H
#define TPH_TEST_H

#include <stdbool.h>
#include <stdio.h>

struct tph_env;

struct tph_case {
	const char *name;
	/* Returns true if the case applies to this environment. */
	bool (*applies)(const struct tph_env *env, const void *arg);
	/* Returns 0 on success; failures are reported with tph_failf(). */
	int (*run)(const struct tph_env *env, const void *arg);
	const void *arg;	/* for table-driven cases */
};

/* Record why the current case failed; returns -1 for "return tph_failf()". */
int tph_failf(const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Print a line that belongs to the current case's log. */
void tph_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * A check run after every case (0, or a tph_failf() failure
 * that fails the case): invariants that must hold whatever the case did.
 */
void tph_set_after_case(int (*check)(void));

/* Run the applicable cases, print PASS/FAIL and "N passed, N failed". */
int tph_run_cases(const struct tph_case *cases, unsigned int n,
		  const struct tph_env *env, const char *only);

#define TPH_FAIL(...) tph_failf(__FILE__, __LINE__, __VA_ARGS__)

/* Fail the case unless cond holds. */
#define TPH_CHECK(cond, ...) do { \
	if (!(cond)) \
		return TPH_FAIL("check '" #cond "' failed: " __VA_ARGS__); \
} while (0)

/* Fail the case unless expr evaluates to want (both int). */
#define TPH_CHECK_EQ(expr, want) do { \
	long long got_ = (long long)(expr), want_ = (long long)(want); \
	if (got_ != want_) \
		return TPH_FAIL("%s = %lld (0x%llx), expected %lld (0x%llx)", \
				#expr, got_, got_, want_, want_); \
} while (0)

/* Propagate a failure of a helper that already called tph_failf(). */
#define TPH_TRY(expr) do { \
	if ((expr) != 0) \
		return -1; \
} while (0)

#endif /* TPH_TEST_H */
