// SPDX-License-Identifier: GPL-2.0
/*
 * Seed corpus for fuzz_dof_load: compile D scripts with the real compiler
 * and write each DOF to OUTDIR, so that the fuzzer starts from valid
 * programs (every section kind, real DIF) and mutates from there instead
 * of spending its time on the header checks.
 *
 *   make_dof_corpus OUTDIR SCRIPT...
 *
 * Scripts that do not compile (the err.* tests) are skipped silently: the
 * corpus only needs a representative set.  Prints how many it wrote.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "user/dt_compile.h"

static char *read_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf;
	long n;

	if (f == NULL)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc(n + 1);
	if (buf != NULL && fread(buf, 1, n, f) == (size_t)n) {
		buf[n] = '\0';
	} else {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

int main(int argc, char **argv)
{
	dt_compile_opts_t opts = { .flags = DT_CF_ZDEFS, .strsize = 256 };
	dt_compile_error_t err;
	int i, written = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: make_dof_corpus OUTDIR SCRIPT...\n");
		return 2;
	}
	for (i = 2; i < argc; i++) {
		dt_compiler_t *c = dt_compiler_create(&opts);
		char *text = read_file(argv[i]);
		char path[4096];
		void *dof;
		size_t size;
		FILE *out;

		if (c != NULL && text != NULL &&
		    dt_compile(c, text, argv[i], DT_SPEC_PROGRAM, &dof, &size,
			       &err) == 0) {
			snprintf(path, sizeof(path), "%s/seed%04d.dof",
				 argv[1], i - 1);
			out = fopen(path, "w");
			if (out == NULL || fwrite(dof, 1, size, out) != size) {
				perror(path);
				return 1;
			}
			fclose(out);
			free(dof);
			written++;
		}
		free(text);
		if (c != NULL)
			dt_compiler_destroy(c);
	}
	printf("make_dof_corpus: %d DOF seeds in %s\n", written, argv[1]);
	return 0;
}
