/* SPDX-License-Identifier: BSD-3-Clause
 * Copyright(c) 2026 The dpdk-tph authors
 */

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "tph_test.h"

static char fail_msg[1024];
static bool failed;
static int (*after_case)(void);

void
tph_set_after_case(int (*check)(void))
{
	after_case = check;
}

int
tph_failf(const char *file, int line, const char *fmt, ...)
{
	va_list ap;
	int n;

	/* Keep the first failure: later ones are usually consequences. */
	if (failed)
		return -1;
	failed = true;
	n = snprintf(fail_msg, sizeof(fail_msg), "%s:%d: ", file, line);
	va_start(ap, fmt);
	vsnprintf(fail_msg + n, sizeof(fail_msg) - n, fmt, ap);
	va_end(ap);
	return -1;
}

void
tph_info(const char *fmt, ...)
{
	va_list ap;

	printf("    ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

int
tph_run_cases(const struct tph_case *cases, unsigned int n,
	      const struct tph_env *env, const char *only)
{
	unsigned int i, passed = 0, nfailed = 0;

	for (i = 0; i < n; i++) {
		const struct tph_case *c = &cases[i];
		int rc;

		if (only != NULL && strcmp(only, c->name) != 0)
			continue;
		if (c->applies != NULL && !c->applies(env, c->arg))
			continue;
		failed = false;
		fail_msg[0] = '\0';
		printf("RUN  %s\n", c->name);
		fflush(stdout);
		rc = c->run(env, c->arg);
		/*
		 * After a failed case too, so that what it left is not blamed
		 * on the next one; its own first failure is the one reported.
		 */
		if (after_case != NULL) {
			int arc = after_case();

			if (rc == 0)
				rc = arc;
		}
		if (rc == 0 && !failed) {
			printf("PASS %s\n", c->name);
			passed++;
		} else {
			printf("FAIL %s: %s\n", c->name,
			       fail_msg[0] ? fail_msg : "(no reason given)");
			nfailed++;
		}
		fflush(stdout);
	}
	printf("%u passed, %u failed\n", passed, nfailed);
	fflush(stdout);
	return nfailed == 0 && passed > 0 ? 0 : 1;
}
