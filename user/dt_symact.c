// SPDX-License-Identifier: GPL-2.0
/*
 * The actions whose records the consumer turns into text: stack(),
 * ustack() (and jstack(), a ustack() here), sym() and func(), mod(),
 * usym() and ufunc(), umod(), uaddr().  The core records addresses (a
 * stack's pcs, the pid with a user address); the consumer looks up their
 * symbols when it prints them (dt_sym.c).
 *
 * Besides being statements of their own, they may be aggregation keys
 * (@[stack()] = count(), @[ufunc(pc)] = count()) and printf() arguments
 * (printf("%k", stack())), as in DTrace.  There too they record
 * themselves, and the consumer prints the record by its action.  As
 * values they have D types of their own, which printf's and printa's
 * format checks know: "stack" for a stack (an array of its pcs, which
 * only %k prints), "_symaddr" and "_usymaddr" for symbol addresses
 * (integers, for %a and %A).
 *
 * A stack without a count records as many frames as the stackframes
 * (ustackframes) option says, 20 (100) by default: the count in the
 * action is 0 and the core resolves it when it loads the program.
 * ustack()'s second argument, the size of the strings that ustack
 * helpers add for frames of interpreted code, is accepted and unused:
 * there are no ustack helpers here.
 */
#include <string.h>

#include "dt_cc.h"

static const dt_symact_t dt_symacts[] = {
	{ "stack", DTRACEACT_STACK, DT_STMT_STACK },
	{ "ustack", DTRACEACT_USTACK, DT_STMT_USTACK },
	{ "jstack", DTRACEACT_USTACK, DT_STMT_USTACK },
	{ "sym", DTRACEACT_SYM, DT_STMT_SYM },
	{ "func", DTRACEACT_SYM, DT_STMT_SYM },
	{ "mod", DTRACEACT_MOD, DT_STMT_MOD },
	{ "usym", DTRACEACT_USYM, DT_STMT_USYM },
	{ "ufunc", DTRACEACT_USYM, DT_STMT_USYM },
	{ "umod", DTRACEACT_UMOD, DT_STMT_UMOD },
	{ "uaddr", DTRACEACT_UADDR, DT_STMT_UADDR },
};

const dt_symact_t *dt_symact_lookup(const dt_node_t *n)
{
	unsigned int i;

	if (n->kind != DT_N_CALL)
		return NULL;
	for (i = 0; i < sizeof(dt_symacts) / sizeof(dt_symacts[0]); i++)
		if (strcmp(dt_symacts[i].name, n->s) == 0)
			return &dt_symacts[i];
	return NULL;
}

static int is_stack(unsigned int kind)
{
	return kind == DTRACEACT_STACK || kind == DTRACEACT_USTACK;
}

static const dt_type_t *named(dt_cc_t *cc, const char *name,
			      const dt_type_t *ref)
{
	dt_type_t *t = dt_zalloc(cc, sizeof(*t));

	t->kind = DT_TK_TYPEDEF;
	t->name = name;
	t->ref = ref;
	t->size = dt_type_size(ref);
	t->align = dt_type_base(ref)->align;
	t->complete = 1;
	return t;
}

int dt_type_isstack(const dt_type_t *t)
{
	return t->kind == DT_TK_TYPEDEF && strcmp(t->name, "stack") == 0;
}

/* The frame count of stack([n]) / ustack([n [, strsize]]); 0: default. */
static unsigned long long stack_frames(dt_cc_t *cc, dt_node_t *call,
				       int user)
{
	dt_node_t *a = call->args;
	unsigned int n = dt_node_count(a);
	long long frames = 0;

	if (n > (user ? 2u : 1u))
		dt_error(cc, call->line, "D_PROTO_LEN",
			 "%s( ) prototype mismatch: %u args passed, no more "
			 "than %u expected", call->s, n, user ? 2 : 1);
	for (n = 1; a != NULL; a = a->next, n++) {
		dt_check(cc, a);
		if (a->kind != DT_N_INT)
			dt_error(cc, a->line, "D_PROTO_ARG",
				 "%s( ) argument #%u must be an integer "
				 "constant", call->s, n);
	}
	if (call->args != NULL) {
		frames = (long long)call->args->v;
		if (frames <= 0 || frames > 1024)
			dt_error(cc, call->line, "D_STACK_SIZE",
				 "%s( ) size must be a positive integer no "
				 "larger than 1024", call->s);
	}
	return (unsigned long long)frames;
}

/* sym(), ufunc(), ...: one integer or pointer argument, the address. */
static void address_arg(dt_cc_t *cc, dt_node_t *call)
{
	dt_node_t *a = call->args;
	unsigned int n = dt_node_count(a);

	if (n != 1)
		dt_error(cc, call->line, "D_PROTO_LEN",
			 "%s( ) prototype mismatch: %u arg%s passed, 1 "
			 "expected", call->s, n, n == 1 ? "" : "s");
	dt_check(cc, a);
	if (!dt_type_isint(a->type) && !dt_type_isptr(a->type))
		dt_error(cc, a->line, "D_PROTO_ARG",
			 "%s( ) argument #1 is incompatible with prototype:"
			 "\n\tprototype: uintptr_t\n\t argument: %s", call->s,
			 dt_type_str(cc, a->type));
}

void dt_symact_check(dt_cc_t *cc, dt_node_t *call)
{
	const dt_symact_t *sa = dt_symact_lookup(call);
	unsigned long long frames;

	if (is_stack(sa->kind)) {
		frames = stack_frames(cc, call, sa->kind == DTRACEACT_USTACK);
		call->type = named(cc, "stack", dt_type_array(cc, cc->t_u64,
			frames + (sa->kind == DTRACEACT_USTACK)));
		return;
	}
	address_arg(cc, call);
	call->type = named(cc, sa->kind == DTRACEACT_SYM ||
			   sa->kind == DTRACEACT_MOD ? "_symaddr" :
			   "_usymaddr", cc->t_u64);
}

void dt_symact_emit(dt_cc_t *cc, dt_node_t *call, unsigned int stmt)
{
	const dt_symact_t *sa = dt_symact_lookup(call);

	if (is_stack(sa->kind))
		dt_action_add(cc, sa->kind, NULL, stmt)->arg =
			call->args != NULL ? call->args->v : 0;
	else
		dt_action_add(cc, sa->kind, dt_cg_difo(cc, call->args), stmt);
}
