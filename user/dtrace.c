// SPDX-License-Identifier: GPL-2.0
/*
 * dtrace(1): the command-line consumer.
 *
 * Arguments are read in one getopt_long pass with GNU permutation, so
 * options may follow "-s FILE"; the arguments that are not options become
 * the macro arguments $1, $2, ... ($0 is the first script's name).  Then,
 * in order: DTRACE_OPT_* environment variables, -x and its aliases (the
 * command line wins), compilation of every -n/-s/-P/-m/-f/-i in the order
 * given, loading, and the trace loop.
 *
 * Exit status, as DTrace: the value given to exit() when a clause called
 * it, 0 after ^C, 1 when something failed, 2 for a bad command line.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libdtrace.h"

#define DTRACE_USAGE_ERROR	2

typedef struct dt_req {
	dt_spec_t	spec;
	const char	*arg;		/* the text or the file name */
	int		is_id;		/* -i */
} dt_req_t;

static volatile sig_atomic_t g_intr;
static const char *g_pname = "dtrace";

static void usage(FILE *fp)
{
	fprintf(fp,
"Usage: %s [-CeFlqSvVwZ] [-b bufsz] [-o output] [-x opt[=val]]\n"
"\t[-I path] [-D name[=def]] [-U name]\n"
"\t[-n name] [-P provider] [-m [provider:]module]\n"
"\t[-f [[provider:]module:]function] [-i probe-id]\n"
"\t[-s script [ args ... ]]\n"
"\n"
"\t-b  set trace buffer size (the bufsize option)\n"
"\t-C  run the C preprocessor over scripts first\n"
"\t-D  define a symbol for the preprocessor\n"
"\t-e  exit after compiling any requests\n"
"\t-f  enable or list probes matching the function name\n"
"\t-F  coalesce trace output by function (flowindent)\n"
"\t-h  print this help (also --help)\n"
"\t-i  enable or list probes matching the probe id\n"
"\t-I  add a directory to the preprocessor search path\n"
"\t-l  list probes matching the descriptions (all without one)\n"
"\t-m  enable or list probes matching the module name\n"
"\t-n  enable or list probes matching the probe name\n"
"\t-o  append trace output to a file\n"
"\t-P  enable or list probes matching the provider name\n"
"\t-q  quiet: print only explicitly traced data\n"
"\t-s  enable or list probes of a D script\n"
"\t-S  print the DIF of compiled programs (to stderr)\n"
"\t-U  undefine a symbol for the preprocessor\n"
"\t-v  stability reports: not implemented yet (dtrace says so)\n"
"\t-V  print the D version and the host dtrace uses\n"
"\t-w  permit destructive actions\n"
"\t-x  set an option: -x host=user runs the core in this process\n"
"\t    (BEGIN, END, ERROR, tick and profile probes only);\n"
"\t    -x ktypes=PATH reads kernel C types from PATH (BTF, or an ELF\n"
"\t    object with DWARF such as a debug vmlinux) before the kernel's\n"
"\t-Z  permit descriptions that match no probe\n"
"\n"
"Not supported here: -a -A -c -G -H -p -X (no process control or\n"
"anonymous tracing yet).\n", g_pname);
}

static void intr(int sig)
{
	g_intr = 1;
}

static void install_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = intr;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: end dtrace_sleep early */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static char *read_file(const char *path)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	char *buf = NULL;
	size_t len = 0, n;

	if (fp == NULL)
		return NULL;
	for (;;) {
		char *nb = realloc(buf, len + 65536 + 1);

		if (nb == NULL) {
			free(buf);
			buf = NULL;
			break;
		}
		buf = nb;
		n = fread(buf + len, 1, 65536, fp);
		len += n;
		if (n < 65536)
			break;
	}
	if (buf != NULL)
		buf[len] = '\0';
	if (fp != stdin)
		fclose(fp);
	/* An interpreter line ("#!/usr/sbin/dtrace -s") is not D. */
	if (buf != NULL && buf[0] == '#' && buf[1] == '!')
		for (n = 0; buf[n] != '\0' && buf[n] != '\n'; n++)
			buf[n] = ' ';
	return buf;
}

static int list_probe(const dtc_probeinfo_t *pi, void *arg)
{
	FILE *fp = arg;

	fprintf(fp, "%5u %10s %17s %33s %s\n", pi->id, pi->provider, pi->mod,
		pi->func, pi->name);
	return 0;
}

static int list_id(const dtc_probeinfo_t *pi, void *arg)
{
	const dt_req_t *r = arg;

	return strtoul(r->arg, NULL, 0) == pi->id ? list_probe(pi, stdout) :
	       0;
}

/* dtrace -l: the probes each request matches (all if none). */
static int list_probes(dtrace_hdl_t *dtp, dt_req_t *reqs, int nreqs)
{
	const char *parts[4];
	int i, rc = 0;

	printf("%5s %10s %17s %33s %s\n", "ID", "PROVIDER", "MODULE",
	       "FUNCTION", "NAME");
	if (nreqs == 0)
		return dtrace_probes_iter(dtp, NULL, NULL, NULL, NULL,
					 list_probe, stdout);
	for (i = 0; i < nreqs && rc == 0; i++) {
		char *buf;

		if (reqs[i].spec == DT_SPEC_PROGRAM) {
			rc = dtrace_program_list(dtp, list_probe, stdout);
			continue;
		}
		if (reqs[i].is_id) {
			rc = dtrace_probes_iter(dtp, NULL, NULL, NULL, NULL,
					       list_id, &reqs[i]);
			continue;
		}
		buf = strdup(reqs[i].arg);
		if (buf == NULL)
			return -1;
		dtrace_desc_split(buf, reqs[i].spec, parts);
		rc = dtrace_probes_iter(dtp, parts[0], parts[1], parts[2],
				       parts[3], list_probe, stdout);
		free(buf);
	}
	return rc;
}

/*
 * How much of a request "matched" names: a script by its file name, a
 * description without its predicate and clause ("BEGIN " for
 * "BEGIN { exit(0); }", as DTrace prints it).
 */
static int desc_len(const dt_req_t *r)
{
	if (r->spec == DT_SPEC_PROGRAM)
		return (int)strlen(r->arg);
	return (int)strcspn(r->arg, "{/");
}

/* Compile one request; prints DTrace's message on failure. */
static dtrace_prog_t *compile_req(dtrace_hdl_t *dtp, const dt_req_t *r)
{
	dtrace_prog_t *pgp;
	char *text;

	if (r->spec == DT_SPEC_PROGRAM) {
		text = read_file(r->arg);
		if (text == NULL) {
			fprintf(stderr, "%s: failed to open %s: %s\n", g_pname,
				r->arg, strerror(errno));
			return NULL;
		}
		pgp = dtrace_program_compile(dtp, text, r->spec, r->arg);
		free(text);
		if (pgp == NULL)
			fprintf(stderr, "%s: failed to compile script %s: %s\n",
				g_pname, r->arg, dtrace_errmsg(dtp));
		return pgp;
	}
	if (r->is_id) {
		fprintf(stderr, "%s: invalid probe specifier %s: enabling "
			"probes by id (-i) is not supported; use -n with the "
			"description that dtrace -l -i %s shows\n", g_pname,
			r->arg, r->arg);
		return NULL;
	}
	pgp = dtrace_program_compile(dtp, r->arg, r->spec, r->arg);
	if (pgp == NULL)
		fprintf(stderr, "%s: invalid probe specifier %s: %s\n",
			g_pname, r->arg, dtrace_errmsg(dtp));
	return pgp;
}

/* The trace loop: until exit(), ^C, or an error; then END and the rest. */
static int trace_loop(dtrace_hdl_t *dtp, FILE *ofp)
{
	int status, rc = 0;

	status = dtrace_work(dtp, ofp);	/* BEGIN's output at once */
	while (status == DTRACE_WORKSTATUS_OKAY && !g_intr) {
		dtrace_sleep(dtp);
		if (!g_intr)
			status = dtrace_work(dtp, ofp);
	}
	if (status == DTRACE_WORKSTATUS_ERROR) {
		fprintf(stderr, "%s: processing aborted: %s\n", g_pname,
			dtrace_errmsg(dtp));
		rc = 1;
	}
	if (dtrace_stop(dtp) != 0) {
		fprintf(stderr, "%s: %s\n", g_pname, dtrace_errmsg(dtp));
		return 1;
	}
	if (dtrace_work(dtp, ofp) == DTRACE_WORKSTATUS_ERROR) {
		fprintf(stderr, "%s: processing aborted: %s\n", g_pname,
			dtrace_errmsg(dtp));
		rc = 1;
	}
	/*
	 * Like DTrace, end the trace output with a newline, quiet or not,
	 * before the aggregations that were never printed with printa().
	 */
	fputc('\n', ofp);
	if (dtrace_aggregate_snap(dtp) != 0 ||
	    dtrace_aggregate_print(dtp, ofp) != 0) {
		fprintf(stderr, "%s: failed to print aggregations: %s\n",
			g_pname, dtrace_errmsg(dtp));
		rc = 1;
	}
	fflush(ofp);
	if (ferror(ofp)) {
		fprintf(stderr, "%s: failed to write output: %s\n", g_pname,
			strerror(errno));
		rc = 1;
	}
	return rc != 0 ? rc : dtrace_exit_status(dtp);
}

static int unsupported(int c)
{
	fprintf(stderr, "%s: -%c is not supported: this dtrace has no "
		"process control or anonymous tracing yet\n", g_pname, c);
	return DTRACE_USAGE_ERROR;
}

typedef struct dt_cmdline {
	dt_req_t	*reqs;
	int		nreqs;
	char		**xopts;	/* "name[=value]" in order */
	int		nxopts;
	char		**cpp;		/* "-Dx", "-Ux", "-Idir" */
	int		ncpp;
	unsigned int	cflags;
	int		list, exit_early, version;
	const char	*output;
} dt_cmdline_t;

static int add_xopt(dt_cmdline_t *cl, const char *name, const char *val)
{
	char *s;

	if (asprintf(&s, "%s%s%s", name, val ? "=" : "", val ? val : "") < 0)
		return -1;
	cl->xopts[cl->nxopts++] = s;
	return 0;
}

/* 0, -1 when there is nothing more to do (--help), or an exit status. */
static int parse_args(int argc, char **argv, dt_cmdline_t *cl)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	dt_req_t *r;
	int c;

	cl->reqs = calloc(argc, sizeof(*cl->reqs));
	cl->xopts = calloc(argc * 2 + 1, sizeof(char *));
	cl->cpp = calloc(argc * 2 + 1, sizeof(char *));
	if (cl->reqs == NULL || cl->xopts == NULL || cl->cpp == NULL)
		return 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv,
				"+:aAb:c:CD:ef:FGhHi:I:lm:n:o:p:P:qs:SU:vVwx:XZ",
				longopts, NULL)) != -1) {
		r = &cl->reqs[cl->nreqs];
		switch (c) {
		case 'n': r->spec = DT_SPEC_NAME; goto req;
		case 'P': r->spec = DT_SPEC_PROVIDER; goto req;
		case 'm': r->spec = DT_SPEC_MODULE; goto req;
		case 'f': r->spec = DT_SPEC_FUNC; goto req;
		case 's': r->spec = DT_SPEC_PROGRAM; goto req;
		case 'i':
			r->spec = DT_SPEC_NAME;
			r->is_id = 1;
req:
			r->arg = optarg;
			cl->nreqs++;
			break;
		case 'b': add_xopt(cl, "bufsize", optarg); break;
		case 'q': add_xopt(cl, "quiet", NULL); break;
		case 'F': add_xopt(cl, "flowindent", NULL); break;
		case 'w': add_xopt(cl, "destructive", NULL); break;
		case 'Z': add_xopt(cl, "zdefs", NULL); break;
		case 'x': {
			char *eq = strchr(optarg, '=');

			if (eq != NULL)
				*eq++ = '\0';
			add_xopt(cl, optarg, eq);
			break;
		}
		case 'C': cl->cflags |= DT_CF_CPP; break;
		case 'S': cl->cflags |= DT_CF_DISASM; break;
		case 'v':
			/* Not silently dropped: the user asked for a report. */
			fprintf(stderr, "%s: -v: stability reports are not "
				"implemented yet; continuing without one\n",
				g_pname);
			break;
		case 'D': case 'U': case 'I':
			if (asprintf(&cl->cpp[cl->ncpp], "-%c%s", c,
				     optarg) < 0)
				return 1;
			cl->ncpp++;
			break;
		case 'e': cl->exit_early = 1; break;
		case 'l': cl->list = 1; break;
		case 'V': cl->version = 1; break;
		case 'o': cl->output = optarg; break;
		case 'h':
			usage(stdout);
			return -1;	/* done: exit 0 */
		case 'a': case 'A': case 'c': case 'G': case 'H': case 'p':
		case 'X':
			return unsupported(c);
		case ':':
			fprintf(stderr, "%s: option requires an argument -- "
				"'%c'\n", g_pname, optopt);
			usage(stderr);
			return DTRACE_USAGE_ERROR;
		default:
			fprintf(stderr, "%s: invalid option -- '%c'\n",
				g_pname, optopt);
			usage(stderr);
			return DTRACE_USAGE_ERROR;
		}
	}
	return 0;
}

/*
 * GNU permutation by hand: move every argument that is not an option (or
 * an option's value) to the end, in order, so that getopt with '+' stops
 * at the first of them and they become $1...
 */
static void permute(int argc, char **argv)
{
	static const char with_arg[] = "bcDfiImnopPsUx";
	char **opts = calloc(argc + 1, sizeof(char *));
	char **rest = calloc(argc + 1, sizeof(char *));
	int no = 0, nr = 0, i;

	if (opts == NULL || rest == NULL)
		goto out;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				rest[nr++] = argv[i];
			break;
		}
		if (a[0] != '-' || a[1] == '\0') {
			rest[nr++] = argv[i];
			continue;
		}
		opts[no++] = argv[i];
		if (a[1] == '-')
			continue;
		/* Does the last option letter of a cluster take a value? */
		for (a++; *a != '\0'; a++) {
			if (strchr(with_arg, *a) != NULL) {
				if (a[1] == '\0' && i + 1 < argc)
					opts[no++] = argv[++i];
				break;
			}
		}
	}
	for (i = 0; i < no; i++)
		argv[1 + i] = opts[i];
	argv[1 + no] = "--";
	for (i = 0; i < nr; i++)
		argv[2 + no + i] = rest[i];
out:
	free(opts);
	free(rest);
}

static void cmdline_free(dt_cmdline_t *cl)
{
	int i;

	for (i = 0; i < cl->nxopts; i++)
		free(cl->xopts[i]);
	for (i = 0; i < cl->ncpp; i++)
		free(cl->cpp[i]);
	free(cl->xopts);
	free(cl->cpp);
	free(cl->reqs);
}

/* DTRACE_OPT_* first, then -x and its aliases: the command line wins. */
static int apply_options(dtrace_hdl_t *dtp, dt_cmdline_t *cl)
{
	int i;

	if (dtrace_setopt_env(dtp) != 0) {
		fprintf(stderr, "%s: %s\n", g_pname, dtrace_errmsg(dtp));
		return DTRACE_USAGE_ERROR;
	}
	for (i = 0; i < cl->nxopts; i++) {
		char *name = cl->xopts[i], *eq = strchr(name, '=');

		if (eq != NULL)
			*eq++ = '\0';
		if (dtrace_setopt(dtp, name, eq) != 0) {
			fprintf(stderr, "%s: failed to set -x %s: %s\n",
				g_pname, name, dtrace_errmsg(dtp));
			return DTRACE_USAGE_ERROR;
		}
	}
	return 0;
}

/*
 * The host's description may run over several lines (the kernel host adds
 * its hypervisor layer's); each is printed as a line of dtrace's own.
 */
static void print_version(dtrace_hdl_t *dtp)
{
	const char *h, *nl;

	printf("%s: %s\n", g_pname, DTRACE_VERSION_STRING);
	h = dtrace_host_describe(dtp);
	if (h == NULL) {
		printf("%s: host: none: %s\n", g_pname, dtrace_errmsg(dtp));
		return;
	}
	printf("%s: host: ", g_pname);
	while ((nl = strchr(h, '\n')) != NULL) {
		printf("%.*s\n%s: ", (int)(nl - h), h, g_pname);
		h = nl + 1;
	}
	printf("%s\n", h);
}

/* Compile every request (under -l, only the scripts). */
static int compile_all(dtrace_hdl_t *dtp, const dt_cmdline_t *cl,
		       dtrace_prog_t **progs)
{
	int i;

	for (i = 0; i < cl->nreqs; i++) {
		if (cl->list && cl->reqs[i].spec != DT_SPEC_PROGRAM)
			continue;
		progs[i] = compile_req(dtp, &cl->reqs[i]);
		if (progs[i] == NULL)
			return 1;
	}
	return 0;
}

static int exec_all(dtrace_hdl_t *dtp, const dt_cmdline_t *cl,
		    dtrace_prog_t **progs)
{
	unsigned int matched;
	int64_t quiet = 0;
	int i;

	dtrace_getopt(dtp, "quiet", &quiet);	/* #pragmas count too */
	for (i = 0; i < cl->nreqs; i++) {
		matched = 0;
		if (dtrace_program_exec(dtp, progs[i], &matched) != 0) {
			fprintf(stderr, "%s: %s\n", g_pname,
				dtrace_errmsg(dtp));
			return 1;
		}
		if (!quiet)
			fprintf(stderr, "%s: %s '%.*s' matched %u probe%s\n",
				g_pname, cl->reqs[i].spec == DT_SPEC_PROGRAM ?
				"script" : "description",
				desc_len(&cl->reqs[i]), cl->reqs[i].arg,
				matched, matched == 1 ? "" : "s");
	}
	return 0;
}

static int run(dtrace_hdl_t *dtp, const dt_cmdline_t *cl)
{
	FILE *ofp = stdout;
	int rc;

	if (cl->output != NULL) {
		ofp = fopen(cl->output, "a");
		if (ofp == NULL) {
			fprintf(stderr, "%s: failed to open output file '%s': "
				"%s\n", g_pname, cl->output, strerror(errno));
			return 1;
		}
	}
	install_signals();
	if (dtrace_go(dtp) != 0) {
		fprintf(stderr, "%s: %s\n", g_pname, dtrace_errmsg(dtp));
		rc = 1;
	} else {
		rc = trace_loop(dtp, ofp);
	}
	if (ofp != stdout)
		fclose(ofp);
	return rc;
}

/* Everything after the command line is parsed and the handle open. */
static int dtrace_main(dtrace_hdl_t *dtp, dt_cmdline_t *cl, char **macros,
		       int nmacros)
{
	dtrace_prog_t **progs;
	int rc, i;

	rc = apply_options(dtp, cl);
	if (rc != 0)
		return rc;
	if (cl->version) {
		print_version(dtp);
		if (cl->nreqs == 0 && !cl->list)
			return 0;
	}
	if (cl->nreqs == 0 && !cl->list) {
		usage(stderr);
		return DTRACE_USAGE_ERROR;
	}
	/* Macro arguments: $0 is the first script, then the operands. */
	macros[0] = "dtrace";
	for (i = 0; i < cl->nreqs; i++) {
		if (cl->reqs[i].spec == DT_SPEC_PROGRAM) {
			macros[0] = (char *)cl->reqs[i].arg;
			break;
		}
	}
	dtrace_set_macro_args(dtp, nmacros + 1, macros);
	dtrace_set_cpp_args(dtp, cl->ncpp, cl->cpp);
	dtrace_set_cflags(dtp, cl->cflags);

	/* The host first: without one nothing below can work. */
	if (dtrace_host_describe(dtp) == NULL) {
		fprintf(stderr, "%s: failed to initialize dtrace: %s\n",
			g_pname, dtrace_errmsg(dtp));
		return 1;
	}
	progs = calloc(cl->nreqs + 1, sizeof(*progs));
	if (progs == NULL)
		return 1;
	rc = compile_all(dtp, cl, progs);
	if (rc == 0 && cl->list) {
		rc = list_probes(dtp, cl->reqs, cl->nreqs);
		if (rc != 0)
			fprintf(stderr, "%s: failed to list probes: %s\n",
				g_pname, dtrace_errmsg(dtp));
		rc = rc != 0;
	} else if (rc == 0 && !cl->exit_early) {
		rc = exec_all(dtp, cl, progs);
		if (rc == 0)
			rc = run(dtp, cl);
	}
	for (i = 0; i < cl->nreqs; i++)
		dtrace_program_free(progs[i]);
	free(progs);
	return rc;
}

int main(int argc, char **argv)
{
	dt_cmdline_t cl;
	dtrace_hdl_t *dtp;
	char **av;
	int err, rc;

	memset(&cl, 0, sizeof(cl));
	/* Room for the "--" permute() inserts. */
	av = calloc(argc + 2, sizeof(char *));
	if (av == NULL)
		return 1;
	memcpy(av, argv, argc * sizeof(char *));
	permute(argc, av);
	rc = parse_args(argc + 1, av, &cl);
	if (rc < 0) {
		rc = 0;		/* --help */
	} else if (rc == 0) {
		dtp = dtrace_open(&err);
		if (dtp == NULL) {
			fprintf(stderr, "%s: failed to initialize dtrace: "
				"%s\n", g_pname, strerror(err));
			rc = 1;
		} else {
			rc = dtrace_main(dtp, &cl, &av[optind - 1],
					 argc + 1 - optind);
			dtrace_close(dtp);
		}
	}
	cmdline_free(&cl);
	free(av);
	return rc;
}
