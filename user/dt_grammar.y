/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The D grammar.  Declarations are entered into the compiler's tables as
 * soon as they are reduced (a typedef changes how the lexer reads the
 * next word), and each clause is compiled as soon as its closing brace is
 * read, so later clauses see the variables that earlier ones defined, as
 * in DTrace.  Errors leave through dt_error(): the parser's stack never
 * lives on the heap (YYMAXDEPTH == YYINITDEPTH), so nothing leaks.
 */
%define api.pure full
%locations
%define api.prefix {dtyy}
%parse-param {dt_cc_t *cc} {void *scanner}
%lex-param {void *scanner}
%expect 0

%code requires {
#include "dt_cc.h"
}

%code {
#include <string.h>

#define YYINITDEPTH	2000
#define YYMAXDEPTH	2000
#define L		(cc->line)

int dtyylex(DTYYSTYPE *lval, DTYYLTYPE *lloc, void *scanner);
static void dtyyerror(DTYYLTYPE *lloc, dt_cc_t *cc, void *scanner,
		      const char *msg);

/* Every action sees the line of its rule's first token in cc->line. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)					\
	do {								\
		if (N) {						\
			(Cur).first_line = YYRHSLOC(Rhs, 1).first_line;	\
			(Cur).last_line = YYRHSLOC(Rhs, N).last_line;	\
		} else {						\
			(Cur).first_line = (Cur).last_line =		\
				YYRHSLOC(Rhs, 0).last_line;		\
		}							\
		(Cur).first_column = (Cur).last_column = 0;		\
		cc->line = (Cur).first_line;				\
	} while (0)

static dt_node_t *mk(dt_cc_t *cc, dt_nkind_t k)
{
	return dt_node_new(cc, k, cc->line);
}

static dt_node_t *mkstr(dt_cc_t *cc, dt_nkind_t k, const char *s)
{
	dt_node_t *n = mk(cc, k);

	n->s = s;
	return n;
}
}

%union {
	dt_node_t	*n;
	char		*s;
	dt_decl_t	*d;
	dt_dspec_t	*ds;
	const dt_type_t	*t;
	long long	i;
}

%token <s> T_IDENT T_TNAME T_AGG T_STRING T_PDESC
%token <n> T_INT
%token T_PTR T_INC T_DEC T_SHL T_SHR T_LE T_GE T_EQ T_NE T_LAND T_LOR
%token T_LXOR T_ADD_EQ T_SUB_EQ T_MUL_EQ T_DIV_EQ T_MOD_EQ T_AND_EQ T_OR_EQ
%token T_XOR_EQ T_SHL_EQ T_SHR_EQ T_PRED_END
%token K_CHAR K_CONST K_DOUBLE K_ENUM K_EXTERN K_FLOAT K_INLINE K_INT K_LONG
%token K_REGISTER K_RESTRICT K_SHORT K_SIGNED K_SIZEOF K_STATIC K_STRING
%token K_STRINGOF K_STRUCT K_TRANSLATOR K_TYPEDEF K_UNION K_UNSIGNED K_VOID
%token K_VOLATILE K_OFFSETOF K_XLATE K_SELF K_THIS

%type <n> expr args args_opt pdescs pred_opt stmts stmt_list xlmembers
%type <n> xlmember commas
%type <ds> dspecs dspec
%type <d> declarator direct_decl init_decls type_name abs_decl direct_abs
%type <d> type_list members member mdecls mdecl
%type <i> pointer sou_kw
%type <t> sou_spec enum_spec

%right '=' T_ADD_EQ T_SUB_EQ T_MUL_EQ T_DIV_EQ T_MOD_EQ T_AND_EQ T_OR_EQ T_XOR_EQ T_SHL_EQ T_SHR_EQ
%right '?' ':'
%left T_LOR
%left T_LXOR
%left T_LAND
%left '|'
%left '^'
%left '&'
%left T_EQ T_NE
%left '<' '>' T_LE T_GE
%left T_SHL T_SHR
%left '+' '-'
%left '*' '/' '%'
%precedence UNARY K_SIZEOF K_STRINGOF
%precedence T_INC T_DEC '[' '.' T_PTR
%precedence SIZEOF_TYPE

%%

program:
	  items
	| items pdescs pred_opt	{ dt_clause_compile(cc, $2, $3, NULL, $2->line); }
	;

items:
	  %empty
	| items item
	;

item:
	  pdescs pred_opt '{' stmts '}'	{ dt_clause_compile(cc, $1, $2, $4, $1->line); }
	| dspecs ';'			{ dt_declare(cc, $1, NULL); }
	| dspecs init_decls ';'		{ dt_declare(cc, $1, $2); }
	| K_INLINE dspecs declarator '=' expr ';' { dt_inline_define(cc, $2, $3, $5); }
	| K_TRANSLATOR type_name '<' type_name T_IDENT '>' '{' xlmembers '}' ';'
					{ dt_translator_define(cc, $2, $4, $5, $8, L); }
	| ';'
	;

pdescs:
	  T_PDESC		{ $$ = mkstr(cc, DT_N_STR, $1); }
	| pdescs ',' T_PDESC	{ $$ = dt_node_append($1, mkstr(cc, DT_N_STR, $3)); }
	;

pred_opt:
	  %empty		{ $$ = NULL; }
	| '/' expr T_PRED_END	{ $$ = $2; }
	;

stmts:
	  stmt_list		{ $$ = $1; }
	| stmt_list expr	{ $$ = dt_node_append($1, $2); }
	;

stmt_list:
	  %empty		{ $$ = NULL; }
	| stmt_list expr ';'	{ $$ = dt_node_append($1, $2); }
	| stmt_list ';'		{ $$ = $1; }
	;

xlmembers:
	  xlmember		{ $$ = $1; }
	| xlmembers xlmember	{ $$ = dt_node_append($1, $2); }
	;

xlmember:
	  T_IDENT '=' expr ';'	{ $$ = dt_node_op2(cc, '=', mkstr(cc, DT_N_IDENT, $1), $3); }
	;

expr:
	  T_INT			{ $$ = $1; }
	| T_STRING		{ $$ = mkstr(cc, DT_N_STR, $1); }
	| T_IDENT		{ $$ = mkstr(cc, DT_N_IDENT, $1); }
	| T_AGG			{ $$ = mkstr(cc, DT_N_AGG, $1); }
	| K_SELF T_PTR T_IDENT	{ $$ = mkstr(cc, DT_N_VAR, $3); $$->op = DT_SCOPE_THREAD; }
	| K_THIS T_PTR T_IDENT	{ $$ = mkstr(cc, DT_N_VAR, $3); $$->op = DT_SCOPE_LOCAL; }
	| '(' expr ')'		{ $$ = $2; }
	| '(' expr ',' commas ')' { $$ = dt_node_op2(cc, ',', $2, $4); }
	| T_IDENT '(' args_opt ')' { $$ = mkstr(cc, DT_N_CALL, $1); $$->args = $3; }
	| expr '[' args ']'	{ $$ = mk(cc, DT_N_INDEX); $$->l = $1; $$->args = $3; }
	| expr '.' T_IDENT	{ $$ = mkstr(cc, DT_N_MEMBER, $3); $$->op = '.'; $$->l = $1; }
	| expr T_PTR T_IDENT	{ $$ = mkstr(cc, DT_N_MEMBER, $3); $$->op = DT_OP_PTR; $$->l = $1; }
	| expr T_INC		{ $$ = dt_node_op1(cc, DT_OP_POSTINC, $1); }
	| expr T_DEC		{ $$ = dt_node_op1(cc, DT_OP_POSTDEC, $1); }
	| T_INC expr %prec UNARY	{ $$ = dt_node_op1(cc, DT_OP_INC, $2); }
	| T_DEC expr %prec UNARY	{ $$ = dt_node_op1(cc, DT_OP_DEC, $2); }
	| '&' expr %prec UNARY	{ $$ = dt_node_op1(cc, DT_OP_ADDR, $2); }
	| '*' expr %prec UNARY	{ $$ = dt_node_op1(cc, DT_OP_DEREF, $2); }
	| '+' expr %prec UNARY	{ $$ = dt_node_op1(cc, DT_OP_PLUS, $2); }
	| '-' expr %prec UNARY	{ $$ = dt_node_op1(cc, DT_OP_NEG, $2); }
	| '~' expr %prec UNARY	{ $$ = dt_node_op1(cc, '~', $2); }
	| '!' expr %prec UNARY	{ $$ = dt_node_op1(cc, '!', $2); }
	| K_SIZEOF expr		{ $$ = dt_node_op1(cc, DT_OP_SIZEOF, $2); }
	| K_SIZEOF '(' type_name ')' %prec SIZEOF_TYPE { $$ = mk(cc, DT_N_SIZEOF_T); $$->decl = $3; }
	| K_STRINGOF expr	{ $$ = dt_node_op1(cc, DT_OP_STRINGOF, $2); }
	| K_OFFSETOF '(' type_name ',' T_IDENT ')'
				{ $$ = mkstr(cc, DT_N_OFFSETOF, $5); $$->decl = $3; }
	| K_XLATE '<' type_name '>' '(' expr ')'
				{ $$ = mk(cc, DT_N_XLATE); $$->decl = $3; $$->l = $6; }
	| '(' type_name ')' expr %prec UNARY
				{ $$ = mk(cc, DT_N_CAST); $$->decl = $2; $$->l = $4; }
	| expr '*' expr		{ $$ = dt_node_op2(cc, '*', $1, $3); }
	| expr '/' expr		{ $$ = dt_node_op2(cc, '/', $1, $3); }
	| expr '%' expr		{ $$ = dt_node_op2(cc, '%', $1, $3); }
	| expr '+' expr		{ $$ = dt_node_op2(cc, '+', $1, $3); }
	| expr '-' expr		{ $$ = dt_node_op2(cc, '-', $1, $3); }
	| expr T_SHL expr	{ $$ = dt_node_op2(cc, DT_OP_SHL, $1, $3); }
	| expr T_SHR expr	{ $$ = dt_node_op2(cc, DT_OP_SHR, $1, $3); }
	| expr '<' expr		{ $$ = dt_node_op2(cc, '<', $1, $3); }
	| expr '>' expr		{ $$ = dt_node_op2(cc, '>', $1, $3); }
	| expr T_LE expr	{ $$ = dt_node_op2(cc, DT_OP_LE, $1, $3); }
	| expr T_GE expr	{ $$ = dt_node_op2(cc, DT_OP_GE, $1, $3); }
	| expr T_EQ expr	{ $$ = dt_node_op2(cc, DT_OP_EQ, $1, $3); }
	| expr T_NE expr	{ $$ = dt_node_op2(cc, DT_OP_NE, $1, $3); }
	| expr '&' expr		{ $$ = dt_node_op2(cc, '&', $1, $3); }
	| expr '^' expr		{ $$ = dt_node_op2(cc, '^', $1, $3); }
	| expr '|' expr		{ $$ = dt_node_op2(cc, '|', $1, $3); }
	| expr T_LAND expr	{ $$ = dt_node_op2(cc, DT_OP_LAND, $1, $3); }
	| expr T_LXOR expr	{ $$ = dt_node_op2(cc, DT_OP_LXOR, $1, $3); }
	| expr T_LOR expr	{ $$ = dt_node_op2(cc, DT_OP_LOR, $1, $3); }
	| expr '?' expr ':' expr { $$ = mk(cc, DT_N_OP3); $$->l = $1; $$->r = $3; $$->x = $5; $$->line = $1->line; }
	| expr '=' expr		{ $$ = dt_node_op2(cc, DT_OP_ASSIGN, $1, $3); }
	| expr T_ADD_EQ expr	{ $$ = dt_node_op2(cc, DT_OP_ADD_ASSIGN, $1, $3); }
	| expr T_SUB_EQ expr	{ $$ = dt_node_op2(cc, DT_OP_SUB_ASSIGN, $1, $3); }
	| expr T_MUL_EQ expr	{ $$ = dt_node_op2(cc, DT_OP_MUL_ASSIGN, $1, $3); }
	| expr T_DIV_EQ expr	{ $$ = dt_node_op2(cc, DT_OP_DIV_ASSIGN, $1, $3); }
	| expr T_MOD_EQ expr	{ $$ = dt_node_op2(cc, DT_OP_MOD_ASSIGN, $1, $3); }
	| expr T_AND_EQ expr	{ $$ = dt_node_op2(cc, DT_OP_AND_ASSIGN, $1, $3); }
	| expr T_OR_EQ expr	{ $$ = dt_node_op2(cc, DT_OP_OR_ASSIGN, $1, $3); }
	| expr T_XOR_EQ expr	{ $$ = dt_node_op2(cc, DT_OP_XOR_ASSIGN, $1, $3); }
	| expr T_SHL_EQ expr	{ $$ = dt_node_op2(cc, DT_OP_SHL_ASSIGN, $1, $3); }
	| expr T_SHR_EQ expr	{ $$ = dt_node_op2(cc, DT_OP_SHR_ASSIGN, $1, $3); }
	;

/* the comma operator, inside parentheses */
commas:
	  expr			{ $$ = $1; }
	| commas ',' expr	{ $$ = dt_node_op2(cc, ',', $1, $3); }
	;

args_opt:
	  %empty		{ $$ = NULL; }
	| args			{ $$ = $1; }
	;

args:
	  expr			{ $$ = $1; }
	| args ',' expr		{ $$ = dt_node_append($1, $3); }
	;

/* ---- declarations ---- */

dspecs:
	  dspec			{ $$ = $1; }
	| dspecs dspec		{
		$$ = $1;
		$$->bits |= $2->bits;
		if ($2->sclass != DT_SC_NONE)
			dt_dspec_class(cc, $$, $2->sclass);
		if ($2->type != NULL)
			dt_dspec_type(cc, $$, $2->type);
	}
	;

dspec:
	  K_TYPEDEF		{ $$ = dt_dspec_class(cc, NULL, DT_SC_TYPEDEF); }
	| K_EXTERN		{ $$ = dt_dspec_class(cc, NULL, DT_SC_EXTERN); }
	| K_STATIC		{ dt_error(cc, L, "D_DECL_BADCLASS", "storage class static is not supported in D"); }
	| K_REGISTER		{ dt_error(cc, L, "D_DECL_BADCLASS", "storage class register is not supported in D"); }
	| K_SELF		{ $$ = dt_dspec_class(cc, NULL, DT_SC_SELF); }
	| K_THIS		{ $$ = dt_dspec_class(cc, NULL, DT_SC_THIS); }
	| K_CONST		{ $$ = dt_dspec_add(cc, NULL, 0); }
	| K_VOLATILE		{ $$ = dt_dspec_add(cc, NULL, 0); }
	| K_RESTRICT		{ $$ = dt_dspec_add(cc, NULL, 0); }
	| K_CHAR		{ $$ = dt_dspec_add(cc, NULL, DT_DS_CHAR); }
	| K_SHORT		{ $$ = dt_dspec_add(cc, NULL, DT_DS_SHORT); }
	| K_INT			{ $$ = dt_dspec_add(cc, NULL, DT_DS_INT); }
	| K_LONG		{ $$ = dt_dspec_add(cc, NULL, DT_DS_LONG); }
	| K_SIGNED		{ $$ = dt_dspec_add(cc, NULL, DT_DS_SIGNED); }
	| K_UNSIGNED		{ $$ = dt_dspec_add(cc, NULL, DT_DS_UNSIGNED); }
	| K_FLOAT		{ $$ = dt_dspec_add(cc, NULL, DT_DS_FLOAT); }
	| K_DOUBLE		{ $$ = dt_dspec_add(cc, NULL, DT_DS_DOUBLE); }
	| K_VOID		{ $$ = dt_dspec_add(cc, NULL, DT_DS_VOID); }
	| K_STRING		{ $$ = dt_dspec_add(cc, NULL, DT_DS_STRING); }
	| T_TNAME		{
		const dt_type_t *t = dt_type_byname(cc, $1, L);

		if (t == NULL)
			dt_error(cc, L, "D_TYPE_ERR", "failed to resolve type "
				 "%s: %s", $1, dt_ktypes_why(cc));
		$$ = dt_dspec_type(cc, NULL, t);
	}
	| sou_spec		{ $$ = dt_dspec_type(cc, NULL, $1); }
	| enum_spec		{ $$ = dt_dspec_type(cc, NULL, $1); }
	;

sou_kw:
	  K_STRUCT		{ $$ = DT_TK_STRUCT; }
	| K_UNION		{ $$ = DT_TK_UNION; }
	;

sou_spec:
	  sou_kw T_IDENT	{ $$ = dt_sou_define(cc, $1, $2, NULL, 0, L); }
	| sou_kw T_IDENT '{'	{ dt_sou_forward(cc, $1, $2, L); }
	  members '}'		{ $$ = dt_sou_define(cc, $1, $2, $5, 1, L); }
	| sou_kw '{' members '}' { $$ = dt_sou_define(cc, $1, NULL, $3, 1, L); }
	;

members:
	  member		{ $$ = $1; }
	| members member	{
		dt_decl_t *d = $1;

		while (d->next != NULL)
			d = d->next;
		d->next = $2;
		$$ = $1;
	}
	;

member:
	  dspecs mdecls ';'	{ $$ = dt_decl_spec($2, $1); }
	| dspecs ';'		{
		$$ = dt_zalloc(cc, sizeof(dt_decl_t));
		$$->line = L;
		$$ = dt_decl_spec($$, $1);
	}
	;

mdecls:
	  mdecl			{ $$ = $1; }
	| mdecls ',' mdecl	{
		dt_decl_t *d = $1;

		while (d->next != NULL)
			d = d->next;
		d->next = $3;
		$$ = $1;
	}
	;

mdecl:
	  declarator		{ $$ = $1; }
	| declarator ':' expr	{ $$ = $1; $$->bits = $3; }
	| ':' expr		{
		$$ = dt_zalloc(cc, sizeof(dt_decl_t));
		$$->line = L;
		$$->bits = $2;
	}
	;

enum_spec:
	  K_ENUM T_IDENT	{ $$ = dt_enum_ref(cc, $2, L); }
	| K_ENUM T_IDENT '{'	{ dt_enum_begin(cc, $2, L); }
	  enumerators comma_opt '}' { $$ = dt_enum_end(cc); }
	| K_ENUM '{'		{ dt_enum_begin(cc, NULL, L); }
	  enumerators comma_opt '}' { $$ = dt_enum_end(cc); }
	;

comma_opt:
	  %empty
	| ','
	;

enumerators:
	  enumerator
	| enumerators ',' enumerator
	;

enumerator:
	  T_IDENT		{ dt_enum_value(cc, $1, NULL, L); }
	| T_IDENT '=' expr	{ dt_enum_value(cc, $1, $3, L); }
	;

init_decls:
	  declarator		{ $$ = $1; }
	| init_decls ',' declarator {
		dt_decl_t *d = $1;

		while (d->next != NULL)
			d = d->next;
		d->next = $3;
		$$ = $1;
	}
	;

declarator:
	  direct_decl		{ $$ = $1; }
	| pointer direct_decl	{
		long long i;

		$$ = $2;
		for (i = 0; i < $1; i++)
			dt_decl_prepend(cc, $$, DT_DD_PTR, 0, NULL);
	}
	;

pointer:
	  '*'			{ $$ = 1; }
	| '*' quals		{ $$ = 1; }
	| '*' pointer		{ $$ = $2 + 1; }
	| '*' quals pointer	{ $$ = $3 + 1; }
	;

quals:
	  qual
	| quals qual
	;

qual:
	  K_CONST
	| K_VOLATILE
	| K_RESTRICT
	;

direct_decl:
	  T_IDENT		{
		$$ = dt_zalloc(cc, sizeof(dt_decl_t));
		$$->name = $1;
		$$->line = L;
	}
	| '(' declarator ')'	{ $$ = $2; }
	| direct_decl '[' ']'	{ $$ = dt_decl_prepend(cc, $1, DT_DD_ARRAY, -1, NULL); }
	| direct_decl '[' expr ']' {
		$$ = dt_decl_prepend(cc, $1, DT_DD_ARRAY,
				     dt_const_eval(cc, $3, "array dimension"),
				     NULL);
	}
	| direct_decl '[' type_list ']'
				{ $$ = dt_decl_prepend(cc, $1, DT_DD_ASSOC, 0, $3); }
	;

type_list:
	  type_name		{ $$ = $1; }
	| type_list ',' type_name {
		dt_decl_t *d = $1;

		while (d->next != NULL)
			d = d->next;
		d->next = $3;
		$$ = $1;
	}
	;

type_name:
	  dspecs		{
		$$ = dt_zalloc(cc, sizeof(dt_decl_t));
		$$->line = L;
		$$->spec = $1;
	}
	| dspecs abs_decl	{ $$ = $2; $$->spec = $1; }
	;

abs_decl:
	  pointer		{
		long long i;

		$$ = dt_zalloc(cc, sizeof(dt_decl_t));
		$$->line = L;
		for (i = 0; i < $1; i++)
			dt_decl_prepend(cc, $$, DT_DD_PTR, 0, NULL);
	}
	| pointer direct_abs	{
		long long i;

		$$ = $2;
		for (i = 0; i < $1; i++)
			dt_decl_prepend(cc, $$, DT_DD_PTR, 0, NULL);
	}
	| direct_abs		{ $$ = $1; }
	;

direct_abs:
	  '(' abs_decl ')'	{ $$ = $2; }
	| '[' ']'		{
		$$ = dt_zalloc(cc, sizeof(dt_decl_t));
		$$->line = L;
		dt_decl_prepend(cc, $$, DT_DD_ARRAY, -1, NULL);
	}
	| '[' expr ']'		{
		$$ = dt_zalloc(cc, sizeof(dt_decl_t));
		$$->line = L;
		dt_decl_prepend(cc, $$, DT_DD_ARRAY,
				dt_const_eval(cc, $2, "array dimension"), NULL);
	}
	| direct_abs '[' expr ']' {
		$$ = dt_decl_prepend(cc, $1, DT_DD_ARRAY,
				     dt_const_eval(cc, $3, "array dimension"),
				     NULL);
	}
	;

%%

static void dtyyerror(DTYYLTYPE *lloc, dt_cc_t *cc, void *scanner,
		      const char *msg)
{
	cc->line = lloc->first_line;
	if (strcmp(msg, "syntax error") != 0)
		dt_error(cc, cc->line, "D_SYNTAX", "%s", msg);
	if (cc->lasttok[0] == '\0')
		dt_error(cc, cc->line, "D_SYNTAX",
			 "syntax error near end of input");
	dt_error(cc, cc->line, "D_SYNTAX", "syntax error near \"%s\"",
		 cc->lasttok);
}
