/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CORE_ABI_H
#define CORE_ABI_H

#include "dif.h"

/*
 * What the core and a consumer exchange besides DOF: action kinds, option
 * numbers, the layout of principal and aggregation buffers, and the
 * descriptions the consumer asks for to decode them.  The same structures
 * cross the module's ioctl interface unchanged, so they use only fixed-size
 * fields and no pointers.
 */

/* ---- actions (dof_actdesc_t.kind, dtc_recdesc_t.action) -------------- */

#define DTRACEACT_NONE		0	/* no record; e.g. a key */
#define DTRACEACT_DIFEXPR	1	/* trace(expr); also key and arg records */
#define DTRACEACT_EXIT		2	/* exit(status): int32 record */
#define DTRACEACT_PRINTF	3	/* first record of printf() */
#define DTRACEACT_PRINTA	4	/* printa(): record of the agg var id */
#define DTRACEACT_LIBACT	5	/* consumer action; arg says which */
#define DTRACEACT_TRACEMEM	6	/* tracemem(addr, size) */
#define DTRACEACT_TRACEMEM_DYNSIZE 7	/* the dynamic size of a tracemem */
#define DTRACEACT_PRINT		8	/* print(expr) */
#define DTRACEACT_SYSTEM	9	/* system(): consumer runs it (-w) */
#define DTRACEACT_FREOPEN	10	/* freopen(): consumer action */
#define DTRACEACT_STACK		11	/* stack(): arg frames of uint64 pc */
#define DTRACEACT_USTACK	12	/* ustack(): pid + arg frames */
#define DTRACEACT_SYM		13	/* sym(addr)/func(addr) */
#define DTRACEACT_MOD		14	/* mod(addr) */
#define DTRACEACT_USYM		15	/* usym/ufunc(addr): pid + addr */
#define DTRACEACT_UMOD		16	/* umod(addr): pid + addr */
#define DTRACEACT_UADDR		17	/* uaddr(addr): pid + addr */
#define DTRACEACT_STOP		18	/* stop() (-w) */
#define DTRACEACT_RAISE		19	/* raise(sig) (-w) */
#define DTRACEACT_CHILL		20	/* chill(ns) (-w) */
#define DTRACEACT_SPECULATE	21	/* speculate(id): the rest of the
					   clause goes to that speculation */
#define DTRACEACT_COMMIT	22	/* commit(id) */
#define DTRACEACT_DISCARD	23	/* discard(id) */
#define DTRACEACT_PRINTM	24	/* reserved */

/* Aggregating actions: the value of 'kind' for an aggregation. */
#define DTRACEAGG_BASE		0x100
#define DTRACEAGG_COUNT		0x101	/* uint64 */
#define DTRACEAGG_MIN		0x102	/* int64, starts at INT64_MAX */
#define DTRACEAGG_MAX		0x103	/* int64, starts at INT64_MIN */
#define DTRACEAGG_AVG		0x104	/* uint64 count, int64 sum */
#define DTRACEAGG_SUM		0x105	/* int64 */
#define DTRACEAGG_STDDEV	0x106	/* uint64 count, int64 sum,
					   uint64 sum-of-squares lo, hi */
#define DTRACEAGG_QUANTIZE	0x107	/* DTRACE_QUANTIZE_NBUCKETS x int64 */
#define DTRACEAGG_LQUANTIZE	0x108	/* levels + 2 x int64: under, levels,
					   over */
#define DTRACEAGG_LLQUANTIZE	0x109	/* dtc_llquantize_nbuckets() x int64 */
#define DTRACEAGG_ISAGG(k)	((k) > DTRACEAGG_BASE && (k) <= 0x109)

/*
 * quantize(): bucket i for i < ZERO holds -2^(ZERO-1-i) .. ; bucket ZERO
 * holds 0; bucket ZERO + k (k >= 1) holds values v with 2^(k-1) <= v <
 * 2^k.  This is DTrace's power-of-two layout.
 */
#define DTRACE_QUANTIZE_NBUCKETS	127
#define DTRACE_QUANTIZE_ZEROBUCKET	63

/* ---- options (dof_optdesc_t.option) --------------------------------- */

#define DTRACEOPT_BUFSIZE	0	/* principal buffer bytes per CPU */
#define DTRACEOPT_BUFPOLICY	1	/* DTRACEOPT_BUFPOLICY_* */
#define DTRACEOPT_DYNVARSIZE	2	/* dynamic variable space bytes */
#define DTRACEOPT_AGGSIZE	3	/* aggregation buffer bytes per CPU */
#define DTRACEOPT_SPECSIZE	4	/* bytes per speculation buffer */
#define DTRACEOPT_NSPEC		5	/* number of speculations */
#define DTRACEOPT_STRSIZE	6	/* string size */
#define DTRACEOPT_CLEANRATE	7	/* ns between dynvar cleanings */
#define DTRACEOPT_CPU		8	/* only this CPU, or -1 */
#define DTRACEOPT_STACKFRAMES	9
#define DTRACEOPT_USTACKFRAMES	10
#define DTRACEOPT_DESTRUCTIVE	11	/* -w */
#define DTRACEOPT_BUFRESIZE	12	/* DTRACEOPT_BUFRESIZE_* */
#define DTRACEOPT_STATUSRATE	13
#define DTRACEOPT_SWITCHRATE	14
#define DTRACEOPT_AGGRATE	15
#define DTRACEOPT_JSTACKFRAMES	16
#define DTRACEOPT_MAX		17

#define DTRACEOPT_BUFPOLICY_SWITCH	0
#define DTRACEOPT_BUFPOLICY_FILL	1
#define DTRACEOPT_BUFPOLICY_RING	2
#define DTRACEOPT_BUFRESIZE_AUTO	0
#define DTRACEOPT_BUFRESIZE_MANUAL	1
#define DTRACEOPT_UNSET		(~0ULL)

/* ---- principal buffers ---------------------------------------------- */

/*
 * A principal buffer is a sequence of EPID records.  Each starts on an
 * 8-byte boundary with a dtc_rechdr_t; its payload is the ECB's records at
 * the offsets given by its dtc_epdesc_t (offsets are from the start of the
 * header; the first record is at sizeof (dtc_rechdr_t) or after).  The
 * total size is dtc_epdesc_t.size, padded to 8.  An epid of
 * DTRACE_EPIDNONE marks padding to the end of the buffer (fill policy).
 */
typedef struct dtc_rechdr {
	unsigned int	epid;
	unsigned int	cpu;
	unsigned long long timestamp;	/* os_gethrtime() at the firing */
} dtc_rechdr_t;

#define DTRACE_EPIDNONE		0

typedef struct dtc_recdesc {
	unsigned short	action;		/* DTRACEACT_* or DTRACEAGG_* */
	unsigned short	flags;		/* DTC_RECF_* */
	unsigned int	size;		/* bytes of this record */
	unsigned int	offset;		/* from the start of the EPID record */
	unsigned int	alignment;
	dif_type_t	type;		/* the DIFO's return type */
	unsigned long long arg;		/* the action's arg */
	unsigned long long uarg;	/* the action's uarg */
} dtc_recdesc_t;

#define DTC_RECF_STRING		0x1	/* a NUL-padded string of 'size' */
#define DTC_RECF_BYREF		0x2	/* raw bytes copied by reference */
#define DTC_RECF_SIGNED		0x4	/* a signed integer */

typedef struct dtc_epdesc {
	unsigned int	epid;
	unsigned int	probeid;
	unsigned long long uarg;	/* the ECB's uarg */
	unsigned int	size;		/* bytes of an EPID record */
	unsigned int	nrecs;
	dtc_recdesc_t	recs[];		/* nrecs */
} dtc_epdesc_t;

/* ---- aggregation buffers ------------------------------------------- */

/*
 * An aggregation buffer snapshot is a sequence of entries, each 8-byte
 * aligned: a dtc_aggent_t, then the key (the key records at the offsets
 * of dtc_aggdesc_t.keys, relative to the end of the dtc_aggent_t), then
 * the value (int64 words) at dtc_aggdesc_t.valoffset from the same
 * point.  The consumer accumulates snapshots: after a switch the core
 * starts the CPU's buffer empty again.
 */
typedef struct dtc_aggent {
	unsigned int	varid;		/* the action's arg */
	unsigned int	size;		/* entry bytes, header included */
} dtc_aggent_t;

typedef struct dtc_aggdesc {
	unsigned int	varid;
	unsigned int	kind;		/* DTRACEAGG_* */
	unsigned long long arg2;	/* lquantize/llquantize parameters */
	unsigned int	nkeys;
	unsigned int	keysize;	/* bytes of key, padded to 8 */
	unsigned int	valoffset;	/* == keysize */
	unsigned int	valsize;	/* bytes of value */
	dtc_recdesc_t	keys[];		/* nkeys */
} dtc_aggdesc_t;

/* lquantize / llquantize parameter packing (dof_actdesc_t.arg2). */
#define DTRACE_LQUANTIZE_BASE(a)	((int)((a) & 0xffffffffULL))
#define DTRACE_LQUANTIZE_STEP(a)	((unsigned)(((a) >> 32) & 0xffff))
#define DTRACE_LQUANTIZE_LEVELS(a)	((unsigned)(((a) >> 48) & 0xffff))
#define DTRACE_LLQUANTIZE_FACTOR(a)	((unsigned)((a) & 0xffff))
#define DTRACE_LLQUANTIZE_LOW(a)	((unsigned)(((a) >> 16) & 0xffff))
#define DTRACE_LLQUANTIZE_HIGH(a)	((unsigned)(((a) >> 32) & 0xffff))
#define DTRACE_LLQUANTIZE_NSTEP(a)	((unsigned)(((a) >> 48) & 0xffff))

/*
 * llquantize() bucket layout, shared by the core (which fills buckets) and
 * the consumer (which prints them).  With factor f, magnitudes low..high
 * and nsteps steps: bucket 0 holds values below f^low; then each
 * magnitude m covers [f^m, f^(m+1)) in steps of max(1, f^(m+1) / nsteps),
 * as many as that range needs; the last bucket holds values from
 * f^(high+1) up.  The parameters are valid when f >= 2, low <= high and
 * f^(high+1) fits in an int64 (the core refuses the others).
 */
static inline unsigned long long dtc_llquantize_pow(unsigned f, unsigned m)
{
	unsigned long long v = 1;

	while (m-- > 0) {
		if (v > 0x7fffffffffffffffULL / f)
			return 0x7fffffffffffffffULL;
		v *= f;
	}
	return v;
}

/* Buckets of magnitude m: (f^(m+1) - f^m) / step, rounded up. */
static inline unsigned dtc_llquantize_magbuckets(unsigned long long a,
						 unsigned m,
						 unsigned long long *step)
{
	unsigned f = DTRACE_LLQUANTIZE_FACTOR(a);
	unsigned n = DTRACE_LLQUANTIZE_NSTEP(a);
	unsigned long long lo = dtc_llquantize_pow(f, m);
	unsigned long long hi = dtc_llquantize_pow(f, m + 1);

	*step = n ? hi / n : 1;
	if (*step == 0)
		*step = 1;
	return (unsigned)((hi - lo + *step - 1) / *step);
}

static inline unsigned dtc_llquantize_nbuckets(unsigned long long a)
{
	unsigned long long step;
	unsigned m, n = 2;

	for (m = DTRACE_LLQUANTIZE_LOW(a); m <= DTRACE_LLQUANTIZE_HIGH(a);
	     m++)
		n += dtc_llquantize_magbuckets(a, m, &step);
	return n;
}

/* The bucket of value v. */
static inline unsigned dtc_llquantize_bucket(unsigned long long a,
					     long long v)
{
	unsigned f = DTRACE_LLQUANTIZE_FACTOR(a);
	unsigned long long step, lo;
	unsigned m, idx = 1, nb;

	if (v < (long long)dtc_llquantize_pow(f, DTRACE_LLQUANTIZE_LOW(a)))
		return 0;
	for (m = DTRACE_LLQUANTIZE_LOW(a); m <= DTRACE_LLQUANTIZE_HIGH(a);
	     m++) {
		nb = dtc_llquantize_magbuckets(a, m, &step);
		lo = dtc_llquantize_pow(f, m);
		if ((unsigned long long)v < dtc_llquantize_pow(f, m + 1))
			return idx + (unsigned)(((unsigned long long)v - lo) /
						step);
		idx += nb;
	}
	return idx;
}

/* The smallest value that bucket i holds (bucket 0: below f^low). */
static inline long long dtc_llquantize_bucket_min(unsigned long long a,
						  unsigned i)
{
	unsigned f = DTRACE_LLQUANTIZE_FACTOR(a);
	unsigned long long step;
	unsigned m, idx = 1, nb;

	if (i == 0)
		return (long long)0x8000000000000000ULL;
	for (m = DTRACE_LLQUANTIZE_LOW(a); m <= DTRACE_LLQUANTIZE_HIGH(a);
	     m++) {
		nb = dtc_llquantize_magbuckets(a, m, &step);
		if (i < idx + nb)
			return (long long)(dtc_llquantize_pow(f, m) +
					   (i - idx) * step);
		idx += nb;
	}
	return (long long)dtc_llquantize_pow(f, DTRACE_LLQUANTIZE_HIGH(a) + 1);
}

/* ---- status ------------------------------------------------------- */

typedef struct dtc_status {
	unsigned long long dyndrops;		/* dynamic variable drops */
	unsigned long long dyndrops_rinsing;
	unsigned long long dyndrops_dirty;
	unsigned long long specdrops;		/* speculation drops */
	unsigned long long specdrops_busy;
	unsigned long long specdrops_unavail;
	unsigned long long errors;		/* faults, ERROR fired */
	unsigned long long stkdrops;
	unsigned long long ustkdrops;
	unsigned int	exiting;		/* exit() ran */
	unsigned int	filled;			/* a fill buffer filled */
	int		killed;			/* the deadman fired */
	int		pad;
} dtc_status_t;

/* A probe as listed by dtrace -l.  Strings are NUL-terminated. */
#define DTRACE_PROVNAMELEN	64
#define DTRACE_MODNAMELEN	64
#define DTRACE_FUNCNAMELEN	192
#define DTRACE_NAMELEN		64

typedef struct dtc_probeinfo {
	unsigned int	id;
	unsigned int	nargs;
	char		provider[DTRACE_PROVNAMELEN];
	char		mod[DTRACE_MODNAMELEN];
	char		func[DTRACE_FUNCNAMELEN];
	char		name[DTRACE_NAMELEN];
} dtc_probeinfo_t;

/*
 * The C type of one argument of a probe, for typed args[] (DTrace's
 * dtrace_argdesc): 'native' is the type as the kernel's C spells it
 * ("struct file *", "int"), scoped to a module when it is not vmlinux's
 * ("ext4`struct ext4_inode_info *"); empty when the provider does not
 * say (then args[ndx] is an int64_t, as arg0..arg9).  The compiler
 * resolves it through the kernel's types (user/dt_ktype.c).
 */
#define DTRACE_ARGTYPELEN	128

typedef struct dtc_argdesc {
	unsigned int	id;			/* in: the probe */
	int		ndx;			/* in: the argument, 0.. */
	char		native[DTRACE_ARGTYPELEN];	/* out */
} dtc_argdesc_t;

/* Error codes the loader reports, with the section and a message. */
#define DTC_LOADERR_MSGLEN	256
typedef struct dtc_loaderr {
	int		code;			/* an errno value */
	unsigned int	section;		/* the offending section or ~0 */
	char		msg[DTC_LOADERR_MSGLEN];
} dtc_loaderr_t;

#endif /* CORE_ABI_H */
