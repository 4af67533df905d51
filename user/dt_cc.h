/* SPDX-License-Identifier: GPL-2.0 */
#ifndef DT_CC_H
#define DT_CC_H

/*
 * The D compiler's internals, shared by its files (lexer, grammar, types,
 * declarations, semantic checks, code generation, DOF writer).
 *
 * MEMORY AND FAILURE.  Everything one dt_compile() allocates (AST nodes,
 * types, identifiers, DIF objects, statement descriptions) comes from one
 * arena.  On success the arena is kept by the compiler for as long as it
 * lives (dt_prog_t points into it); on failure it is freed whole.  The
 * compiler's global tables (identifiers, types, translators, the program
 * description) are arrays of pointers whose lengths are saved before a
 * compile and restored after a failure, so a failed compile leaves nothing
 * behind that a later compile could see.  That is what lets every error
 * leave through dt_error() (a longjmp back to dt_compile()) from any depth
 * without cleanup code on the way: the parser's stack never grows on the
 * heap (YYMAXDEPTH == YYINITDEPTH) and the scanner is destroyed by
 * dt_compile() itself.
 */

#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include "../core/dif.h"
#include "../core/dof.h"
#include "dt_compile.h"

struct dt_compiler;
typedef struct dt_compiler dt_cc_t;

/* ---- arena ---------------------------------------------------------- */

typedef struct dt_arena dt_arena_t;
dt_arena_t *dt_arena_create(void);
void dt_arena_destroy(dt_arena_t *a);
void *dt_arena_zalloc(dt_arena_t *a, size_t size);	/* NULL if no memory */
void *dt_zalloc(dt_cc_t *cc, size_t size);	/* never NULL: longjmps */
char *dt_strdup(dt_cc_t *cc, const char *s);
char *dt_sprintf(dt_cc_t *cc, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A growable array of pointers (heap, not arena: it outlives failures). */
typedef struct dt_vec {
	void		**v;
	unsigned int	n, cap;
} dt_vec_t;
void dt_vec_push(dt_cc_t *cc, dt_vec_t *vec, void *p);
void dt_vec_free(dt_vec_t *vec);

/* ---- errors --------------------------------------------------------- */

void dt_error(dt_cc_t *cc, int line, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));

/* ---- types ---------------------------------------------------------- */

typedef enum dt_tkind {
	DT_TK_VOID,
	DT_TK_INT,
	DT_TK_FLOAT,
	DT_TK_PTR,
	DT_TK_ARRAY,
	DT_TK_STRUCT,
	DT_TK_UNION,
	DT_TK_ENUM,
	DT_TK_FUNC,
	DT_TK_STRING,
	DT_TK_TYPEDEF,
} dt_tkind_t;

typedef struct dt_member {
	const char		*name;
	const struct dt_type	*type;
	unsigned long		off;	/* bits from the start */
	unsigned int		bits;	/* bit-field width, 0 if not one */
	struct dt_member	*next;
} dt_member_t;

typedef struct dt_enumval {
	const char		*name;
	long long		value;
	struct dt_enumval	*next;
} dt_enumval_t;

typedef struct dt_type {
	dt_tkind_t		kind;
	const char		*name;	/* int/float name, tag, typedef */
	unsigned long		size;
	unsigned int		align;
	int			issigned;
	int			complete;	/* struct/union/enum defined */
	const struct dt_type	*ref;	/* pointee, element, typedef base,
					   function return type */
	unsigned long		nelems;
	dt_member_t		*members;	/* read with dt_type_members() */
	dt_enumval_t		*evals;		/* read with dt_type_evals() */
	/*
	 * Kernel types (dt_ktype.h) are built on demand: a struct, union or
	 * enum first exists as a shell (name, size, alignment) and 'lazy'
	 * is set; its members or values are read from its source 'ksrc'
	 * (where it is 'kid') the first time dt_type_members() or
	 * dt_type_evals() asks.  Everything else about a type is fixed when
	 * it is built.  NULL and 0 for D's own types.
	 */
	struct dt_ksrc		*ksrc;
	unsigned long		kid;
	int			lazy;
} dt_type_t;

void dt_type_init(dt_cc_t *cc);
const dt_type_t *dt_type_base(const dt_type_t *t);	/* no typedefs */
const dt_type_t *dt_type_lookup(dt_cc_t *cc, const char *name);
const dt_type_t *dt_type_tag(dt_cc_t *cc, dt_tkind_t kind,
			     const char *tag);
const dt_type_t *dt_type_ptr(dt_cc_t *cc, const dt_type_t *ref);
const dt_type_t *dt_type_array(dt_cc_t *cc, const dt_type_t *ref,
			       unsigned long n);
int dt_type_isint(const dt_type_t *t);		/* integer or enum */
int dt_type_isptr(const dt_type_t *t);
int dt_type_isarith(const dt_type_t *t);
int dt_type_isscalar(const dt_type_t *t);	/* arith or pointer */
int dt_type_isstring(const dt_type_t *t);
int dt_type_isvoid(const dt_type_t *t);
int dt_type_isbyref(const dt_type_t *t);	/* string, struct, array */
int dt_type_issou(const dt_type_t *t);		/* struct or union */
int dt_type_ischarseq(const dt_type_t *t);	/* char * or char [] */
int dt_type_issigned(const dt_type_t *t);
unsigned long dt_type_size(const dt_type_t *t);
int dt_type_same(const dt_type_t *a, const dt_type_t *b);
const dt_member_t *dt_type_member(dt_cc_t *cc, const dt_type_t *sou,
				  const char *name);
const dt_member_t *dt_type_members(const dt_type_t *sou);
const dt_enumval_t *dt_type_evals(const dt_type_t *e);
/* A type name in D's own tables, then in the kernel's (dt_ktype.c). */
const dt_type_t *dt_type_byname(dt_cc_t *cc, const char *name, int line);
dif_type_t dt_type_dif(dt_cc_t *cc, const dt_type_t *t);
const char *dt_type_str(dt_cc_t *cc, const dt_type_t *t); /* for errors */
extern const dt_type_t dt_type_void_, dt_type_string_;

/* ---- AST ------------------------------------------------------------ */

typedef enum dt_nkind {
	DT_N_INT,	/* v, type */
	DT_N_STR,	/* s */
	DT_N_IDENT,	/* s */
	DT_N_VAR,	/* s, op = DT_SCOPE_THREAD / DT_SCOPE_LOCAL */
	DT_N_AGG,	/* s ("" for @), args = keys or NULL */
	DT_N_OP1,	/* op, l */
	DT_N_OP2,	/* op, l, r */
	DT_N_OP3,	/* l ? r : x */
	DT_N_INDEX,	/* l [ args ] */
	DT_N_MEMBER,	/* l . s or l -> s (op) */
	DT_N_CALL,	/* s ( args ) */
	DT_N_CAST,	/* (tn) l */
	DT_N_SIZEOF_T,	/* sizeof (tn) */
	DT_N_OFFSETOF,	/* offsetof (tn, s) */
	DT_N_XLATE,	/* xlate < tn > ( l ) */
	/* Filled in by the semantic pass: */
	DT_N_VARREF,	/* ident var, args = keys (assoc) */
	DT_N_BUILTIN,	/* built-in variable ident, l = index (args[]) */
	DT_N_SYM,	/* kernel symbol s at address v (dt_ksym.c) */
} dt_nkind_t;

/* Operator codes for OP1/OP2 beyond single characters. */
enum {
	DT_OP_PTR = 256, DT_OP_INC, DT_OP_DEC, DT_OP_POSTINC, DT_OP_POSTDEC,
	DT_OP_SHL, DT_OP_SHR, DT_OP_LE, DT_OP_GE, DT_OP_EQ, DT_OP_NE,
	DT_OP_LAND, DT_OP_LOR, DT_OP_LXOR, DT_OP_ADDR, DT_OP_DEREF,
	DT_OP_NEG, DT_OP_PLUS, DT_OP_SIZEOF, DT_OP_STRINGOF,
	DT_OP_ASSIGN, DT_OP_ADD_ASSIGN, DT_OP_SUB_ASSIGN, DT_OP_MUL_ASSIGN,
	DT_OP_DIV_ASSIGN, DT_OP_MOD_ASSIGN, DT_OP_AND_ASSIGN,
	DT_OP_OR_ASSIGN, DT_OP_XOR_ASSIGN, DT_OP_SHL_ASSIGN,
	DT_OP_SHR_ASSIGN,
};

struct dt_decl;
struct dt_ident;

typedef struct dt_node {
	dt_nkind_t		kind;
	int			op;
	int			line;
	const char		*s;
	unsigned long long	v;
	struct dt_node		*l, *r, *x;
	struct dt_node		*args;	/* list linked by 'next' */
	struct dt_node		*next;
	struct dt_decl		*decl;	/* type name of casts, sizeof... */
	/* set by the semantic pass */
	const dt_type_t		*type;
	struct dt_ident		*ident;
	const dt_member_t	*mbr;	/* DT_N_MEMBER */
	unsigned int		lvalue : 1;	/* can be assigned */
	unsigned int		inmem : 1;	/* lvalue in memory (&) */
} dt_node_t;

dt_node_t *dt_node_new(dt_cc_t *cc, dt_nkind_t kind, int line);
dt_node_t *dt_node_op1(dt_cc_t *cc, int op, dt_node_t *l);
dt_node_t *dt_node_op2(dt_cc_t *cc, int op, dt_node_t *l, dt_node_t *r);
dt_node_t *dt_node_append(dt_node_t *list, dt_node_t *n);
dt_node_t *dt_node_clone(dt_cc_t *cc, const dt_node_t *n);
unsigned int dt_node_count(const dt_node_t *list);
const char *dt_op_name(int op);

/* ---- declarations --------------------------------------------------- */

/* Declaration specifiers collected by the grammar. */
enum {
	DT_DS_CHAR = 0x1, DT_DS_SHORT = 0x2, DT_DS_INT = 0x4, DT_DS_LONG = 0x8,
	DT_DS_LONGLONG = 0x10, DT_DS_SIGNED = 0x20, DT_DS_UNSIGNED = 0x40,
	DT_DS_FLOAT = 0x80, DT_DS_DOUBLE = 0x100, DT_DS_VOID = 0x200,
	DT_DS_STRING = 0x400,
};
enum { DT_SC_NONE, DT_SC_TYPEDEF, DT_SC_SELF, DT_SC_THIS, DT_SC_EXTERN };

typedef struct dt_dspec {
	unsigned int		bits;	/* DT_DS_* */
	int			sclass;	/* DT_SC_* */
	const dt_type_t		*type;	/* struct/union/enum/typedef */
	int			line;
} dt_dspec_t;

/* One step of a declarator, applied to the base type in list order. */
enum { DT_DD_PTR, DT_DD_ARRAY, DT_DD_ASSOC, DT_DD_FUNC };
typedef struct dt_dstep {
	int			kind;
	long long		n;	/* array size, -1 if [] */
	struct dt_decl		*keys;	/* DT_DD_ASSOC: key type names */
	struct dt_dstep		*next;
} dt_dstep_t;

typedef struct dt_decl {
	const char		*name;	/* NULL if abstract */
	dt_dspec_t		*spec;
	dt_dstep_t		*steps;
	dt_node_t		*bits;	/* bit-field width or NULL */
	int			line;
	struct dt_decl		*next;
} dt_decl_t;

dt_dspec_t *dt_dspec_add(dt_cc_t *cc, dt_dspec_t *ds, unsigned int bit);
dt_dspec_t *dt_dspec_type(dt_cc_t *cc, dt_dspec_t *ds, const dt_type_t *t);
dt_dspec_t *dt_dspec_class(dt_cc_t *cc, dt_dspec_t *ds, int sclass);
dt_decl_t *dt_decl_prepend(dt_cc_t *cc, dt_decl_t *d, int kind, long long n,
			   dt_decl_t *keys);
const dt_type_t *dt_decl_type(dt_cc_t *cc, const dt_decl_t *d);
void dt_declare(dt_cc_t *cc, dt_dspec_t *ds, dt_decl_t *list);
/* A struct/union: tag may be NULL; members NULL for a reference. */
const dt_type_t *dt_sou_define(dt_cc_t *cc, dt_tkind_t kind,
			       const char *tag, dt_decl_t *members,
			       int define, int line);
/* struct tag {: from here on the tag is D's, even if the kernel has one */
void dt_sou_forward(dt_cc_t *cc, dt_tkind_t kind, const char *tag, int line);
dt_decl_t *dt_decl_spec(dt_decl_t *list, dt_dspec_t *ds);
const dt_type_t *dt_enum_ref(dt_cc_t *cc, const char *tag, int line);
void dt_enum_begin(dt_cc_t *cc, const char *tag, int line);
void dt_enum_value(dt_cc_t *cc, const char *name, dt_node_t *value,
		   int line);
const dt_type_t *dt_enum_end(dt_cc_t *cc);
long long dt_const_eval(dt_cc_t *cc, dt_node_t *n, const char *what);
void dt_inline_define(dt_cc_t *cc, dt_dspec_t *ds, dt_decl_t *d,
		      dt_node_t *e);
void dt_translator_define(dt_cc_t *cc, dt_decl_t *out, dt_decl_t *in,
			  const char *argname, dt_node_t *members, int line);

/* ---- identifiers ---------------------------------------------------- */

enum { DT_SCOPE_GLOBAL, DT_SCOPE_THREAD, DT_SCOPE_LOCAL };
enum {
	DT_ID_VAR,		/* user variable (scalar or assoc array) */
	DT_ID_BUILTIN,		/* built-in variable */
	DT_ID_ENUM,		/* enumerator: 'value' */
	DT_ID_INLINE,		/* inline: 'expr' */
	DT_ID_AGG,		/* aggregation */
	DT_ID_SYM,		/* extern: the type of a kernel symbol */
};

typedef struct dt_ident {
	const char		*name;
	int			kind;	/* DT_ID_* */
	int			scope;	/* DT_SCOPE_* */
	unsigned int		id;	/* DIF variable id or agg varid */
	const dt_type_t		*type;
	int			isassoc;
	unsigned int		nkeys;
	const dt_type_t		**keys;
	long long		value;	/* enumerator value */
	dt_node_t		*expr;	/* inline */
	unsigned int		aggkind;	/* DTRACEAGG_* */
	unsigned long long	aggarg2;
	int			line;
} dt_ident_t;

dt_ident_t *dt_ident_lookup(dt_cc_t *cc, int scope, const char *name);
dt_ident_t *dt_ident_builtin(const char *name);
const dt_type_t *dt_builtin_type(dt_cc_t *cc, const dt_ident_t *id);
dt_ident_t *dt_var_create(dt_cc_t *cc, int scope, const char *name,
			  const dt_type_t *type, int line);
dt_ident_t *dt_agg_lookup(dt_cc_t *cc, const char *name);
dt_ident_t *dt_agg_create(dt_cc_t *cc, const char *name,
			  unsigned int aggkind, unsigned long long arg2,
			  unsigned int nkeys, const dt_type_t **keys,
			  int line);
void dt_enum_add(dt_cc_t *cc, const char *name, long long v, int line);

typedef struct dt_xlator {
	const dt_type_t		*out;
	const dt_type_t		*in;
	const char		*argname;
	dt_node_t		*members;	/* OP2 '=' nodes: l IDENT */
} dt_xlator_t;

/* ---- semantic pass -------------------------------------------------- */

/* A DIF subroutine: argument kinds S string, I integer, P address, Z
   string or integer; those after '|' are optional. */
typedef struct dt_subr {
	const char		*name;
	int			subr;		/* DIF_SUBR_* */
	const char		*rtype;		/* NULL: void * */
	const char		*args;
} dt_subr_t;
const dt_subr_t *dt_subr_lookup(const char *name);
int dt_is_action(const char *name);

void dt_check(dt_cc_t *cc, dt_node_t *n);
void dt_check_prescan(dt_cc_t *cc, dt_node_t *n);
void dt_check_assign_target(dt_cc_t *cc, dt_node_t *n);
int dt_type_assignable(const dt_type_t *to, const dt_node_t *from);
/*
 * convs, when not NULL, receives for each argument the conversion that
 * consumes it ('d', 's', 'A' ...; '*' for a width or precision).
 */
void dt_check_format(dt_cc_t *cc, const char *func, const char *fmt,
		     dt_node_t *args, int line, char *convs);
/* The same for printa keys: missing values are not an error. */
void dt_check_format_keys(dt_cc_t *cc, const char *func, const char *fmt,
			  dt_node_t *keys, int line);

/*
 * stack(), ustack(), sym() and the other actions the consumer symbolizes
 * (dt_symact.c): as statements, aggregation keys and printf() arguments.
 * dt_symact_check validates a call's arguments and gives it its D type;
 * dt_symact_emit adds its action to statement 'stmt'.
 */
typedef struct dt_symact {
	const char		*name;
	unsigned int		kind;	/* DTRACEACT_* */
	dt_stmt_kind_t		stmt;	/* as a statement of its own */
} dt_symact_t;
const dt_symact_t *dt_symact_lookup(const dt_node_t *n);
void dt_symact_check(dt_cc_t *cc, dt_node_t *call);
void dt_symact_emit(dt_cc_t *cc, dt_node_t *call, unsigned int stmt);
/* Is t the type of a stack() or ustack() value (printf's %k)? */
int dt_type_isstack(const dt_type_t *t);

/* ---- DIF objects ---------------------------------------------------- */

typedef struct dt_difo {
	dif_instr_t		*buf;
	unsigned int		len, cap;
	unsigned long long	*inttab;
	unsigned int		nint, intcap;
	char			*strtab;
	unsigned int		strlen, strcap;
	dof_difv_t		*vartab;
	unsigned int		nvar, varcap;
	dif_type_t		rtype;
	unsigned int		regs;	/* bitmask of busy registers */
	const char		*what;	/* "predicate", "action 2" */
	unsigned int		dofsec;	/* DIFOHDR section + 1, once written */
} dt_difo_t;

dt_difo_t *dt_difo_new(dt_cc_t *cc);
unsigned int dt_emit(dt_cc_t *cc, dt_difo_t *dp, dif_instr_t ins);
void dt_patch(dt_difo_t *dp, unsigned int at, unsigned int label);
unsigned int dt_difo_int(dt_cc_t *cc, dt_difo_t *dp, unsigned long long v);
unsigned int dt_difo_str(dt_cc_t *cc, dt_difo_t *dp, const char *s);
void dt_difo_var(dt_cc_t *cc, dt_difo_t *dp, const dt_ident_t *id,
		 int write);
int dt_reg_alloc(dt_cc_t *cc, dt_difo_t *dp, int line);
void dt_reg_free(dt_difo_t *dp, int reg);

/* Code generation: a whole expression into a DIFO ending with RET. */
dt_difo_t *dt_cg_difo(dt_cc_t *cc, dt_node_t *e);
dt_difo_t *dt_cg_builtin_difo(dt_cc_t *cc, unsigned int var,
			      const dt_type_t *t);
void dt_disasm(dt_cc_t *cc, FILE *fp, const dt_difo_t *dp,
	       const char *clause);

/* ---- enablings and the DOF ------------------------------------------ */

typedef struct dt_action {
	unsigned int		kind;
	dt_difo_t		*difo;
	dt_difo_t		*incr;
	unsigned int		ntuple;
	unsigned long long	arg, arg2, uarg;
} dt_action_t;

typedef struct dt_ecb {
	const char		*prov, *mod, *func, *name;
	dt_difo_t		*pred;
	dt_action_t		*acts;
	unsigned int		nacts;
	unsigned int		clause;
} dt_ecb_t;

void dt_clause_compile(dt_cc_t *cc, dt_node_t *pdescs, dt_node_t *pred,
		       dt_node_t *stmts, int line);
void dt_stmt_compile(dt_cc_t *cc, dt_node_t *s, unsigned int clause);
unsigned int dt_stmt_new(dt_cc_t *cc, dt_stmt_kind_t kind,
			 unsigned int clause, unsigned int nrecs, int line);
dt_action_t *dt_action_add(dt_cc_t *cc, unsigned int kind, dt_difo_t *difo,
			   unsigned int stmt);
int dt_dof_write(dt_cc_t *cc, dt_ecb_t **ecbs, unsigned int n, void **dofp,
		 size_t *sizep);
void dt_pragma(dt_cc_t *cc, const char *text, int line);

/* ---- kernel types and symbols (dt_ktype.h) ------------------------- */

/*
 * The kernel's type named 'name' ("task_struct", or scoped to one module:
 * "vmlinux`task_struct"): a struct, union or enum tag when 'kind' is
 * DT_TK_STRUCT, DT_TK_UNION or DT_TK_ENUM, any other type name (typedef,
 * integer, floating) when it is DT_TK_TYPEDEF.  NULL when no kernel type
 * has that name; dt_ktypes_why() then says what was searched.
 */
const dt_type_t *dt_ktype_lookup(dt_cc_t *cc, dt_tkind_t kind,
				 const char *name, int line);
/* Is 'name' a kernel type name (for the lexer; never an error)? */
int dt_ktype_isname(dt_cc_t *cc, const char *name);
/* The type a C type string names: "struct file *", "vmlinux`u64". */
const dt_type_t *dt_ktype_parse(dt_cc_t *cc, const char *str, int line);
const char *dt_ktypes_why(dt_cc_t *cc);
void dt_ktypes_destroy(dt_cc_t *cc);
/* Read the members or values of a lazy kernel type (dt_type_members). */
void dt_ktype_fill(const dt_type_t *t);
/* `name, mod`name: the node becomes a DT_N_SYM, or a D_ error. */
void dt_ksym_resolve(dt_cc_t *cc, dt_node_t *n);
/* extern T name;  gives kernel symbol 'name' its type. */
void dt_ksym_declare(dt_cc_t *cc, const char *name, const dt_type_t *t,
		     int line);

/* ---- the compiler --------------------------------------------------- */

struct dt_compiler {
	dt_compile_opts_t	opts;
	dt_vec_t		kept;		/* arenas of successful compiles */
	dt_arena_t		*arena;		/* of the compile in progress */
	dt_arena_t		*perm;		/* built-in types */
	/* global tables (rolled back on failure) */
	dt_vec_t		types;		/* named: typedefs, tags */
	dt_vec_t		idents;		/* vars, enums, inlines, aggs */
	dt_vec_t		xlators;
	unsigned int		next_varid;
	int			error_added;
	dt_prog_t		prog;
	unsigned int		stmtcap, aggcap, clausecap, optcap;
	/* the compile in progress */
	jmp_buf			jmp;
	dt_compile_error_t	*err;
	const char		*srcname;
	dt_spec_t		spec;
	int			line;
	dt_vec_t		ecbs;		/* dt_ecb_t * of this source */
	dt_vec_t		acts;		/* dt_action_t * of the clause */
	unsigned char		macro_used[256];
	dt_node_t		*xlate_arg;	/* translator input binding */
	const char		*xlate_argname;
	void			*scanner;
	char			lasttok[128];	/* for syntax errors */
	const char		*lextext;	/* the text being lexed */
	size_t			lexpos;		/* offset of the next char */
	int			cstate;		/* lexer state of a comment */
	int			depth, parens;	/* brace, paren nesting */
	int			inpred;		/* inside /predicate/ */
	int			member;		/* after '.' or '->' */
	int			startpd;	/* lexer starts in PD */
	int			predend;	/* a predicate just ended */
	int			body;		/* the open brace is a clause */
	int			cl_spec, cl_comm, cl_drec; /* clause so far */
	dt_type_t		*cur_enum;	/* enum being defined */
	long long		enum_next;
	struct dt_ktypes	*ktypes;	/* kernel types, symbols */
	dt_vec_t		lexvars;	/* names seen assigned so far */
	int			lasttokid;	/* the last token's code */
	int			tagnext;	/* the next word is a tag */
	const char		*tagscope;	/* its module: mod`struct t */
	const char		*(*pdfields)[4];/* the clause's descriptions */
	unsigned int		npdfields;
	const dt_type_t		*t_int, *t_uint, *t_long, *t_ulong;
	const dt_type_t		*t_char, *t_uchar, *t_void, *t_string;
	const dt_type_t		*t_voidp, *t_u64, *t_i64;
};

/* Parser interface (dt_grammar.y / dt_lex.l). */
int dt_parse(dt_cc_t *cc, const char *text);
void dt_lex_cleanup(dt_cc_t *cc);
const char *dt_macro_arg(dt_cc_t *cc, const char *name, int line);
char *dt_cpp_run(dt_cc_t *cc, const char *text);

#endif /* DT_CC_H */
