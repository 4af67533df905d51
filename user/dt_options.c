// SPDX-License-Identifier: GPL-2.0
/*
 * DTrace's options: -x name[=value], DTRACE_OPT_<NAME> environment
 * variables, #pragma D option lines and the setopt() action all come
 * through dtrace_setopt() and this table.
 *
 * An option is either the core's (bufsize, nspec, ...: it travels to the
 * core as a DOF_SECT_OPTDESC section, see dt_options_dof()) or the
 * consumer's (quiet, aggsortkey, ...: a field of dt_copts_t), and some
 * are both (the three rates).  The core's options are fixed once tracing
 * has started; the consumer's may change at any time, as setopt() does.
 *
 * Values: sizes take k, m, g, t suffixes ("4m"); times take ns, us, ms,
 * s, m(in), h(our), d(ay) or hz ("10ms", "97hz"), a bare number being
 * nanoseconds; booleans are set by their name alone; a path (ktypes)
 * must name a readable file.  An unknown name or
 * a bad value is an error that names the option.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "dt_consumer.h"

extern char **environ;

typedef enum dt_optkind {
	DT_OPT_BOOL,		/* no value */
	DT_OPT_INT,		/* a signed integer */
	DT_OPT_SIZE,		/* bytes, with k/m/g/t */
	DT_OPT_TIME,		/* nanoseconds, with a unit or hz */
	DT_OPT_BUFPOLICY,	/* switch, fill, ring */
	DT_OPT_BUFRESIZE,	/* auto, manual */
	DT_OPT_HOST,		/* auto, user, kernel */
	DT_OPT_PATH,		/* a readable file */
} dt_optkind_t;

#define DT_NOCORE	-1	/* not a core option */
#define DT_NOFIELD	((size_t)-1)	/* not a consumer option */

typedef struct dt_option {
	const char	*name;
	dt_optkind_t	kind;
	int		coreopt;	/* DTRACEOPT_* or DT_NOCORE */
	size_t		field;		/* in dt_copts_t, or DT_NOFIELD */
	unsigned int	cflag;		/* DT_CF_* it sets, or 0 */
} dt_option_t;

#define COPT(f)		offsetof(dt_copts_t, f)

static const dt_option_t dt_options[] = {
	{ "aggrate", DT_OPT_TIME, DTRACEOPT_AGGRATE, COPT(aggrate), 0 },
	{ "aggsize", DT_OPT_SIZE, DTRACEOPT_AGGSIZE, DT_NOFIELD, 0 },
	{ "aggsortkey", DT_OPT_BOOL, DT_NOCORE, COPT(aggsortkey), 0 },
	{ "aggsortkeypos", DT_OPT_INT, DT_NOCORE, COPT(aggsortkeypos), 0 },
	{ "aggsortpos", DT_OPT_INT, DT_NOCORE, COPT(aggsortpos), 0 },
	{ "aggsortrev", DT_OPT_BOOL, DT_NOCORE, COPT(aggsortrev), 0 },
	{ "bufpolicy", DT_OPT_BUFPOLICY, DTRACEOPT_BUFPOLICY, DT_NOFIELD, 0 },
	{ "bufresize", DT_OPT_BUFRESIZE, DTRACEOPT_BUFRESIZE, DT_NOFIELD, 0 },
	{ "bufsize", DT_OPT_SIZE, DTRACEOPT_BUFSIZE, DT_NOFIELD, 0 },
	{ "cleanrate", DT_OPT_TIME, DTRACEOPT_CLEANRATE, DT_NOFIELD, 0 },
	{ "cpp", DT_OPT_BOOL, DT_NOCORE, DT_NOFIELD, DT_CF_CPP },
	{ "cpu", DT_OPT_INT, DTRACEOPT_CPU, DT_NOFIELD, 0 },
	{ "defaultargs", DT_OPT_BOOL, DT_NOCORE, DT_NOFIELD,
	  DT_CF_DEFAULTARGS },
	{ "destructive", DT_OPT_BOOL, DTRACEOPT_DESTRUCTIVE, DT_NOFIELD,
	  DT_CF_DESTRUCT },
	{ "dynvarsize", DT_OPT_SIZE, DTRACEOPT_DYNVARSIZE, DT_NOFIELD, 0 },
	{ "errtags", DT_OPT_BOOL, DT_NOCORE, COPT(errtags), 0 },
	{ "flowindent", DT_OPT_BOOL, DT_NOCORE, COPT(flowindent), 0 },
	{ "host", DT_OPT_HOST, DT_NOCORE, COPT(host), 0 },
	{ "jstackframes", DT_OPT_INT, DTRACEOPT_JSTACKFRAMES, DT_NOFIELD, 0 },
	{ "ktypes", DT_OPT_PATH, DT_NOCORE, DT_NOFIELD, 0 },
	{ "nspec", DT_OPT_INT, DTRACEOPT_NSPEC, DT_NOFIELD, 0 },
	{ "quiet", DT_OPT_BOOL, DT_NOCORE, COPT(quiet), 0 },
	{ "rawbytes", DT_OPT_BOOL, DT_NOCORE, COPT(rawbytes), 0 },
	{ "specsize", DT_OPT_SIZE, DTRACEOPT_SPECSIZE, DT_NOFIELD, 0 },
	{ "stackframes", DT_OPT_INT, DTRACEOPT_STACKFRAMES, DT_NOFIELD, 0 },
	{ "stackindent", DT_OPT_INT, DT_NOCORE, COPT(stackindent), 0 },
	{ "statusrate", DT_OPT_TIME, DTRACEOPT_STATUSRATE, COPT(statusrate),
	  0 },
	{ "strsize", DT_OPT_SIZE, DTRACEOPT_STRSIZE, DT_NOFIELD, 0 },
	{ "switchrate", DT_OPT_TIME, DTRACEOPT_SWITCHRATE, COPT(switchrate),
	  0 },
	{ "ustackframes", DT_OPT_INT, DTRACEOPT_USTACKFRAMES, DT_NOFIELD, 0 },
	{ "zdefs", DT_OPT_BOOL, DT_NOCORE, DT_NOFIELD, DT_CF_ZDEFS },
};

/* DTrace options this implementation knows but does not provide. */
static const char *const dt_unsupported[] = {
	"agghist", "aggpack", "aggpercpu", "aggzoom", "cpphdrs", "cpppath",
	"ctypes", "dtypes", "evaltime", "grabanon", "iregs", "jstackstrsize",
	"knodefs", "linkmode", "linktype", "nolibs", "pgmax", "quietresize",
	"stdc", "syslibdir", "temporal", "tree", "tregs", "udefs",
	"unodefs", "verbose", "version", NULL
};

void dt_options_init(dtrace_hdl_t *dtp)
{
	unsigned int i;

	for (i = 0; i < DTRACEOPT_MAX; i++)
		dtp->coreopt[i] = DTRACEOPT_UNSET;
	dtp->opts.switchrate = 1000000000ULL;	/* 1hz, as DTrace */
	dtp->opts.aggrate = 1000000000ULL;
	dtp->opts.statusrate = 1000000000ULL;
	dtp->opts.stackindent = 14;
	dtp->opts.host = DT_HOST_AUTO;
	dtp->copts.strsize = 256;
}

int dt_parse_size(const char *s, uint64_t *valp)
{
	char *end;
	uint64_t v, mul = 1;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno != 0)
		return -1;
	switch (tolower((unsigned char)*end)) {
	case 't': mul <<= 10; /* fall through */
	case 'g': mul <<= 10; /* fall through */
	case 'm': mul <<= 10; /* fall through */
	case 'k': mul <<= 10; end++; break;
	case '\0': break;
	default: return -1;
	}
	if (*end != '\0' || (v != 0 && mul > UINT64_MAX / v))
		return -1;
	*valp = v * mul;
	return 0;
}

int dt_parse_time(const char *s, uint64_t *nsp)
{
	static const struct {
		const char *suffix;
		uint64_t ns;		/* 0: a rate in hz */
	} units[] = {
		{ "", 1 }, { "ns", 1 }, { "nsec", 1 },
		{ "us", 1000 }, { "usec", 1000 },
		{ "ms", 1000000 }, { "msec", 1000000 },
		{ "s", 1000000000ULL }, { "sec", 1000000000ULL },
		{ "m", 60000000000ULL }, { "min", 60000000000ULL },
		{ "h", 3600000000000ULL }, { "hour", 3600000000000ULL },
		{ "d", 86400000000000ULL }, { "day", 86400000000000ULL },
		{ "hz", 0 },
	};
	char *end;
	uint64_t v;
	size_t i;

	if (s == NULL || !isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno != 0)
		return -1;
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcasecmp(end, units[i].suffix) != 0)
			continue;
		if (units[i].ns == 0) {
			if (v == 0)
				return -1;
			*nsp = 1000000000ULL / v;
		} else {
			if (v > UINT64_MAX / units[i].ns)
				return -1;
			*nsp = v * units[i].ns;
		}
		return 0;
	}
	return -1;
}

static const dt_option_t *opt_find(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(dt_options) / sizeof(dt_options[0]); i++)
		if (strcmp(dt_options[i].name, name) == 0)
			return &dt_options[i];
	return NULL;
}

static int opt_keyword(const char *v, const char *const *words)
{
	int i;

	for (i = 0; v != NULL && words[i] != NULL; i++)
		if (strcmp(v, words[i]) == 0)
			return i;
	return -1;
}

/* Parse 'value' as option 'o' wants it; -1 with errmsg if it cannot. */
static int opt_value(dtrace_hdl_t *dtp, const dt_option_t *o,
		     const char *value, int64_t *vp)
{
	static const char *const policies[] = { "switch", "fill", "ring",
						NULL };
	static const char *const resizes[] = { "auto", "manual", NULL };
	static const char *const hosts[] = { "auto", "user", "kernel", NULL };
	static const char *const yes[] = { "", "1", "true", "yes", "on",
					   "set", NULL };
	static const char *const no[] = { "0", "false", "no", "off", "unset",
					  NULL };
	const char *want = "a value";
	uint64_t u;
	char *end;
	int k = -1;

	switch (o->kind) {
	case DT_OPT_BOOL:
		if (value == NULL || opt_keyword(value, yes) >= 0)
			k = 1;
		else if (opt_keyword(value, no) >= 0)
			k = 0;
		want = "no value (or 0/1)";
		break;
	case DT_OPT_INT:
		if (value != NULL && *value != '\0') {
			errno = 0;
			*vp = strtoll(value, &end, 0);
			if (errno == 0 && *end == '\0')
				return 0;
		}
		want = "an integer";
		break;
	case DT_OPT_SIZE:
		if (dt_parse_size(value, &u) == 0) {
			*vp = (int64_t)u;
			return 0;
		}
		want = "a size such as 4m or 512k";
		break;
	case DT_OPT_TIME:
		if (dt_parse_time(value, &u) == 0) {
			*vp = (int64_t)u;
			return 0;
		}
		want = "a time such as 10ms, 1s or 97hz";
		break;
	case DT_OPT_BUFPOLICY:
		k = opt_keyword(value, policies);
		want = "switch, fill or ring";
		break;
	case DT_OPT_BUFRESIZE:
		k = opt_keyword(value, resizes);
		want = "auto or manual";
		break;
	case DT_OPT_HOST:
		k = opt_keyword(value, hosts);
		want = "auto, user or kernel";
		break;
	case DT_OPT_PATH:
		if (value == NULL || *value == '\0')
			break;
		if (access(value, R_OK) != 0)
			return dt_set_errmsg(dtp, "option %s: cannot read %s: "
					     "%s", o->name, value,
					     strerror(errno));
		return 0;
	}
	if (o->kind == DT_OPT_PATH)
		want = "a file: BTF, or an ELF object with DWARF";
	if (k >= 0) {
		*vp = k;
		return 0;
	}
	return dt_set_errmsg(dtp, "option %s: invalid value '%s': expected %s",
			     o->name, value ? value : "", want);
}

/*
 * ktypes: the file the compiler reads kernel types from (dt_ktype.h).
 * The compiler takes its options when it is created, at the first
 * compile, so the option must come before.
 */
static int opt_ktypes(dtrace_hdl_t *dtp, const char *path)
{
	char *copy;

	if (dtp->compiler != NULL)
		return dt_set_errmsg(dtp, "option ktypes cannot be changed "
				     "after the first compile: give it "
				     "before the program (-x ktypes=PATH)");
	if ((copy = strdup(path)) == NULL)
		return dt_set_errmsg(dtp, "option ktypes: out of memory");
	free((char *)dtp->copts.ktypes);
	dtp->copts.ktypes = copy;
	return 0;
}

int dtrace_setopt(dtrace_hdl_t *dtp, const char *name, const char *value)
{
	const dt_option_t *o = opt_find(name);
	int64_t v = 0;

	if (o == NULL) {
		if (opt_keyword(name, dt_unsupported) >= 0)
			return dt_set_errmsg(dtp, "option %s is not supported "
					     "by this dtrace", name);
		return dt_set_errmsg(dtp, "unknown option: %s (see the "
				     "option list in dtrace(1))", name);
	}
	if (opt_value(dtp, o, value, &v) != 0)
		return -1;
	if (o->kind == DT_OPT_PATH)
		return opt_ktypes(dtp, value);
	if (o->coreopt != DT_NOCORE) {
		if (dtp->going && o->field == DT_NOFIELD)
			return dt_set_errmsg(dtp, "option %s cannot be "
					     "changed while tracing", name);
		if (!dtp->going)
			dtp->coreopt[o->coreopt] = (uint64_t)v;
	}
	if (o->cflag != 0) {
		if (v)
			dtp->copts.flags |= o->cflag;
		else
			dtp->copts.flags &= ~o->cflag;
	}
	if (o->coreopt == DTRACEOPT_STRSIZE)
		dtp->copts.strsize = (unsigned int)v;
	if (o->field == DT_NOFIELD)
		return 0;
	switch (o->kind) {
	case DT_OPT_BOOL:
	case DT_OPT_BUFPOLICY:
	case DT_OPT_BUFRESIZE:
		*(int *)((char *)&dtp->opts + o->field) = (int)v;
		break;
	case DT_OPT_HOST:
		if (dtp->host_ready && (dt_hostkind_t)v != dtp->opts.host)
			return dt_set_errmsg(dtp, "option host cannot be "
					     "changed: the %s host is in use",
					     dtp->host.ops->name);
		dtp->opts.host = (dt_hostkind_t)v;
		break;
	case DT_OPT_INT:
		*(int64_t *)((char *)&dtp->opts + o->field) = v;
		break;
	case DT_OPT_SIZE:
	case DT_OPT_TIME:
		*(uint64_t *)((char *)&dtp->opts + o->field) = (uint64_t)v;
		break;
	case DT_OPT_PATH:	/* the compiler's: opt_ktypes() took it */
		break;
	}
	return 0;
}

int dtrace_getopt(dtrace_hdl_t *dtp, const char *name, int64_t *valp)
{
	const dt_option_t *o = opt_find(name);

	if (o == NULL)
		return dt_set_errmsg(dtp, "unknown option: %s", name);
	if (o->field != DT_NOFIELD) {
		switch (o->kind) {
		case DT_OPT_INT:
		case DT_OPT_SIZE:
		case DT_OPT_TIME:
			*valp = *(int64_t *)((char *)&dtp->opts + o->field);
			break;
		default:
			*valp = *(int *)((char *)&dtp->opts + o->field);
		}
		return 0;
	}
	if (o->coreopt != DT_NOCORE) {
		*valp = (int64_t)dtp->coreopt[o->coreopt];
		return 0;
	}
	*valp = (dtp->copts.flags & o->cflag) != 0;
	return 0;
}

int dtrace_setopt_env(dtrace_hdl_t *dtp)
{
	static const char prefix[] = "DTRACE_OPT_";
	char **ep, name[64];

	for (ep = environ; ep != NULL && *ep != NULL; ep++) {
		const char *e = *ep, *eq;
		size_t n, i;

		if (strncmp(e, prefix, sizeof(prefix) - 1) != 0)
			continue;
		e += sizeof(prefix) - 1;
		eq = strchr(e, '=');
		n = eq != NULL ? (size_t)(eq - e) : strlen(e);
		if (n == 0 || n >= sizeof(name))
			continue;
		for (i = 0; i < n; i++)
			name[i] = (char)tolower((unsigned char)e[i]);
		name[n] = '\0';
		if (dtrace_setopt(dtp, name, eq != NULL && eq[1] != '\0' ?
				  eq + 1 : NULL) != 0) {
			char msg[sizeof(dtp->errmsg)];

			snprintf(msg, sizeof(msg), "%s", dtp->errmsg);
			return dt_set_errmsg(dtp, "environment variable "
					     "%s%s: %s", prefix, name, msg);
		}
	}
	return 0;
}

int dtrace_setopt_prog(dtrace_hdl_t *dtp)
{
	const dt_prog_t *p = dtp->prog;

	for (; p != NULL && dtp->prog_opts_applied < p->noptions;
	     dtp->prog_opts_applied++) {
		const dt_prog_option_t *o = &p->options[dtp->prog_opts_applied];

		if (dtrace_setopt(dtp, o->name, o->value) != 0)
			return -1;
	}
	return 0;
}

/*
 * The core options as a DOF of one DOF_SECT_OPTDESC section, loaded
 * before the programs' DOFs so that the core sizes its buffers from them.
 */
void *dt_options_dof(dtrace_hdl_t *dtp, size_t *sizep)
{
	dof_optdesc_t opts[DTRACEOPT_MAX];
	unsigned int i, n = 0;
	dof_hdr_t *hdr;
	dof_sec_t *sec;
	size_t size;

	for (i = 0; i < DTRACEOPT_MAX; i++) {
		if (dtp->coreopt[i] == DTRACEOPT_UNSET)
			continue;
		opts[n].option = i;
		opts[n].pad = 0;
		opts[n].value = dtp->coreopt[i];
		n++;
	}
	if (n == 0)
		return NULL;
	size = sizeof(*hdr) + sizeof(*sec) + n * sizeof(opts[0]);
	hdr = calloc(1, size);
	if (hdr == NULL)
		return NULL;
	hdr->ident[0] = DOF_MAG0;
	hdr->ident[1] = DOF_MAG1;
	hdr->ident[2] = DOF_MAG2;
	hdr->ident[3] = DOF_MAG3;
	hdr->version = DOF_VERSION;
	hdr->hdrsize = sizeof(*hdr);
	hdr->secsize = sizeof(*sec);
	hdr->secnum = 1;
	hdr->secoff = sizeof(*hdr);
	hdr->filesz = size;
	sec = (dof_sec_t *)(hdr + 1);
	sec->type = DOF_SECT_OPTDESC;
	sec->align = 8;
	sec->entsize = sizeof(opts[0]);
	sec->offset = sizeof(*hdr) + sizeof(*sec);
	sec->size = n * sizeof(opts[0]);
	memcpy(sec + 1, opts, n * sizeof(opts[0]));
	*sizep = size;
	return hdr;
}
