// SPDX-License-Identifier: GPL-2.0
/*
 * Identifiers: D's built-in variables, and the compiler's table of user
 * variables (global, self->, this->), enumerators, inlines,
 * aggregations and extern declarations (the types of kernel symbols,
 * which live in a namespace of their own: dt_ksym.c).  Every user variable gets an id from one space starting
 * at DIF_VAR_OTHER_UBASE whatever its scope, so an id alone names a
 * variable in every DIFO of every source this compiler compiles.
 * Aggregations are numbered apart, from 1, as dt_prog_t.aggs is indexed.
 */
#include <stdlib.h>
#include <string.h>

#include "dt_cc.h"

static dt_ident_t dt_builtins[] = {
	{ "args", DT_ID_BUILTIN, 0, DIF_VAR_ARGS },
	{ "arg0", DT_ID_BUILTIN, 0, DIF_VAR_ARG0 + 0 },
	{ "arg1", DT_ID_BUILTIN, 0, DIF_VAR_ARG0 + 1 },
	{ "arg2", DT_ID_BUILTIN, 0, DIF_VAR_ARG0 + 2 },
	{ "arg3", DT_ID_BUILTIN, 0, DIF_VAR_ARG0 + 3 },
	{ "arg4", DT_ID_BUILTIN, 0, DIF_VAR_ARG0 + 4 },
	{ "arg5", DT_ID_BUILTIN, 0, DIF_VAR_ARG0 + 5 },
	{ "arg6", DT_ID_BUILTIN, 0, DIF_VAR_ARG0 + 6 },
	{ "arg7", DT_ID_BUILTIN, 0, DIF_VAR_ARG0 + 7 },
	{ "arg8", DT_ID_BUILTIN, 0, DIF_VAR_ARG0 + 8 },
	{ "arg9", DT_ID_BUILTIN, 0, DIF_VAR_ARG0 + 9 },
	{ "cpu", DT_ID_BUILTIN, 0, DIF_VAR_CURCPU },
	{ "curthread", DT_ID_BUILTIN, 0, DIF_VAR_CURTHREAD },
	{ "epid", DT_ID_BUILTIN, 0, DIF_VAR_EPID },
	{ "id", DT_ID_BUILTIN, 0, DIF_VAR_ID },
	{ "errno", DT_ID_BUILTIN, 0, DIF_VAR_ERRNO },
	{ "execname", DT_ID_BUILTIN, 0, DIF_VAR_EXECNAME },
	{ "pid", DT_ID_BUILTIN, 0, DIF_VAR_PID },
	{ "ppid", DT_ID_BUILTIN, 0, DIF_VAR_PPID },
	{ "tid", DT_ID_BUILTIN, 0, DIF_VAR_TID },
	{ "uid", DT_ID_BUILTIN, 0, DIF_VAR_UID },
	{ "gid", DT_ID_BUILTIN, 0, DIF_VAR_GID },
	{ "ipl", DT_ID_BUILTIN, 0, DIF_VAR_IPL },
	{ "probeprov", DT_ID_BUILTIN, 0, DIF_VAR_PROBEPROV },
	{ "probemod", DT_ID_BUILTIN, 0, DIF_VAR_PROBEMOD },
	{ "probefunc", DT_ID_BUILTIN, 0, DIF_VAR_PROBEFUNC },
	{ "probename", DT_ID_BUILTIN, 0, DIF_VAR_PROBENAME },
	{ "timestamp", DT_ID_BUILTIN, 0, DIF_VAR_TIMESTAMP },
	{ "vtimestamp", DT_ID_BUILTIN, 0, DIF_VAR_VTIMESTAMP },
	{ "walltimestamp", DT_ID_BUILTIN, 0, DIF_VAR_WALLTIMESTAMP },
	{ "stackdepth", DT_ID_BUILTIN, 0, DIF_VAR_STACKDEPTH },
	{ "caller", DT_ID_BUILTIN, 0, DIF_VAR_CALLER },
	{ "ucaller", DT_ID_BUILTIN, 0, DIF_VAR_UCALLER },
	{ "ustackdepth", DT_ID_BUILTIN, 0, DIF_VAR_USTACKDEPTH },
	{ "zonename", DT_ID_BUILTIN, 0, DIF_VAR_ZONENAME },
};

dt_ident_t *dt_ident_builtin(const char *name)
{
	unsigned int i;

	for (i = 0; i < sizeof(dt_builtins) / sizeof(dt_builtins[0]); i++)
		if (strcmp(dt_builtins[i].name, name) == 0)
			return &dt_builtins[i];
	return NULL;
}

/*
 * curthread is the current thread's struct task_struct * on the kernel
 * host when the kernel's types are there (vmlinux`struct task_struct, as
 * Oracle's Linux DTrace types it), so that curthread->pid reads; in the
 * user host, or without kernel types, an opaque void *.
 */
static const dt_type_t *curthread_type(dt_cc_t *cc)
{
	const dt_type_t *t = NULL;

	if (cc->opts.flags & DT_CF_KERNEL)
		t = dt_ktype_lookup(cc, DT_TK_STRUCT, "vmlinux`task_struct",
				    cc->line);
	return t != NULL ? dt_type_ptr(cc, t) : cc->t_voidp;
}

const dt_type_t *dt_builtin_type(dt_cc_t *cc, const dt_ident_t *id)
{
	const char *t;

	switch (id->id) {
	case DIF_VAR_CURCPU:
		t = "processorid_t";
		break;
	case DIF_VAR_CURTHREAD:
		return curthread_type(cc);
	case DIF_VAR_EPID:
	case DIF_VAR_ID:
	case DIF_VAR_IPL:
		t = "uint_t";
		break;
	case DIF_VAR_ERRNO:
		t = "int";
		break;
	case DIF_VAR_EXECNAME:
	case DIF_VAR_PROBEPROV:
	case DIF_VAR_PROBEMOD:
	case DIF_VAR_PROBEFUNC:
	case DIF_VAR_PROBENAME:
	case DIF_VAR_ZONENAME:
		return cc->t_string;
	case DIF_VAR_PID:
	case DIF_VAR_PPID:
		t = "pid_t";
		break;
	case DIF_VAR_TID:
		t = "id_t";
		break;
	case DIF_VAR_UID:
		t = "uid_t";
		break;
	case DIF_VAR_GID:
		t = "gid_t";
		break;
	case DIF_VAR_TIMESTAMP:
	case DIF_VAR_VTIMESTAMP:
	case DIF_VAR_UCALLER:
		t = "uint64_t";
		break;
	case DIF_VAR_WALLTIMESTAMP:
		t = "int64_t";
		break;
	case DIF_VAR_STACKDEPTH:
	case DIF_VAR_USTACKDEPTH:
		t = "uint32_t";
		break;
	case DIF_VAR_CALLER:
		t = "uintptr_t";
		break;
	default:		/* arg0..arg9, args[] */
		t = "int64_t";
		break;
	}
	return dt_type_lookup(cc, t);
}

dt_ident_t *dt_ident_lookup(dt_cc_t *cc, int scope, const char *name)
{
	unsigned int i;

	for (i = cc->idents.n; i-- > 0;) {
		dt_ident_t *id = cc->idents.v[i];

		if (id->kind != DT_ID_AGG && id->kind != DT_ID_SYM &&
		    id->scope == scope && strcmp(id->name, name) == 0)
			return id;
	}
	return NULL;
}

dt_ident_t *dt_var_create(dt_cc_t *cc, int scope, const char *name,
			  const dt_type_t *type, int line)
{
	dt_ident_t *id = dt_zalloc(cc, sizeof(*id));

	if (cc->next_varid > DIF_VAR_OTHER_MAX)
		dt_error(cc, line, "D_VAR_MAX",
			 "too many variables: the limit is %u",
			 DIF_VAR_OTHER_MAX - DIF_VAR_OTHER_UBASE + 1);
	id->name = name;
	id->kind = DT_ID_VAR;
	id->scope = scope;
	id->id = cc->next_varid++;
	id->type = type;
	id->line = line;
	dt_vec_push(cc, &cc->idents, id);
	return id;
}

void dt_enum_add(dt_cc_t *cc, const char *name, long long v, int line)
{
	dt_ident_t *id;

	if (dt_ident_lookup(cc, DT_SCOPE_GLOBAL, name) != NULL ||
	    dt_ident_builtin(name) != NULL)
		dt_error(cc, line, "D_DECL_IDRED", "identifier redeclared: %s",
			 name);
	id = dt_zalloc(cc, sizeof(*id));
	id->name = name;
	id->kind = DT_ID_ENUM;
	id->scope = DT_SCOPE_GLOBAL;
	id->value = v;
	id->type = cc->t_int;
	id->line = line;
	dt_vec_push(cc, &cc->idents, id);
}

dt_ident_t *dt_agg_lookup(dt_cc_t *cc, const char *name)
{
	unsigned int i;

	for (i = 0; i < cc->idents.n; i++) {
		dt_ident_t *id = cc->idents.v[i];

		if (id->kind == DT_ID_AGG && strcmp(id->name, name) == 0)
			return id;
	}
	return NULL;
}

dt_ident_t *dt_agg_create(dt_cc_t *cc, const char *name,
			  unsigned int aggkind, unsigned long long arg2,
			  unsigned int nkeys, const dt_type_t **keys,
			  int line)
{
	dt_ident_t *id = dt_zalloc(cc, sizeof(*id));
	dt_prog_t *p = &cc->prog;
	dt_aggvar_t *av;

	if (p->naggs == cc->aggcap) {
		unsigned int cap = cc->aggcap ? cc->aggcap * 2 : 16;
		dt_aggvar_t *v = realloc(p->aggs, cap * sizeof(*v));

		if (v == NULL)
			dt_error(cc, line, "D_NOMEM", "out of memory");
		p->aggs = v;
		cc->aggcap = cap;
	}
	id->name = name;
	id->kind = DT_ID_AGG;
	id->id = p->naggs + 1;
	id->aggkind = aggkind;
	id->aggarg2 = arg2;
	id->nkeys = nkeys;
	id->keys = keys;
	id->isassoc = nkeys > 0;
	id->line = line;
	av = &p->aggs[p->naggs++];
	memset(av, 0, sizeof(*av));
	av->varid = id->id;
	av->name = name;
	av->kind = aggkind;
	av->nkeys = nkeys;
	av->keytypes = (const struct dt_type **)keys;
	dt_vec_push(cc, &cc->idents, id);
	return id;
}
