/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DT_SYM_H
#define DT_SYM_H

#include <stddef.h>
#include <stdint.h>

/*
 * Symbol tables: what is at an address.  Three sources, one answer:
 *
 *   dt_ksyms	the kernel's symbols, from /proc/kallsyms (dt_ksyms.c)
 *   dt_elfsyms	the symbol table of one ELF file (dt_elfsyms.c)
 *   dt_usyms	processes: their mappings (/proc/PID/maps) and the ELF
 *		symbols of the files mapped (dt_usyms.c)
 *
 * A lookup fills a dt_symbol_t and says how much it found: a symbol, or
 * only the object (module, file) the address lies in, or nothing.  The
 * strings belong to the table and live as long as it does.
 */

typedef struct dt_symbol {
	const char	*object;	/* "vmlinux", "ext4", "libc.so.6" */
	const char	*name;		/* the symbol, NULL for DT_SYM_OBJECT */
	uint64_t	value;		/* the symbol's address */
	uint64_t	base;		/* the object's lowest address */
} dt_symbol_t;

#define DT_SYM_NONE	0	/* nothing known at the address */
#define DT_SYM_OBJECT	1	/* object and base only */
#define DT_SYM_FOUND	2	/* a symbol covers the address */

/* ---- the kernel ------------------------------------------------------- */

typedef struct dt_ksyms dt_ksyms_t;

/*
 * Read a kallsyms file and, when 'modules' is not NULL and readable, the
 * extents of the modules from a /proc/modules file.  NULL with a message
 * in err when the symbols cannot be read or all their addresses are
 * hidden (0: kptr_restrict and not root).
 */
dt_ksyms_t *dt_ksyms_read(const char *kallsyms, const char *modules,
			  char *err, size_t errlen);
void dt_ksyms_free(dt_ksyms_t *ks);
int dt_ksyms_lookup(const dt_ksyms_t *ks, uint64_t addr, dt_symbol_t *sym);

/* ---- one ELF file ----------------------------------------------------- */

typedef struct dt_elfsyms dt_elfsyms_t;

/* NULL with a message in err when 'path' is not a readable ELF file. */
dt_elfsyms_t *dt_elfsyms_read(const char *path, char *err, size_t errlen);
void dt_elfsyms_free(dt_elfsyms_t *es);
/*
 * The link-time address that file offset 'off' is loaded at (from the
 * program headers): a mapping of the file at offset 'off' starting at
 * address A has load bias A - *vaddr.  0, or -1 when no segment loads it.
 */
int dt_elfsyms_vaddr(const dt_elfsyms_t *es, uint64_t off, uint64_t *vaddr);
/* The symbol covering link-time address 'vaddr': its name and value. */
const char *dt_elfsyms_lookup(const dt_elfsyms_t *es, uint64_t vaddr,
			      uint64_t *value);

/* ---- processes -------------------------------------------------------- */

typedef struct dt_usyms dt_usyms_t;

/* 'procfs' is where the proc file system is mounted ("/proc"). */
dt_usyms_t *dt_usyms_create(const char *procfs);
void dt_usyms_free(dt_usyms_t *us);
/* Read the mappings of 'pid' now, unless they were read already. */
void dt_usyms_grab(dt_usyms_t *us, int pid);
int dt_usyms_lookup(dt_usyms_t *us, int pid, uint64_t addr,
		    dt_symbol_t *sym);

/*
 * The part of a symbol table entry that orders it: the entries of the
 * kernel's and of ELF files' tables begin with one.  dt_symname_cmp sorts
 * them (qsort) by address and, at one address, the name to show first:
 * a function rather than data, fewer leading underscores (the public
 * name: read, not __read), global before weak before local, then the
 * shorter, then by spelling, so that the choice never depends on the
 * order of the table.
 */
typedef struct dt_symname {
	uint64_t	addr;
	const char	*name;
	unsigned char	func;		/* a function, not data */
	unsigned char	bind;		/* 0 global, 1 weak, 2 local */
} dt_symname_t;

int dt_symname_cmp(const void *a, const void *b);
/*
 * In such a table, sorted, of n entries of 'size' bytes each: how many
 * entries lie at or below addr (the last of them is the symbol before it).
 */
size_t dt_symname_upto(const void *table, size_t n, size_t size,
		       uint64_t addr);

#endif /* DT_SYM_H */
