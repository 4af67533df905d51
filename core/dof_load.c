// SPDX-License-Identifier: GPL-2.0
/*
 * Loading a DOF into a consumer state (dof.h says what a DOF is).
 *
 * TRUST.  Every byte of the DOF is hostile.  The loader works on its own
 * 8-aligned copy and checks, in this order, before it uses anything:
 *
 *   1. the header: size, magic, version, header and section entry sizes,
 *      filesz within the bytes given and below DOF_MAXSIZE;
 *   2. the section table and every section: inside the file, offset
 *      aligned to the section's alignment and to its entries' natural
 *      alignment, entry size and total size right for its type;
 *   3. the options (known numbers, sane values);
 *   4. each enabling: every section index names a section of the expected
 *      type, every string offset lands inside its table and the string is
 *      terminated there and fits its field, every DIFO passes the DIF
 *      verifier and declares its variables, every action is known and
 *      allowed to this consumer, the record layout fits.
 *
 * Only then are ECBs created and linked on their probes.  Any failure
 * refuses the whole DOF with an error naming the section and the reason;
 * the state is left as it was (except for variable declarations of DIFOs
 * that verified, which are harmless).
 */
#include "core_impl.h"

#define SECNUM_MAX	65536u
#define OPT_SIZE_MAX	(1ull << 30)	/* buffer options, bytes */
#define STRSIZE_MAX	(64u << 10)
#define NSPEC_MAX	4096u
#define STACKFRAMES_MAX	1024u		/* frames of one stack() or ustack() */
#define DIF_LEN_MAX	(1u << 16)

typedef struct dof_ctx {
	const char	*base;		/* the aligned copy */
	uint64_t	size;
	const dof_hdr_t	*hdr;
	const dof_sec_t	*secs;
	dtc_loaderr_t	*err;
	dtrace_state_t	*state;
	uint64_t	opts[DTRACEOPT_MAX];
	/* ECBs built so far, not yet visible */
	dtrace_ecb_t	**ecbs;
	uint32_t	necbs;
	uint32_t	ecbcap;
} dof_ctx_t;

static const char *const sect_names[] = {
	"NONE", "STRTAB", "DIF", "INTTAB", "VARTAB", "DIFOHDR",
	"PROBEDESC", "ACTDESC", "ECBDESC", "OPTDESC"
};

static int refuse(dof_ctx_t *cx, unsigned int sec, const char *what)
{
	const char *name = "?";

	cx->err->code = EINVAL;
	cx->err->section = sec;
	if (cx->secs != NULL && sec < cx->hdr->secnum &&
	    cx->secs[sec].type <= DOF_SECT_MAX)
		name = sect_names[cx->secs[sec].type];
	if (sec == ~0u)
		os_snprintf(cx->err->msg, sizeof(cx->err->msg),
			    "DOF refused: %s", what);
	else
		os_snprintf(cx->err->msg, sizeof(cx->err->msg),
			    "DOF refused: section %u (%s): %s", sec, name,
			    what);
	return -EINVAL;
}

static int nomem(dof_ctx_t *cx)
{
	cx->err->code = ENOMEM;
	os_snprintf(cx->err->msg, sizeof(cx->err->msg),
		    "out of memory loading the DOF; lower bufsize or "
		    "aggsize, or load fewer clauses");
	return -ENOMEM;
}

/* ---- 1 and 2: header and sections ----------------------------------- */

static int check_header(dof_ctx_t *cx)
{
	const dof_hdr_t *h = cx->hdr;
	uint64_t tabsize;

	if (h->ident[0] != DOF_MAG0 || h->ident[1] != DOF_MAG1 ||
	    h->ident[2] != DOF_MAG2 || h->ident[3] != DOF_MAG3)
		return refuse(cx, ~0u, "bad magic: not a DOF");
	if (h->version != DOF_VERSION)
		return refuse(cx, ~0u, "unsupported DOF version");
	if (h->hdrsize != sizeof(dof_hdr_t) ||
	    h->secsize != sizeof(dof_sec_t))
		return refuse(cx, ~0u, "header or section entry size is "
			      "wrong for this DOF version");
	if (h->filesz > cx->size)
		return refuse(cx, ~0u, "filesz is larger than the bytes "
			      "given (truncated DOF)");
	if (h->secnum > SECNUM_MAX)
		return refuse(cx, ~0u, "too many sections");
	tabsize = (uint64_t)h->secnum * sizeof(dof_sec_t);
	if (h->secoff % 8 != 0 || h->secoff > h->filesz ||
	    tabsize > h->filesz - h->secoff)
		return refuse(cx, ~0u, "section table lies outside the "
			      "file or is misaligned");
	cx->secs = (const dof_sec_t *)(cx->base + h->secoff);
	cx->size = h->filesz;
	return 0;
}

/* Natural alignment, entry size (0: one struct of 'one' bytes). */
static void sect_shape(uint32_t type, uint32_t *natural, uint32_t *entsize,
		       uint32_t *one)
{
	*natural = 1;
	*entsize = 0;
	*one = 0;
	switch (type) {
	case DOF_SECT_DIF:
		*natural = *entsize = sizeof(dif_instr_t);
		break;
	case DOF_SECT_INTTAB:
		*natural = *entsize = 8;
		break;
	case DOF_SECT_VARTAB:
		*natural = 4;
		*entsize = sizeof(dof_difv_t);
		break;
	case DOF_SECT_DIFOHDR:
		*natural = 4;
		*one = sizeof(dof_difohdr_t);
		break;
	case DOF_SECT_PROBEDESC:
		*natural = 4;
		*one = sizeof(dof_probedesc_t);
		break;
	case DOF_SECT_ACTDESC:
		*natural = 8;
		*entsize = sizeof(dof_actdesc_t);
		break;
	case DOF_SECT_ECBDESC:
		*natural = 8;
		*one = sizeof(dof_ecbdesc_t);
		break;
	case DOF_SECT_OPTDESC:
		*natural = 8;
		*entsize = sizeof(dof_optdesc_t);
		break;
	}
}

static int check_section(dof_ctx_t *cx, uint32_t i)
{
	const dof_sec_t *s = &cx->secs[i];
	uint32_t natural, entsize, one;

	if (s->type > DOF_SECT_MAX)
		return refuse(cx, i, "unknown section type");
	if (s->align == 0 || (s->align & (s->align - 1)) != 0)
		return refuse(cx, i, "alignment is not a power of two");
	if (s->offset > cx->size || s->size > cx->size - s->offset)
		return refuse(cx, i, "section lies outside the file");
	sect_shape(s->type, &natural, &entsize, &one);
	if (s->offset % s->align != 0 || s->offset % natural != 0)
		return refuse(cx, i, "offset is misaligned");
	if (one != 0 && (s->size != one ||
			 (s->entsize != 0 && s->entsize != one)))
		return refuse(cx, i, "size is wrong for its type");
	if (entsize != 0 && (s->entsize != entsize ||
			     s->size % entsize != 0))
		return refuse(cx, i, "entry size is wrong for its type");
	if (s->type == DOF_SECT_STRTAB && s->entsize > 1)
		return refuse(cx, i, "string table with an entry size");
	return 0;
}

/* The section 'idx' if it exists and has type 'type'. */
static const dof_sec_t *sect_get(dof_ctx_t *cx, uint32_t from,
				 dof_secidx_t idx, uint32_t type, int *rc)
{
	char msg[96];

	if (idx >= cx->hdr->secnum) {
		os_snprintf(msg, sizeof(msg), "section index %u is out of "
			    "range", idx);
		*rc = refuse(cx, from, msg);
		return NULL;
	}
	if (cx->secs[idx].type != type) {
		os_snprintf(msg, sizeof(msg), "section %u should be %s",
			    idx, sect_names[type]);
		*rc = refuse(cx, from, msg);
		return NULL;
	}
	*rc = 0;
	return &cx->secs[idx];
}

static const void *sect_data(dof_ctx_t *cx, const dof_sec_t *s)
{
	return cx->base + s->offset;
}

/* A terminated string at 'off' of string table 'st' that fits 'max'. */
static const char *sect_string(dof_ctx_t *cx, uint32_t from,
			       const dof_sec_t *st, dof_stridx_t off,
			       size_t max, int *rc)
{
	const char *s = sect_data(cx, st);
	uint64_t i;

	*rc = 0;
	if (off >= st->size) {
		*rc = refuse(cx, from, "string offset outside its table");
		return NULL;
	}
	for (i = off; i < st->size; i++) {
		if (s[i] == '\0')
			break;
	}
	if (i == st->size) {
		*rc = refuse(cx, from, "unterminated string");
		return NULL;
	}
	if (max != 0 && i - off >= max) {
		*rc = refuse(cx, from, "string too long for its field");
		return NULL;
	}
	return s + off;
}

/* ---- 3: options ----------------------------------------------------- */

static int check_option(dof_ctx_t *cx, uint32_t sec, uint32_t opt,
			uint64_t v)
{
	switch (opt) {
	case DTRACEOPT_BUFSIZE:
	case DTRACEOPT_AGGSIZE:
	case DTRACEOPT_DYNVARSIZE:
	case DTRACEOPT_SPECSIZE:
		if (v < 64 || v > OPT_SIZE_MAX)
			return refuse(cx, sec, "buffer size option must be "
				      "64 bytes .. 1 GiB");
		break;
	case DTRACEOPT_BUFPOLICY:
		if (v > DTRACEOPT_BUFPOLICY_RING)
			return refuse(cx, sec, "bufpolicy must be switch, "
				      "fill or ring");
		break;
	case DTRACEOPT_NSPEC:
		if (v > NSPEC_MAX)
			return refuse(cx, sec, "nspec is larger than 4096");
		break;
	case DTRACEOPT_STRSIZE:
		if (v < 2 || v > STRSIZE_MAX)
			return refuse(cx, sec, "strsize must be 2 .. 65536");
		if (cx->state->vstate != NULL &&
		    v != cx->state->options[DTRACEOPT_STRSIZE])
			return refuse(cx, sec, "strsize cannot change after "
				      "a first program was loaded");
		break;
	case DTRACEOPT_STACKFRAMES:
	case DTRACEOPT_USTACKFRAMES:
		if (v < 1 || v > STACKFRAMES_MAX)
			return refuse(cx, sec, "stackframes and ustackframes "
				      "must be 1 .. 1024");
		break;
	case DTRACEOPT_CPU:
		if (v != DTRACEOPT_UNSET && v >= (uint64_t)os_ncpus())
			return refuse(cx, sec, "cpu option names no CPU");
		break;
	case DTRACEOPT_DESTRUCTIVE:
		if (v != 0 && !(cx->state->privs & DTRACE_PRIV_DESTRUCTIVE))
			return refuse(cx, sec, "destructive actions are not "
				      "allowed to this consumer");
		break;
	}
	return 0;
}

static int load_options(dof_ctx_t *cx)
{
	const dof_optdesc_t *od;
	uint32_t i, n;
	uint64_t k;
	int rc;

	os_memcpy(cx->opts, cx->state->options, sizeof(cx->opts));
	for (i = 0; i < cx->hdr->secnum; i++) {
		if (cx->secs[i].type != DOF_SECT_OPTDESC)
			continue;
		od = sect_data(cx, &cx->secs[i]);
		n = (uint32_t)(cx->secs[i].size / sizeof(*od));
		for (k = 0; k < n; k++) {
			if (od[k].option >= DTRACEOPT_MAX)
				return refuse(cx, i, "unknown option");
			if (od[k].value == DTRACEOPT_UNSET &&
			    od[k].option != DTRACEOPT_CPU)
				continue;
			rc = check_option(cx, i, od[k].option, od[k].value);
			if (rc != 0)
				return rc;
			cx->opts[od[k].option] = od[k].value;
		}
	}
	return 0;
}

/* ---- 4: DIFOs, actions, enablings ----------------------------------- */

static void *copy_out(const void *src, uint64_t size)
{
	void *p = os_zalloc(size ? size : 1);

	if (p != NULL && size)
		os_memcpy(p, src, size);
	return p;
}

static int load_vartab(dof_ctx_t *cx, uint32_t hsec, dtrace_difo_t *dp)
{
	uint32_t i;

	for (i = 0; i < dp->varlen; i++) {
		dof_difv_t *v = &dp->vartab[i];

		if (v->id < DIF_VAR_OTHER_UBASE || v->id > DIF_VAR_OTHER_MAX)
			return refuse(cx, hsec, "variable id outside the "
				      "user range");
		if (v->kind > DIF_VKIND_ARRAY || v->scope > DIF_VSCOPE_LOCAL)
			return refuse(cx, hsec, "bad variable kind or scope");
		if (v->name == DOF_STRIDX_NONE)
			continue;
		if (dp->strlen == 0)
			return refuse(cx, hsec, "variable name without a "
				      "string table");
		if (v->name >= dp->strlen ||
		    dp->strtab[dp->strlen - 1] != '\0')
			return refuse(cx, hsec, "variable name outside the "
				      "string table or unterminated");
	}
	return 0;
}

/* Copy one table of a DIFO; 'none' when the index is DOF_SECIDX_NONE. */
static int difo_table(dof_ctx_t *cx, uint32_t hsec, dof_secidx_t idx,
		      uint32_t type, void **dst, uint32_t *count,
		      uint32_t entsize)
{
	const dof_sec_t *s;
	int rc;

	*dst = NULL;
	*count = 0;
	if (idx == DOF_SECIDX_NONE)
		return 0;
	s = sect_get(cx, hsec, idx, type, &rc);
	if (s == NULL)
		return rc;
	*dst = copy_out(sect_data(cx, s), s->size);
	if (*dst == NULL)
		return nomem(cx);
	*count = (uint32_t)(s->size / entsize);
	return 0;
}

static int load_difo(dof_ctx_t *cx, uint32_t from, dof_secidx_t idx,
		     dtrace_difo_t **dpp)
{
	const dof_difohdr_t *h;
	const dof_sec_t *s;
	dtrace_difo_t *dp;
	char msg[160], vmsg[128];
	int rc;

	*dpp = NULL;
	s = sect_get(cx, from, idx, DOF_SECT_DIFOHDR, &rc);
	if (s == NULL)
		return rc;
	h = sect_data(cx, s);
	dp = os_zalloc(sizeof(*dp));
	if (dp == NULL)
		return nomem(cx);
	*dpp = dp;
	dp->rtype = h->rtype;
	if (h->dif == DOF_SECIDX_NONE)
		return refuse(cx, idx, "DIFO without DIF");
	rc = difo_table(cx, idx, h->dif, DOF_SECT_DIF, (void **)&dp->buf,
			&dp->len, sizeof(dif_instr_t));
	if (rc == 0)
		rc = difo_table(cx, idx, h->inttab, DOF_SECT_INTTAB,
				(void **)&dp->inttab, &dp->intlen, 8);
	if (rc == 0)
		rc = difo_table(cx, idx, h->strtab, DOF_SECT_STRTAB,
				(void **)&dp->strtab, &dp->strlen, 1);
	if (rc == 0)
		rc = difo_table(cx, idx, h->vartab, DOF_SECT_VARTAB,
				(void **)&dp->vartab, &dp->varlen,
				sizeof(dof_difv_t));
	if (rc != 0)
		return rc;
	if (dp->len == 0 || dp->len > DIF_LEN_MAX)
		return refuse(cx, idx, "DIF is empty or longer than 65536 "
			      "instructions");
	if (dp->rtype.kind > DIF_TYPE_STRING ||
	    ((dp->rtype.flags & DIF_TF_BYREF) &&
	     dp->rtype.kind != DIF_TYPE_STRING &&
	     (dp->rtype.size == 0 || dp->rtype.size > (1u << 20))))
		return refuse(cx, idx, "bad return type");
	rc = load_vartab(cx, idx, dp);
	if (rc != 0)
		return rc;
	vmsg[0] = '\0';
	if (dtrace_difo_verify(dp, vmsg, sizeof(vmsg)) != 0) {
		os_snprintf(msg, sizeof(msg), "DIF rejected: %s", vmsg);
		return refuse(cx, idx, msg);
	}
	return 0;
}

static bool is_destructive(uint32_t kind)
{
	return kind == DTRACEACT_STOP || kind == DTRACEACT_RAISE ||
	       kind == DTRACEACT_CHILL || kind == DTRACEACT_SYSTEM ||
	       kind == DTRACEACT_FREOPEN;
}

/* Does action kind need a DIFO (1), refuse one (-1), or either (0)? */
static int difo_need(uint32_t kind)
{
	switch (kind) {
	case DTRACEACT_DIFEXPR:
	case DTRACEACT_EXIT:
	case DTRACEACT_TRACEMEM:
	case DTRACEACT_TRACEMEM_DYNSIZE:
	case DTRACEACT_SPECULATE:
	case DTRACEACT_COMMIT:
	case DTRACEACT_DISCARD:
	case DTRACEACT_RAISE:
	case DTRACEACT_CHILL:
	case DTRACEACT_SYM:
	case DTRACEACT_MOD:
	case DTRACEACT_USYM:
	case DTRACEACT_UMOD:
	case DTRACEACT_UADDR:
	case DTRACEAGG_SUM:
	case DTRACEAGG_MIN:
	case DTRACEAGG_MAX:
	case DTRACEAGG_AVG:
	case DTRACEAGG_STDDEV:
	case DTRACEAGG_QUANTIZE:
	case DTRACEAGG_LQUANTIZE:
	case DTRACEAGG_LLQUANTIZE:
		return 1;
	case DTRACEACT_NONE:
	case DTRACEACT_STOP:
	case DTRACEAGG_COUNT:
		return -1;
	}
	return 0;
}

static int load_action(dof_ctx_t *cx, uint32_t sec, uint32_t i,
		       const dof_actdesc_t *ad, dtrace_action_t *a)
{
	bool destructive_ok = (cx->state->privs & DTRACE_PRIV_DESTRUCTIVE) &&
			      cx->opts[DTRACEOPT_DESTRUCTIVE] != 0 &&
			      cx->opts[DTRACEOPT_DESTRUCTIVE] !=
			      DTRACEOPT_UNSET;
	char msg[128];
	int need, rc;

	a->kind = ad->kind;
	a->ntuple = ad->ntuple;
	a->arg = ad->arg;
	a->arg2 = ad->arg2;
	a->uarg = ad->uarg;
	/* stack() and ustack() without a count: the options say how many */
	if (ad->kind == DTRACEACT_STACK && ad->arg == 0)
		a->arg = cx->opts[DTRACEOPT_STACKFRAMES];
	if (ad->kind == DTRACEACT_USTACK && ad->arg == 0)
		a->arg = cx->opts[DTRACEOPT_USTACKFRAMES];
	if (ad->kind > DTRACEACT_DISCARD && !DTRACEAGG_ISAGG(ad->kind)) {
		os_snprintf(msg, sizeof(msg), "action %u: unknown kind %u",
			    i, ad->kind);
		return refuse(cx, sec, msg);
	}
	if (is_destructive(ad->kind) && !destructive_ok) {
		os_snprintf(msg, sizeof(msg), "action %u: destructive "
			    "actions need -w (destructive option)", i);
		return refuse(cx, sec, msg);
	}
	need = difo_need(ad->kind);
	if ((need > 0 && ad->difo == DOF_SECIDX_NONE) ||
	    (need < 0 && ad->difo != DOF_SECIDX_NONE)) {
		os_snprintf(msg, sizeof(msg), "action %u: kind %u %s a "
			    "value", i, ad->kind, need > 0 ? "needs" :
			    "takes no");
		return refuse(cx, sec, msg);
	}
	if ((ad->kind == DTRACEACT_TRACEMEM && ad->arg > (1u << 16)) ||
	    ((ad->kind == DTRACEACT_STACK || ad->kind == DTRACEACT_USTACK) &&
	     a->arg > STACKFRAMES_MAX)) {
		os_snprintf(msg, sizeof(msg), "action %u: size or frame "
			    "count too large", i);
		return refuse(cx, sec, msg);
	}
	if (ad->incr != DOF_SECIDX_NONE && !DTRACEAGG_ISAGG(ad->kind)) {
		os_snprintf(msg, sizeof(msg), "action %u: an increment on a "
			    "non-aggregating action", i);
		return refuse(cx, sec, msg);
	}
	if (ad->difo != DOF_SECIDX_NONE) {
		rc = load_difo(cx, sec, ad->difo, &a->difo);
		if (rc != 0)
			return rc;
	}
	if (ad->incr != DOF_SECIDX_NONE)
		return load_difo(cx, sec, ad->incr, &a->incr);
	return 0;
}

static int load_actions(dof_ctx_t *cx, uint32_t esec, dof_secidx_t idx,
			dtrace_clause_t *cl)
{
	const dof_actdesc_t *ad;
	const dof_sec_t *s;
	uint32_t i;
	int rc;

	if (idx == DOF_SECIDX_NONE)
		return 0;
	s = sect_get(cx, esec, idx, DOF_SECT_ACTDESC, &rc);
	if (s == NULL)
		return rc;
	cl->nactions = (uint32_t)(s->size / sizeof(*ad));
	if (cl->nactions == 0)
		return 0;
	if (cl->nactions > 4096)
		return refuse(cx, idx, "more than 4096 actions");
	cl->actions = os_zalloc(cl->nactions * sizeof(*cl->actions));
	if (cl->actions == NULL) {
		cl->nactions = 0;
		return nomem(cx);
	}
	ad = sect_data(cx, s);
	for (i = 0; i < cl->nactions; i++) {
		rc = load_action(cx, idx, i, &ad[i], &cl->actions[i]);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int load_probedesc(dof_ctx_t *cx, uint32_t esec, dof_secidx_t idx,
			  dtrace_probedesc_t *pd)
{
	const dof_probedesc_t *d;
	const dof_sec_t *s, *st;
	const char *str;
	static const size_t max[4] = { DTRACE_PROVNAMELEN, DTRACE_MODNAMELEN,
				       DTRACE_FUNCNAMELEN, DTRACE_NAMELEN };
	char *dst[4] = { pd->provider, pd->mod, pd->func, pd->name };
	int i, rc;

	s = sect_get(cx, esec, idx, DOF_SECT_PROBEDESC, &rc);
	if (s == NULL)
		return rc;
	d = sect_data(cx, s);
	st = sect_get(cx, idx, d->strtab, DOF_SECT_STRTAB, &rc);
	if (st == NULL)
		return rc;
	{
		const dof_stridx_t o[4] = { d->provider, d->mod, d->func,
					    d->name };

		for (i = 0; i < 4; i++) {
			str = sect_string(cx, idx, st, o[i], max[i], &rc);
			if (str == NULL)
				return rc;
			os_memcpy(dst[i], str, os_strlen(str) + 1);
		}
	}
	pd->id = d->id;
	return 0;
}

struct match_arg {
	dof_ctx_t	*cx;
	dtrace_clause_t	*cl;
	int		rc;
};

static int add_ecb(dtrace_probe_t *p, void *arg)
{
	struct match_arg *ma = arg;
	dof_ctx_t *cx = ma->cx;
	dtrace_ecb_t *ecb, **tab;

	if (cx->necbs == cx->ecbcap) {
		tab = os_zalloc((cx->ecbcap + 64) * sizeof(*tab));
		if (tab == NULL)
			return ma->rc = nomem(cx);
		if (cx->necbs)
			os_memcpy(tab, cx->ecbs, cx->necbs * sizeof(*tab));
		os_free(cx->ecbs, cx->ecbcap * sizeof(*tab));
		cx->ecbs = tab;
		cx->ecbcap += 64;
	}
	ecb = os_zalloc(sizeof(*ecb));
	if (ecb == NULL)
		return ma->rc = nomem(cx);
	ecb->epid = cx->state->necbs + cx->necbs + 1;
	ecb->state = cx->state;
	ecb->probe = p;
	ecb->clause = ma->cl;
	ma->cl->refs++;
	cx->ecbs[cx->necbs++] = ecb;
	return 0;
}

static int load_ecbdesc(dof_ctx_t *cx, uint32_t sec)
{
	const dof_ecbdesc_t *ed = sect_data(cx, &cx->secs[sec]);
	struct match_arg ma = { cx, NULL, 0 };
	dtrace_probedesc_t pd;
	dtrace_clause_t *cl;
	char msg[128];
	int rc;

	os_memset(&pd, 0, sizeof(pd));
	rc = load_probedesc(cx, sec, ed->probes, &pd);
	if (rc != 0)
		return rc;
	cl = os_zalloc(sizeof(*cl));
	if (cl == NULL)
		return nomem(cx);
	cl->refs = 1;
	cl->uarg = ed->uarg;
	if (ed->pred != DOF_SECIDX_NONE)
		rc = load_difo(cx, sec, ed->pred, &cl->pred);
	if (rc == 0)
		rc = load_actions(cx, sec, ed->actions, cl);
	if (rc == 0) {
		msg[0] = '\0';
		rc = dtrace_clause_layout(cl,
					  (uint32_t)cx->opts[DTRACEOPT_STRSIZE],
					  msg, sizeof(msg));
		if (rc != 0)
			rc = refuse(cx, ed->actions, msg);
	}
	if (rc == 0) {
		rc = dtrace_clause_aggvars(cx->state, cl, msg, sizeof(msg));
		if (rc != 0)
			rc = refuse(cx, ed->actions, msg);
	}
	if (rc == 0) {
		ma.cl = cl;
		dtrace_probe_provide(&pd);
		dtrace_probe_foreach(&pd, add_ecb, &ma);
		rc = ma.rc;
	}
	dtrace_clause_release(cl);	/* the ECBs hold their own refs */
	return rc;
}

/* Declare every DIFO's variables to the consumer's variable state. */
static int declare_clause(dof_ctx_t *cx, dtrace_clause_t *cl)
{
	char msg[128], vmsg[96];
	uint32_t i;

	vmsg[0] = '\0';
	if (cl->pred != NULL &&
	    dtrace_vstate_add_difo(cx->state->vstate, cl->pred, vmsg,
				   sizeof(vmsg)) != 0)
		goto bad;
	for (i = 0; i < cl->nactions; i++) {
		dtrace_action_t *a = &cl->actions[i];

		if (a->difo != NULL &&
		    dtrace_vstate_add_difo(cx->state->vstate, a->difo, vmsg,
					   sizeof(vmsg)) != 0)
			goto bad;
		if (a->incr != NULL &&
		    dtrace_vstate_add_difo(cx->state->vstate, a->incr, vmsg,
					   sizeof(vmsg)) != 0)
			goto bad;
	}
	return 0;
bad:
	os_snprintf(msg, sizeof(msg), "variables conflict: %s", vmsg);
	return refuse(cx, ~0u, msg);
}

static void ctx_free_ecbs(dof_ctx_t *cx, uint32_t nenabled)
{
	const char *prov;
	uint32_t i;

	for (i = 0; i < nenabled; i++)
		dtrace_ecb_disable(cx->ecbs[i]);
	if (nenabled) {
		dtrace_probe_commit(&prov);
		dtrace_sync();
	}
	for (i = 0; i < cx->necbs; i++) {
		dtrace_clause_release(cx->ecbs[i]->clause);
		os_free(cx->ecbs[i], sizeof(dtrace_ecb_t));
	}
	os_free(cx->ecbs, cx->ecbcap * sizeof(*cx->ecbs));
	cx->ecbs = NULL;
	cx->necbs = cx->ecbcap = 0;
}

/* Append the new ECBs to the state's table (epid order). */
static int state_add_ecbs(dof_ctx_t *cx)
{
	dtrace_state_t *st = cx->state;
	uint32_t need = st->necbs + cx->necbs;
	dtrace_ecb_t **tab;

	if (cx->necbs == 0)
		return 0;
	if (need > st->ecbcap) {
		tab = os_zalloc(need * sizeof(*tab));
		if (tab == NULL)
			return nomem(cx);
		if (st->necbs)
			os_memcpy(tab, st->ecbs, st->necbs * sizeof(*tab));
		os_free(st->ecbs, st->ecbcap * sizeof(*tab));
		st->ecbs = tab;
		st->ecbcap = need;
	}
	os_memcpy(st->ecbs + st->necbs, cx->ecbs,
		  cx->necbs * sizeof(*cx->ecbs));
	st->necbs = need;
	return 0;
}

static int enable_all(dof_ctx_t *cx, uint32_t *nenabled)
{
	const char *prov;
	char msg[128];
	uint32_t i;
	int rc;

	for (i = 0; i < cx->necbs; i++) {
		rc = dtrace_ecb_enable(cx->ecbs[i]);
		if (rc != 0) {
			*nenabled = i;
			cx->err->code = -rc;
			os_snprintf(msg, sizeof(msg), "%s:%s:%s:%s",
				    cx->ecbs[i]->probe->prov->name,
				    cx->ecbs[i]->probe->mod,
				    cx->ecbs[i]->probe->func,
				    cx->ecbs[i]->probe->name);
			os_snprintf(cx->err->msg, sizeof(cx->err->msg),
				    "could not enable probe %s (error %d)",
				    msg, -rc);
			return rc;
		}
	}
	*nenabled = cx->necbs;
	/* Providers that arm in batches arm now, all of this DOF at once. */
	rc = dtrace_probe_commit(&prov);
	if (rc != 0) {
		cx->err->code = -rc;
		os_snprintf(cx->err->msg, sizeof(cx->err->msg),
			    "could not arm the probes of provider %s "
			    "(error %d)", prov, -rc);
	}
	return rc;
}

static int load_all(dof_ctx_t *cx, uint32_t *nenabled)
{
	uint32_t i;
	int rc;

	for (i = 0; i < cx->hdr->secnum; i++) {
		rc = check_section(cx, i);
		if (rc != 0)
			return rc;
	}
	rc = load_options(cx);
	if (rc != 0)
		return rc;
	os_memcpy(cx->state->options, cx->opts, sizeof(cx->opts));
	for (i = 0; i < cx->hdr->secnum; i++) {
		if (cx->secs[i].type != DOF_SECT_ECBDESC)
			continue;
		rc = load_ecbdesc(cx, i);
		if (rc != 0)
			return rc;
	}
	if (cx->state->vstate == NULL) {
		rc = dtrace_vstate_create(&cx->state->vstate,
					  cx->opts[DTRACEOPT_DYNVARSIZE],
					  (uint32_t)cx->opts[DTRACEOPT_STRSIZE],
					  os_ncpus());
		if (rc != 0)
			return nomem(cx);
	}
	for (i = 0; i < cx->necbs; i++) {
		if (i > 0 && cx->ecbs[i]->clause == cx->ecbs[i - 1]->clause)
			continue;
		rc = declare_clause(cx, cx->ecbs[i]->clause);
		if (rc != 0)
			return rc;
	}
	rc = enable_all(cx, nenabled);
	if (rc != 0)
		return rc;
	return state_add_ecbs(cx);
}

int dtrace_dof_load(dtrace_state_t *state, const void *dof, size_t size,
		    unsigned int *nmatched, dtc_loaderr_t *err)
{
	uint64_t saved_opts[DTRACEOPT_MAX];
	uint32_t saved_naggs = state->naggs, nenabled = 0;
	dof_ctx_t cx;
	char *copy;
	int rc;

	os_memset(&cx, 0, sizeof(cx));
	cx.err = err;
	cx.state = state;
	*nmatched = 0;
	if (dof == NULL || size < sizeof(dof_hdr_t))
		return refuse(&cx, ~0u, "shorter than a DOF header");
	if (size > DOF_MAXSIZE)
		return refuse(&cx, ~0u, "larger than DOF_MAXSIZE (8 MiB)");
	copy = os_zalloc(size);
	if (copy == NULL)
		return nomem(&cx);
	os_memcpy(copy, dof, size);
	cx.base = copy;
	cx.size = size;
	cx.hdr = (const dof_hdr_t *)copy;
	os_memcpy(saved_opts, state->options, sizeof(saved_opts));

	rc = check_header(&cx);
	if (rc == 0)
		rc = load_all(&cx, &nenabled);
	if (rc != 0) {
		ctx_free_ecbs(&cx, nenabled);
		dtrace_state_aggvars_truncate(state, saved_naggs);
		os_memcpy(state->options, saved_opts, sizeof(saved_opts));
	} else {
		*nmatched = cx.necbs;
		os_free(cx.ecbs, cx.ecbcap * sizeof(*cx.ecbs));
	}
	os_free(copy, size);
	return rc;
}
