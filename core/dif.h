/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CORE_DIF_H
#define CORE_DIF_H

/*
 * The D Intermediate Format (DIF): the instruction set that the D compiler
 * emits and that the core's virtual machine (core/dif_vm.c) executes in
 * probe context after the verifier (core/dif_verify.c) has accepted it.
 *
 * The semantics are DTrace's:
 *
 *   - DIF_NREGS 64-bit registers.  %r0 always reads as zero; writes to it
 *     are rejected by the verifier.
 *   - A condition-code register set by CMP, SCMP and TST (n, z, v, c as for
 *     a subtraction r1 - r2) and read by the conditional branches.
 *   - Branch targets are absolute instruction indices and must point
 *     forward (the verifier rejects backward branches, so every program
 *     terminates).
 *   - Integer constants come from the DIFO's integer table (SETX), string
 *     constants from its string table (SETS; the register receives the
 *     address of the string).
 *   - Variables: built-in ones (ids below DIF_VAR_OTHER_UBASE) and user
 *     ones (ids from DIF_VAR_OTHER_UBASE up, described in the DIFO's
 *     variable table) in three scopes: global (LDGS/STGS, LDGAA/STGAA for
 *     associative arrays), thread-local (LDTS/STTS, LDTAA/STTAA) and
 *     clause-local (LDLS/STLS).
 *   - Associative array keys and subroutine arguments are passed on the
 *     tuple stack (PUSHTV by value, PUSHTR by reference with a size).
 *   - Loads go through the fault-safe load path: a bad address does not
 *     crash, it sets the per-CPU fault flags and the ERROR probe fires.
 *   - Stores (STB..STX) are only allowed to scratch memory (ALLOCS/alloca)
 *     and to by-reference variable storage; the VM checks every store.
 *
 * Instruction encoding (one 32-bit word, op in the top byte):
 *
 *   ALU      op r1 r2 rd        rd = r1 <op> r2
 *   NOT/MOV  op r1 0  rd        rd = ~r1 / rd = r1
 *   CMP,SCMP op r1 r2 0         cc = compare(r1, r2)
 *   TST      op r1 0  0         cc = compare(r1, 0)
 *   Bxx      op label:24        branch to instruction 'label'
 *   LDxx     op r1 0  rd        rd = *(type *)r1 (sign/zero extended)
 *   STx      op r1 0  rd        *(type *)rd = r1
 *   SETX     op idx:16 rd       rd = inttab[idx]
 *   SETS     op off:16 rd       rd = &strtab[off]
 *   LDGS..   op var:16 rd       rd = variable var (also LDTS, LDLS,
 *                               LDGAA, LDTAA: key on the tuple stack)
 *   STGS..   op var:16 rs       variable var = rs (also STTS, STLS,
 *                               STGAA, STTAA)
 *   LDGA     op var:8 r2 rd     rd = builtin_array_var[r2] (args[])
 *   CALL     op subr:16 rd      rd = subr(tuple stack)
 *   PUSHTR   op type:8 r2 rs    push rs by reference, size in r2 (0:
 *                               the type's natural size; strings use
 *                               the strsize option)
 *   PUSHTV   op 0 0 rs          push rs by value
 *   POPTS    op                 pop the top tuple element
 *   FLUSHTS  op                 empty the tuple stack
 *   ALLOCS   op r1 0 rd         rd = scratch allocation of r1 bytes,
 *                               zeroed
 *   COPYS    op r1 r2 rd        copy r2 bytes from r1 to rd
 *   RET      op 0 0 rd          return rd
 *   NOP      op
 */

#define DIF_NREGS		32	/* registers %r0..%r31 */
#define DIF_NTUPLE		16	/* maximum tuple stack depth */

typedef unsigned int dif_instr_t;	/* 32 bits on every ABI we build */

#define DIF_INSTR_OP(i)		(((i) >> 24) & 0xff)
#define DIF_INSTR_R1(i)		(((i) >> 16) & 0xff)
#define DIF_INSTR_R2(i)		(((i) >> 8) & 0xff)
#define DIF_INSTR_RD(i)		((i) & 0xff)
#define DIF_INSTR_RS(i)		((i) & 0xff)
#define DIF_INSTR_LABEL(i)	((i) & 0xffffff)
#define DIF_INSTR_VAR(i)	(((i) >> 8) & 0xffff)
#define DIF_INSTR_INTEGER(i)	(((i) >> 8) & 0xffff)
#define DIF_INSTR_STRING(i)	(((i) >> 8) & 0xffff)
#define DIF_INSTR_SUBR(i)	(((i) >> 8) & 0xffff)
#define DIF_INSTR_TYPE(i)	(((i) >> 16) & 0xff)
#define DIF_INSTR_ARRAYVAR(i)	(((i) >> 16) & 0xff)

#define DIF_INSTR_FMT(op, r1, r2, d) \
	((dif_instr_t)(((op) << 24) | ((r1) << 16) | ((r2) << 8) | (d)))
#define DIF_INSTR_ALU(op, r1, r2, d)	DIF_INSTR_FMT(op, r1, r2, d)
#define DIF_INSTR_NOT(r1, d)		DIF_INSTR_FMT(DIF_OP_NOT, r1, 0, d)
#define DIF_INSTR_MOV(r1, d)		DIF_INSTR_FMT(DIF_OP_MOV, r1, 0, d)
#define DIF_INSTR_CMP(op, r1, r2)	DIF_INSTR_FMT(op, r1, r2, 0)
#define DIF_INSTR_TST(r1)		DIF_INSTR_FMT(DIF_OP_TST, r1, 0, 0)
#define DIF_INSTR_BRANCH(op, label) \
	((dif_instr_t)(((op) << 24) | ((label) & 0xffffff)))
#define DIF_INSTR_LOAD(op, r1, d)	DIF_INSTR_FMT(op, r1, 0, d)
#define DIF_INSTR_STORE(op, r1, d)	DIF_INSTR_FMT(op, r1, 0, d)
#define DIF_INSTR_SETX(i, d) \
	((dif_instr_t)((DIF_OP_SETX << 24) | ((i) << 8) | (d)))
#define DIF_INSTR_SETS(s, d) \
	((dif_instr_t)((DIF_OP_SETS << 24) | ((s) << 8) | (d)))
#define DIF_INSTR_LDV(op, v, d) \
	((dif_instr_t)(((op) << 24) | ((v) << 8) | (d)))
#define DIF_INSTR_STV(op, v, rs) \
	((dif_instr_t)(((op) << 24) | ((v) << 8) | (rs)))
#define DIF_INSTR_LDA(op, v, r2, d)	DIF_INSTR_FMT(op, v, r2, d)
#define DIF_INSTR_CALL(s, d) \
	((dif_instr_t)((DIF_OP_CALL << 24) | ((s) << 8) | (d)))
#define DIF_INSTR_PUSHTR(t, r2, rs)	DIF_INSTR_FMT(DIF_OP_PUSHTR, t, r2, rs)
#define DIF_INSTR_PUSHTV(rs)		DIF_INSTR_FMT(DIF_OP_PUSHTV, 0, 0, rs)
#define DIF_INSTR_POPTS			DIF_INSTR_FMT(DIF_OP_POPTS, 0, 0, 0)
#define DIF_INSTR_FLUSHTS		DIF_INSTR_FMT(DIF_OP_FLUSHTS, 0, 0, 0)
#define DIF_INSTR_ALLOCS(r1, d)		DIF_INSTR_FMT(DIF_OP_ALLOCS, r1, 0, d)
#define DIF_INSTR_COPYS(r1, r2, d)	DIF_INSTR_FMT(DIF_OP_COPYS, r1, r2, d)
#define DIF_INSTR_RET(d)		DIF_INSTR_FMT(DIF_OP_RET, 0, 0, d)
#define DIF_INSTR_NOP			DIF_INSTR_FMT(DIF_OP_NOP, 0, 0, 0)

/* Opcodes (DTrace's numbering). */
enum dif_op {
	DIF_OP_OR = 1,		/* or	r1, r2, rd */
	DIF_OP_XOR = 2,		/* xor	r1, r2, rd */
	DIF_OP_AND = 3,		/* and	r1, r2, rd */
	DIF_OP_SLL = 4,		/* sll	r1, r2, rd */
	DIF_OP_SRL = 5,		/* srl	r1, r2, rd (logical) */
	DIF_OP_SUB = 6,		/* sub	r1, r2, rd */
	DIF_OP_ADD = 7,		/* add	r1, r2, rd */
	DIF_OP_MUL = 8,		/* mul	r1, r2, rd */
	DIF_OP_SDIV = 9,	/* sdiv	r1, r2, rd: fault on zero divisor */
	DIF_OP_UDIV = 10,	/* udiv	r1, r2, rd: fault on zero divisor */
	DIF_OP_SREM = 11,	/* srem	r1, r2, rd: fault on zero divisor */
	DIF_OP_UREM = 12,	/* urem	r1, r2, rd: fault on zero divisor */
	DIF_OP_NOT = 13,	/* not	r1, rd */
	DIF_OP_MOV = 14,	/* mov	r1, rd */
	DIF_OP_CMP = 15,	/* cmp	r1, r2 */
	DIF_OP_TST = 16,	/* tst	r1 */
	DIF_OP_BA = 17,		/* ba	label */
	DIF_OP_BE = 18,		/* be	label: z */
	DIF_OP_BNE = 19,	/* bne	label: !z */
	DIF_OP_BG = 20,		/* bg	label: signed > */
	DIF_OP_BGU = 21,	/* bgu	label: unsigned > */
	DIF_OP_BGE = 22,	/* bge	label: signed >= */
	DIF_OP_BGEU = 23,	/* bgeu	label: unsigned >= */
	DIF_OP_BL = 24,		/* bl	label: signed < */
	DIF_OP_BLU = 25,	/* blu	label: unsigned < */
	DIF_OP_BLE = 26,	/* ble	label: signed <= */
	DIF_OP_BLEU = 27,	/* bleu	label: unsigned <= */
	DIF_OP_LDSB = 28,	/* ldsb	[r1], rd */
	DIF_OP_LDSH = 29,	/* ldsh	[r1], rd */
	DIF_OP_LDSW = 30,	/* ldsw	[r1], rd */
	DIF_OP_LDUB = 31,	/* ldub	[r1], rd */
	DIF_OP_LDUH = 32,	/* lduh	[r1], rd */
	DIF_OP_LDUW = 33,	/* lduw	[r1], rd */
	DIF_OP_LDX = 34,	/* ldx	[r1], rd */
	DIF_OP_RET = 35,	/* ret	rd */
	DIF_OP_NOP = 36,	/* nop */
	DIF_OP_SETX = 37,	/* setx	inttab[idx], rd */
	DIF_OP_SETS = 38,	/* sets	strtab[off], rd */
	DIF_OP_SCMP = 39,	/* scmp	r1, r2: string compare */
	DIF_OP_LDGA = 40,	/* ldga	var, r2, rd: built-in array */
	DIF_OP_LDGS = 41,	/* ldgs	var, rd */
	DIF_OP_STGS = 42,	/* stgs	var, rs */
	DIF_OP_LDTA = 43,	/* reserved (thread-local built-in array) */
	DIF_OP_LDTS = 44,	/* ldts	var, rd */
	DIF_OP_STTS = 45,	/* stts	var, rs */
	DIF_OP_SRA = 46,	/* sra	r1, r2, rd (arithmetic) */
	DIF_OP_CALL = 47,	/* call	subr, rd */
	DIF_OP_PUSHTR = 48,	/* pushtr type, r2, rs */
	DIF_OP_PUSHTV = 49,	/* pushtv rs */
	DIF_OP_POPTS = 50,	/* popts */
	DIF_OP_FLUSHTS = 51,	/* flushts */
	DIF_OP_LDGAA = 52,	/* ldgaa var, rd */
	DIF_OP_LDTAA = 53,	/* ldtaa var, rd */
	DIF_OP_STGAA = 54,	/* stgaa var, rs */
	DIF_OP_STTAA = 55,	/* sttaa var, rs */
	DIF_OP_LDLS = 56,	/* ldls	var, rd */
	DIF_OP_STLS = 57,	/* stls	var, rs */
	DIF_OP_ALLOCS = 58,	/* allocs r1, rd */
	DIF_OP_COPYS = 59,	/* copys r1, r2, rd */
	DIF_OP_STB = 60,	/* stb	r1, [rd] */
	DIF_OP_STH = 61,	/* sth	r1, [rd] */
	DIF_OP_STW = 62,	/* stw	r1, [rd] */
	DIF_OP_STX = 63,	/* stx	r1, [rd] */
	DIF_OP_MAX = 63
};

/* Types of tuple-stack entries pushed by PUSHTR. */
#define DIF_TYPE_CTF		0	/* C type (integer, pointer, struct) */
#define DIF_TYPE_STRING		1	/* D string */

/*
 * The type of a DIFO's return value or of a variable.  by-reference values
 * (strings, structs, arrays) are carried in registers as addresses; their
 * storage size is 'size' (for strings, the strsize option at most).
 */
typedef struct dif_type {
	unsigned char	kind;		/* DIF_TYPE_CTF or DIF_TYPE_STRING */
	unsigned char	ckind;		/* DIF_CKIND_* for DIF_TYPE_CTF */
	unsigned char	flags;		/* DIF_TF_* */
	unsigned char	pad;
	unsigned int	size;		/* bytes; 0 for void */
} dif_type_t;

#define DIF_CKIND_VOID		0
#define DIF_CKIND_INT		1	/* signed integer */
#define DIF_CKIND_UINT		2	/* unsigned integer */
#define DIF_CKIND_PTR		3	/* pointer (unsigned, pointer size) */
#define DIF_CKIND_STRUCT	4	/* struct/union, by reference */
#define DIF_CKIND_ARRAY		5	/* array, by reference */
#define DIF_CKIND_FLOAT		6	/* float/double (stored, not computed) */

#define DIF_TF_BYREF		0x1	/* value is a pointer to 'size' bytes */

/*
 * Built-in variables.  Ids below DIF_VAR_OTHER_MIN are built-in arrays
 * (LDGA); DIF_VAR_OTHER_MIN..DIF_VAR_OTHER_UBASE-1 are built-in scalars
 * (LDGS only); user variables start at DIF_VAR_OTHER_UBASE.
 */
#define DIF_VAR_ARGS		0x0000	/* args[] (typed) / arg0.. (by index) */
#define DIF_VAR_REGS		0x0001	/* regs[] */
#define DIF_VAR_UREGS		0x0002	/* uregs[] */
#define DIF_VAR_OTHER_MIN	0x0100
#define DIF_VAR_CURTHREAD	0x0100
#define DIF_VAR_TIMESTAMP	0x0101
#define DIF_VAR_VTIMESTAMP	0x0102
#define DIF_VAR_IPL		0x0103
#define DIF_VAR_EPID		0x0104
#define DIF_VAR_ID		0x0105
#define DIF_VAR_ARG0		0x0106	/* ARG0..ARG9 are consecutive */
#define DIF_VAR_ARG9		0x010f
#define DIF_VAR_STACKDEPTH	0x0110
#define DIF_VAR_CALLER		0x0111
#define DIF_VAR_PROBEPROV	0x0112
#define DIF_VAR_PROBEMOD	0x0113
#define DIF_VAR_PROBEFUNC	0x0114
#define DIF_VAR_PROBENAME	0x0115
#define DIF_VAR_PID		0x0116
#define DIF_VAR_TID		0x0117
#define DIF_VAR_EXECNAME	0x0118
#define DIF_VAR_ZONENAME	0x0119
#define DIF_VAR_WALLTIMESTAMP	0x011a
#define DIF_VAR_USTACKDEPTH	0x011b
#define DIF_VAR_UCALLER		0x011c
#define DIF_VAR_PPID		0x011d
#define DIF_VAR_UID		0x011e
#define DIF_VAR_GID		0x011f
#define DIF_VAR_ERRNO		0x0120
#define DIF_VAR_CURCPU		0x0121	/* cpu */
#define DIF_VAR_OTHER_UBASE	0x0500
#define DIF_VAR_OTHER_MAX	0xffff

/* Variable table entries (see dof.h for the on-disk form). */
#define DIF_VKIND_SCALAR	0
#define DIF_VKIND_ARRAY		1	/* associative array */

#define DIF_VSCOPE_GLOBAL	0
#define DIF_VSCOPE_THREAD	1
#define DIF_VSCOPE_LOCAL	2

#define DIF_VFLAG_REF		0x1	/* read by the program */
#define DIF_VFLAG_MOD		0x2	/* written by the program */

/*
 * Subroutines (CALL).  Arguments are on the tuple stack in order; strings
 * by reference.  The numbering is ours; the semantics are DTrace's.
 */
enum dif_subr {
	DIF_SUBR_RAND = 0,		/* rand() */
	DIF_SUBR_COPYIN,		/* copyin(uaddr, size) -> scratch */
	DIF_SUBR_COPYINSTR,		/* copyinstr(uaddr [, maxlen]) */
	DIF_SUBR_COPYINTO,		/* copyinto(uaddr, size, dest) */
	DIF_SUBR_SPECULATION,		/* speculation() -> id, 0 if none */
	DIF_SUBR_PROGENYOF,		/* progenyof(pid) */
	DIF_SUBR_STRLEN,		/* strlen(s) */
	DIF_SUBR_ALLOCA,		/* alloca(size) -> scratch */
	DIF_SUBR_BCOPY,			/* bcopy(src, dest, size) */
	DIF_SUBR_STRJOIN,		/* strjoin(a, b) */
	DIF_SUBR_LLTOSTR,		/* lltostr(v [, base]) */
	DIF_SUBR_BASENAME,		/* basename(s) */
	DIF_SUBR_DIRNAME,		/* dirname(s) */
	DIF_SUBR_CLEANPATH,		/* cleanpath(s) */
	DIF_SUBR_STRCHR,		/* strchr(s, c) */
	DIF_SUBR_STRRCHR,		/* strrchr(s, c) */
	DIF_SUBR_STRSTR,		/* strstr(s, sub) */
	DIF_SUBR_STRTOK,		/* strtok(s or NULL, delims) */
	DIF_SUBR_SUBSTR,		/* substr(s, index [, len]) */
	DIF_SUBR_INDEX,			/* index(s, sub [, start]) */
	DIF_SUBR_RINDEX,		/* rindex(s, sub [, start]) */
	DIF_SUBR_HTONS,
	DIF_SUBR_HTONL,
	DIF_SUBR_HTONLL,
	DIF_SUBR_NTOHS,
	DIF_SUBR_NTOHL,
	DIF_SUBR_NTOHLL,
	DIF_SUBR_INET_NTOP,		/* inet_ntop(af, addr) */
	DIF_SUBR_INET_NTOA,		/* inet_ntoa(ipaddr_t *) */
	DIF_SUBR_INET_NTOA6,		/* inet_ntoa6(in6_addr_t *) */
	DIF_SUBR_TOUPPER,
	DIF_SUBR_TOLOWER,
	DIF_SUBR_STRTOLL,		/* strtoll(s [, base]) */
	DIF_SUBR_MUTEX_OWNED,		/* reserved for kernel types */
	DIF_SUBR_GETMAJOR,
	DIF_SUBR_GETMINOR,
	DIF_SUBR_MAX
};

/* Fault codes, reported to the ERROR probe as arg4 (DTrace's values). */
#define DTRACEFLT_UNKNOWN	0
#define DTRACEFLT_BADADDR	1	/* bad address */
#define DTRACEFLT_BADALIGN	2	/* misaligned load */
#define DTRACEFLT_ILLOP		3	/* illegal operation */
#define DTRACEFLT_DIVZERO	4	/* division by zero */
#define DTRACEFLT_NOSCRATCH	5	/* out of scratch space */
#define DTRACEFLT_KPRIV		6	/* kernel access denied */
#define DTRACEFLT_UPRIV		7	/* user access denied */
#define DTRACEFLT_TUPOFLOW	8	/* tuple stack overflow */
#define DTRACEFLT_BADSTACK	9	/* bad stack */
#define DTRACEFLT_LIBRARY	1000	/* reported by the consumer */

#endif /* CORE_DIF_H */
