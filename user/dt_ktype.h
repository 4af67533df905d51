/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DT_KTYPE_H
#define DT_KTYPE_H

/*
 * Kernel types and symbols: what D sees of the kernel's C.
 *
 * NAMESPACES.  As in DTrace, a type name is looked up first in D's own
 * tables (the C and D namespaces: the built-in types and what the program
 * declares), then in the kernel's modules: vmlinux first, then each
 * loaded module in name order.  A scoped name, "mod`name" for a typedef
 * and "struct mod`tag" for a tag, looks in module 'mod' only ("C`" and
 * "D`" in D's tables).  The types of one module come from one source:
 *
 *   BTF	(dt_btf.c, libbpf) /sys/kernel/btf/vmlinux and, split on it,
 *		/sys/kernel/btf/<module>; or a file named with -x ktypes
 *		that holds raw BTF or an ELF .BTF section.
 *   DWARF	(dt_dwarf.c, libdwarf and libelf) an ELF object with
 *		.debug_info: a file named with -x ktypes (a debug vmlinux or
 *		module, or any object built with -g), or, when the running
 *		kernel has no BTF, Debian's debug vmlinux
 *		(/usr/lib/debug/boot/vmlinux-<release>, linux-image-*-dbg).
 *
 * A file named with -x ktypes is module "vmlinux" when its name starts
 * with "vmlinux", otherwise the module its name says ("ext4.ko" is
 * "ext4"); it is searched before the running kernel's modules and takes
 * the place of the kernel's own source for that module.  The running
 * kernel's types are searched only on the kernel host (DT_CF_KERNEL):
 * in the user host the "kernel" is this process, which has none.
 *
 * LAZINESS.  vmlinux has over 100,000 types and a D program uses a
 * handful, so nothing is read before a name that D's own tables do not
 * know is looked up.  Then the source is opened and its names indexed,
 * one pass over its types that converts none of them; a type is
 * converted into a dt_type_t when it is asked for.  A struct, union or
 * enum is converted as a shell (name, size, alignment): its members or
 * values are read the first time something asks for them
 * (dt_type_members(), dt_type_evals()), so converting struct task_struct
 * reads its members but not the structs its pointers point to.
 *
 * MEMORY.  Converted types live in their source's arena, cached by the
 * source's id for them (BTF type id, DWARF DIE offset).  They are facts
 * about the kernel, so a failed compile does not roll them back, and they
 * live as long as the compiler: the consumer prints kernel structs with
 * them long after compiling.  Filling a shell allocates from that arena
 * and never longjmps, since it can happen while the consumer prints; a
 * source that runs out of memory records it in 'err' and the compiler
 * reports it at the next lookup.
 *
 * SYMBOLS (dt_ksym.c).  `name and mod`name are kernel symbols: their
 * address from /proc/kallsyms, their type from a D extern declaration,
 * else from the module's BTF (which describes per-CPU variables and
 * functions) or DWARF (every variable).  See dt_ksym.c for the rules.
 */
#include "dt_cc.h"

/* What a name names in a source's index. */
typedef enum dt_kname {
	DT_KN_STRUCT,
	DT_KN_UNION,
	DT_KN_ENUM,
	DT_KN_TYPE,		/* typedef, integer or floating type */
	DT_KN_VAR,		/* variable */
	DT_KN_FUNC,		/* function */
} dt_kname_t;

typedef struct dt_ksrc dt_ksrc_t;
typedef struct dt_ktypes dt_ktypes_t;

/* A hash map: (kind, name) -> id for names, id -> dt_type_t for types. */
typedef struct dt_kent {
	const char	*name;		/* NULL in the id -> type map */
	unsigned long	key;		/* dt_kname_t, or the id */
	uintptr_t	val;
	int		used;
} dt_kent_t;

typedef struct dt_kmap {
	dt_kent_t	*v;
	size_t		n, cap;		/* n entries; cap a power of two */
} dt_kmap_t;

/* What a source format implements. */
typedef struct dt_ksrc_ops {
	const char	*format;	/* "BTF", "DWARF" */
	/*
	 * Open the source and index its names with dt_kindex_add(); 0, or
	 * -1 with src->err saying why.  Called once, at the first lookup.
	 */
	int (*open)(dt_ksrc_t *src);
	/* The type with this id, converted; NULL with src->err on failure. */
	const dt_type_t *(*type)(dt_ksrc_t *src, unsigned long id);
	/* Read the members or values of a shell this source built. */
	void (*fill)(dt_ksrc_t *src, dt_type_t *t);
	/* The type of variable or function 'name' (DT_TK_FUNC), or NULL. */
	const dt_type_t *(*symbol)(dt_ksrc_t *src, const char *name);
	void (*close)(dt_ksrc_t *src);
} dt_ksrc_ops_t;

extern const dt_ksrc_ops_t dt_btf_ops;
extern const dt_ksrc_ops_t dt_dwarf_ops;

enum { DT_KS_NEW, DT_KS_OPEN, DT_KS_FAILED };

struct dt_ksrc {
	const dt_ksrc_ops_t	*ops;
	dt_ktypes_t		*kt;		/* the namespace it is in */
	char			*module;	/* "vmlinux", "ext4" */
	char			*path;
	int			state;		/* DT_KS_* */
	int			hidden;		/* only a base for others */
	char			err[512];	/* why it failed, or "" */
	dt_arena_t		*arena;		/* its types, names */
	dt_kmap_t		*names;		/* (kind, name) -> id */
	dt_kmap_t		*types;		/* id -> dt_type_t */
	dt_ksrc_t		*base;		/* split BTF: its base */
	void			*priv;		/* the format's state */
	dt_ksrc_t		*next;
};

struct dt_ktypes {
	dt_cc_t		*cc;
	dt_ksrc_t	*srcs;		/* in search order */
	int		discovered;	/* srcs is complete */
	char		why[1024];	/* what a failed lookup searched */
	char		*kallsyms;	/* /proc/kallsyms, read once */
	size_t		kallsyms_len;
};

/* The namespace of a compiler, its sources discovered (dt_ktype.c). */
dt_ktypes_t *dt_ktypes(dt_cc_t *cc, int line);
/* The source of module 'mod' (opened), or NULL with kt->why set. */
dt_ksrc_t *dt_ksrc_module(dt_ktypes_t *kt, const char *mod);
/* Open a source now if it is not yet; 0 or -1 (src->err). */
int dt_ksrc_open(dt_ksrc_t *src);
/* Split "mod`name" into its module (or NULL) and the name. */
const char *dt_kscope(dt_cc_t *cc, const char *name, const char **mod);

/* ---- what sources share (dt_ktype.c) ------------------------------- */

/* Fail with a message (printf style) in src->err; returns NULL. */
void *dt_ksrc_fail(dt_ksrc_t *src, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* The name index: 0, or -1 when out of memory (src->err set). */
int dt_kindex_add(dt_ksrc_t *src, dt_kname_t kn, const char *name,
		  unsigned long id);
/* The id indexed for (kn, name): 1 and *idp, or 0. */
int dt_kindex_find(dt_ksrc_t *src, dt_kname_t kn, const char *name,
		   unsigned long *idp);

/* The conversion cache, by the source's id. */
const dt_type_t *dt_kcache_get(dt_ksrc_t *src, unsigned long id);
const dt_type_t *dt_kcache_put(dt_ksrc_t *src, unsigned long id,
			       const dt_type_t *t);

/*
 * Builders: types in the source's arena.  Each returns NULL with src->err
 * set when out of memory.  Integers and floats of C's sizes are D's own
 * built-in types, so that a kernel 'unsigned int' is D's.
 */
char *dt_kstrdup(dt_ksrc_t *src, const char *s);
dt_type_t *dt_ktype_new(dt_ksrc_t *src, dt_tkind_t kind, const char *name);
const dt_type_t *dt_ktype_int(dt_ksrc_t *src, const char *name,
			      unsigned long size, int issigned, int ischar,
			      int isbool);
const dt_type_t *dt_ktype_float(dt_ksrc_t *src, const char *name,
				unsigned long size);
const dt_type_t *dt_ktype_ptr(dt_ksrc_t *src, const dt_type_t *ref);
const dt_type_t *dt_ktype_array(dt_ksrc_t *src, const dt_type_t *ref,
				unsigned long n);
const dt_type_t *dt_ktype_typedef(dt_ksrc_t *src, const char *name,
				  const dt_type_t *ref);
/* A struct, union or enum shell, filled later from (src, id). */
dt_type_t *dt_ktype_shell(dt_ksrc_t *src, dt_tkind_t kind, const char *name,
			  unsigned long size, unsigned long id);
/* Append a member (off, bits: in bits) or an enumerator; 0 or -1. */
int dt_ktype_member(dt_ksrc_t *src, dt_member_t ***tail, const char *name,
		    const dt_type_t *type, unsigned long off, unsigned int bits);
int dt_ktype_enumval(dt_ksrc_t *src, dt_enumval_t ***tail,
		     const char *name, long long value);

/* ---- the file formats ---------------------------------------------- */

/* Does the ELF file at 'path' have .BTF, .debug_info? 0, or -1 + why. */
int dt_elf_sections(const char *path, int *has_btf, int *has_dwarf,
		    char *why, size_t whylen);

#endif /* DT_KTYPE_H */
