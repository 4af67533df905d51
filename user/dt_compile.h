/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DT_COMPILE_H
#define DT_COMPILE_H

#include <stddef.h>
#include <stdio.h>
#include "dt_prog.h"

/*
 * The D compiler's entry points.  One dt_compiler_t lives as long as the
 * dtrace handle: it keeps the global identifiers (variables, aggregations,
 * inlines, types, translators) that every source compiled with it shares.
 */

typedef struct dt_compiler dt_compiler_t;

/* How a source string is read (the dtrace(1) option that gave it). */
typedef enum dt_spec {
	DT_SPEC_PROGRAM,	/* -s FILE or a whole program text */
	DT_SPEC_NAME,		/* -n: a description, optionally with clause */
	DT_SPEC_PROVIDER,	/* -P provider */
	DT_SPEC_MODULE,		/* -m [provider:]module */
	DT_SPEC_FUNC,		/* -f [[provider:]module:]function */
} dt_spec_t;

#define DT_CF_CPP	0x01	/* -C: run the C preprocessor first */
#define DT_CF_ZDEFS	0x02	/* -Z: descriptions may match no probe */
#define DT_CF_DISASM	0x04	/* -S: print the DIF to disasm_fp */
#define DT_CF_DESTRUCT	0x08	/* -w: destructive actions allowed */
#define DT_CF_DEFAULTARGS 0x20	/* -x defaultargs: an unset $N is 0, an
				   unset $$N is "" */
#define DT_CF_KERNEL	0x40	/* the core runs in this machine's kernel:
				   its types (/sys/kernel/btf), symbols
				   (/proc/kallsyms) and threads are D's */

typedef struct dt_compile_opts {
	unsigned int	flags;		/* DT_CF_* */
	/* -D/-U/-I, in command-line order, as "-DX=1", "-UX", "-I/dir" */
	int		cpp_argc;
	char		**cpp_argv;
	/* Macro arguments: argv[0] is $0 (the script name), then $1.. */
	int		macro_argc;
	char		**macro_argv;
	int		target_pid;	/* $pid / $target, 0 if none */
	unsigned int	strsize;	/* the strsize option (default 256) */
	FILE		*disasm_fp;	/* -S output, stderr by default */
	/*
	 * The number of probes that match a description (NULL parts match
	 * anything).  A description that matches none is the compile error
	 * D_PDESC_ZERO unless DT_CF_ZDEFS.  May be NULL: then every
	 * description is taken as matching.
	 */
	int (*probe_count)(void *arg, const char *prov, const char *mod,
			   const char *func, const char *name);
	/*
	 * The native C type of argument 'ndx' of the probes a description
	 * matches, for typed args[]: 1 with the type in buf ("struct file
	 * *", "vmlinux`struct task_struct *"), 0 when none of them gives
	 * one, -1 when they differ (buf then names two of them, "T1" and
	 * "T2").  May be NULL: args[] are then int64_t, as arg0..arg9.
	 */
	int (*probe_argtype)(void *arg, const char *prov, const char *mod,
			     const char *func, const char *name, int ndx,
			     char *buf, size_t len);
	void		*probe_arg;	/* of probe_count and probe_argtype */
	/*
	 * -x ktypes=PATH: kernel types from a file (BTF, or DWARF in an ELF
	 * object such as a debug vmlinux or module), searched before the
	 * running kernel's; NULL for none.  See dt_ktype.h.
	 */
	const char	*ktypes;
} dt_compile_opts_t;

typedef struct dt_compile_error {
	char		tag[32];	/* "D_SYNTAX", ... */
	char		file[256];	/* the source name */
	int		line;		/* 0 when it has no line */
	char		msg[1024];	/* DTrace's message text */
} dt_compile_error_t;

dt_compiler_t *dt_compiler_create(const dt_compile_opts_t *opts);
void dt_compiler_destroy(dt_compiler_t *c);

/*
 * Compile one source.  On success returns 0 and a malloc'd DOF holding the
 * enablings of this source (the first successful call also adds the
 * library's ERROR enabling); the description of its statements is added to
 * dt_compiler_prog().  On failure returns -1, fills *err and changes no
 * global state that a later compile could see.
 */
int dt_compile(dt_compiler_t *c, const char *text, const char *srcname,
	       dt_spec_t spec, void **dofp, size_t *dofsizep,
	       dt_compile_error_t *err);

const dt_prog_t *dt_compiler_prog(const dt_compiler_t *c);

#endif /* DT_COMPILE_H */
