/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CORE_DOF_H
#define CORE_DOF_H

#include "dif.h"

/*
 * The DOF container: how a compiled D program travels from the consumer
 * (user/dt_dof_write.c) to the core (core/dof_load.c), in process or
 * through the module's ioctl.  It follows DTrace's DOF in spirit: a header,
 * a table of typed sections, and sections that refer to each other by
 * index.  It is not binary-compatible with Solaris DOF.
 *
 * Layout (all integers little-endian, naturally aligned):
 *
 *   dof_hdr_t          at offset 0
 *   dof_sec_t[secnum]  at hdr.secoff, hdr.secsize bytes each
 *   section data       anywhere after, at dof_sec_t.offset
 *
 * A program is a set of enablings (DOF_SECT_ECBDESC).  Each ECB names a
 * probe description, an optional predicate (a DIFO) and a list of
 * actions.  Each action produces exactly one record in the principal
 * buffer (possibly of size 0) or updates an aggregation.
 *
 * TRUST: the core treats every byte here as hostile.  The loader checks,
 * before it uses anything: the magic, version and header size; that the
 * section table and every section lie inside the file; every section's
 * alignment and entry size; that every section index names a section of
 * the expected type; that every string-table offset lands inside its
 * table and the string is terminated there; and then runs the DIF
 * verifier on every DIFO.  Any failure refuses the whole DOF with an
 * error naming the section and the reason; nothing is half-enabled.
 */

#define DOF_MAG0		0x7f
#define DOF_MAG1		'D'
#define DOF_MAG2		'O'
#define DOF_MAG3		'F'
#define DOF_VERSION		1
#define DOF_MAXSIZE		(8u << 20)	/* refused when larger */

typedef unsigned int dof_secidx_t;	/* index into the section table */
typedef unsigned int dof_stridx_t;	/* offset into a string table */
#define DOF_SECIDX_NONE		0xffffffffu
#define DOF_STRIDX_NONE		0xffffffffu

typedef struct dof_hdr {
	unsigned char	ident[4];	/* DOF_MAG0..DOF_MAG3 */
	unsigned short	version;	/* DOF_VERSION */
	unsigned short	hdrsize;	/* sizeof (dof_hdr_t) */
	unsigned int	secsize;	/* sizeof (dof_sec_t) */
	unsigned int	secnum;		/* number of sections */
	unsigned long long secoff;	/* offset of the section table */
	unsigned long long filesz;	/* total size of the DOF */
} dof_hdr_t;

typedef struct dof_sec {
	unsigned int	type;		/* DOF_SECT_* */
	unsigned int	align;		/* required alignment (power of 2) */
	unsigned int	entsize;	/* size of an entry, 0 if not a table */
	unsigned int	pad;
	unsigned long long offset;	/* from the start of the DOF */
	unsigned long long size;	/* bytes */
} dof_sec_t;

enum dof_sect_type {
	DOF_SECT_NONE = 0,
	DOF_SECT_STRTAB = 1,	/* char[]: NUL-terminated strings */
	DOF_SECT_DIF = 2,	/* dif_instr_t[] */
	DOF_SECT_INTTAB = 3,	/* unsigned long long[] */
	DOF_SECT_VARTAB = 4,	/* dof_difv_t[] */
	DOF_SECT_DIFOHDR = 5,	/* dof_difohdr_t */
	DOF_SECT_PROBEDESC = 6,	/* dof_probedesc_t */
	DOF_SECT_ACTDESC = 7,	/* dof_actdesc_t[] */
	DOF_SECT_ECBDESC = 8,	/* dof_ecbdesc_t */
	DOF_SECT_OPTDESC = 9,	/* dof_optdesc_t[] */
	DOF_SECT_MAX = 9
};

/*
 * A DIF object.  Its DIF, integer table, string table and variable table
 * are separate sections; the string table also holds variable names.
 */
typedef struct dof_difohdr {
	dif_type_t	rtype;		/* type of the returned value */
	dof_secidx_t	dif;		/* DOF_SECT_DIF (required) */
	dof_secidx_t	inttab;		/* DOF_SECT_INTTAB or NONE */
	dof_secidx_t	strtab;		/* DOF_SECT_STRTAB or NONE */
	dof_secidx_t	vartab;		/* DOF_SECT_VARTAB or NONE */
} dof_difohdr_t;

typedef struct dof_difv {
	dof_stridx_t	name;		/* in the DIFO's string table */
	unsigned int	id;		/* >= DIF_VAR_OTHER_UBASE */
	unsigned char	kind;		/* DIF_VKIND_* */
	unsigned char	scope;		/* DIF_VSCOPE_* */
	unsigned short	flags;		/* DIF_VFLAG_* */
	dif_type_t	type;
} dof_difv_t;

/* A probe description; empty strings match anything, globs allowed. */
typedef struct dof_probedesc {
	dof_secidx_t	strtab;		/* DOF_SECT_STRTAB */
	dof_stridx_t	provider;
	dof_stridx_t	mod;
	dof_stridx_t	func;
	dof_stridx_t	name;
	unsigned int	id;		/* 0, or an exact probe id */
} dof_probedesc_t;

/*
 * One action.  'kind' is a DTRACEACT_* or DTRACEAGG_* value (abi.h).
 *
 *   difo	DOF_SECT_DIFOHDR computing the recorded value, or NONE
 *   ntuple	for an aggregating action: the number of actions
 *		immediately before it that are its key (they write no
 *		principal-buffer record of their own): DTRACEACT_DIFEXPR,
 *		or a stack or symbol action (STACK, USTACK, SYM, MOD,
 *		USYM, UMOD, UADDR) for @[stack()], @[ufunc(pc)]
 *   arg	kind-specific:
 *		 aggregations: the aggregation variable id (same id = same
 *		   aggregation across clauses; the consumer's numbering)
 *		 DTRACEACT_TRACEMEM: the number of bytes to record
 *		 DTRACEACT_STACK/USTACK: the number of frames, 0 for the
 *		   stackframes/ustackframes option
 *		 DTRACEACT_LIBACT: a consumer action code (the core only
 *		   records the value)
 *		 DTRACEACT_SPECULATE/COMMIT/DISCARD: unused
 *	arg2	aggregations: DTRACEAGG_LQUANTIZE packs base (int32, low
 *		   32 bits), step (uint16, bits 32..47) and levels (uint16,
 *		   bits 48..63); DTRACEAGG_LLQUANTIZE packs factor (bits
 *		   0..15), low magnitude (16..31), high magnitude (32..47)
 *		   and steps (48..63)
 *		 DTRACEACT_PRINTA: unused
 *   incr	aggregations: DOF_SECT_DIFOHDR for the optional increment or
 *		   weight (quantize(x, incr), sum has none), or NONE
 *   uarg	opaque to the core, handed back in the record description
 *		(the consumer's statement index)
 */
typedef struct dof_actdesc {
	dof_secidx_t	difo;
	dof_secidx_t	incr;
	unsigned int	kind;
	unsigned int	ntuple;
	unsigned long long arg;
	unsigned long long arg2;
	unsigned long long uarg;
} dof_actdesc_t;

typedef struct dof_ecbdesc {
	dof_secidx_t	probes;		/* DOF_SECT_PROBEDESC */
	dof_secidx_t	pred;		/* DOF_SECT_DIFOHDR or NONE */
	dof_secidx_t	actions;	/* DOF_SECT_ACTDESC or NONE */
	unsigned int	pad;
	unsigned long long uarg;	/* handed back in the EPID desc */
} dof_ecbdesc_t;

/* Options the core needs (bufsize, dynvarsize, ...): see abi.h. */
typedef struct dof_optdesc {
	unsigned int	option;		/* DTRACEOPT_* */
	unsigned int	pad;
	unsigned long long value;
} dof_optdesc_t;

#endif /* CORE_DOF_H */
