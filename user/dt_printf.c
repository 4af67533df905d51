// SPDX-License-Identifier: GPL-2.0
/*
 * DTrace's printf(), as the consumer applies it to recorded values.
 *
 * The compiler checked the format against the argument types; what
 * reaches us is the format text and, for each argument, the bytes the
 * core recorded with their size and D type.  Each conversion is handed
 * to the C library's fprintf with a format we rebuild from its flags,
 * width and precision, so padding and rounding are exactly C's.  The
 * recorded size, not the length modifier, says how many bytes a value
 * has; 'h' and 'hh' truncate as in C, 'l' and 'll' change nothing.
 *
 * DTrace's own conversions:
 *	%a %A	a kernel or user address as its symbol: module`func+0x1c
 *	%k	a stack() or ustack() record: a line per frame, as stack()
 *		prints it, indented by the width of a left-aligned %-Nk
 *	%S	a string with non-printable characters escaped
 *	%Y	a time in ns since the epoch: "2026 Nov 23 12:30:17"
 *	%@	printa: the aggregation's value
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dt_consumer.h"

int64_t dt_rec_int(const void *data, size_t size, unsigned int flags)
{
	int sign = (flags & DTC_RECF_SIGNED) != 0;

	switch (size) {
	case 1: {
		uint8_t v;

		memcpy(&v, data, 1);
		return sign ? (int64_t)(int8_t)v : (int64_t)v;
	}
	case 2: {
		uint16_t v;

		memcpy(&v, data, 2);
		return sign ? (int64_t)(int16_t)v : (int64_t)v;
	}
	case 4: {
		uint32_t v;

		memcpy(&v, data, 4);
		return sign ? (int64_t)(int32_t)v : (int64_t)v;
	}
	case 8: {
		int64_t v;

		memcpy(&v, data, 8);
		return v;
	}
	default:
		return 0;
	}
}

/* One parsed conversion specification. */
typedef struct dt_pfconv {
	char	flags[8];	/* of "-+ #0", in the order given */
	int	width;		/* -1 if none */
	int	prec;		/* -1 if none */
	int	hcount;		/* 'h' or 'hh' */
	int	agg;		/* printa's %@: an aggregation value */
	char	conv;
} dt_pfconv_t;

/* The C format for one conversion: "%-+08.3" followed by 'tail'. */
static void pf_cformat(char *buf, size_t len, const dt_pfconv_t *pc,
		       const char *tail)
{
	int n = snprintf(buf, len, "%%%s", pc->flags);

	if (pc->width >= 0)
		n += snprintf(buf + n, len - n, "%d", pc->width);
	if (pc->prec >= 0)
		n += snprintf(buf + n, len - n, ".%d", pc->prec);
	snprintf(buf + n, len - n, "%s", tail);
}

static int pf_is_string(const dt_pfarg_t *a)
{
	return (a->flags & DTC_RECF_STRING) ||
	       a->type.kind == DIF_TYPE_STRING;
}

static double pf_double(const dt_pfarg_t *a)
{
	if (a->type.kind == DIF_TYPE_CTF && a->type.ckind == DIF_CKIND_FLOAT) {
		if (a->size == sizeof(float)) {
			float f;

			memcpy(&f, a->data, sizeof(f));
			return f;
		}
		if (a->size == sizeof(double)) {
			double d;

			memcpy(&d, a->data, sizeof(d));
			return d;
		}
		if (a->size == sizeof(long double)) {
			long double ld;

			memcpy(&ld, a->data, sizeof(ld));
			return (double)ld;
		}
	}
	if (a->flags & DTC_RECF_SIGNED)
		return (double)dt_rec_int(a->data, a->size, a->flags);
	return (double)(uint64_t)dt_rec_int(a->data, a->size, a->flags);
}

/* A string record: at most 'size' bytes, NUL-terminated or not. */
static char *pf_strdup(const dt_pfarg_t *a)
{
	return strndup(a->data, a->size);
}

static void pf_escape(FILE *fp, const dt_pfconv_t *pc, const char *s)
{
	char *buf, *p, cfmt[32];
	size_t n = strlen(s);

	buf = malloc(n * 4 + 1);
	if (buf == NULL)
		return;
	for (p = buf; *s != '\0'; s++) {
		unsigned char c = *s;

		switch (c) {
		case '\n': p += sprintf(p, "\\n"); break;
		case '\t': p += sprintf(p, "\\t"); break;
		case '\r': p += sprintf(p, "\\r"); break;
		case '\\': p += sprintf(p, "\\\\"); break;
		case '"': p += sprintf(p, "\\\""); break;
		default:
			if (isprint(c))
				*p++ = c;
			else
				p += sprintf(p, "\\%03o", c);
		}
	}
	*p = '\0';
	pf_cformat(cfmt, sizeof(cfmt), pc, "s");
	fprintf(fp, cfmt, buf);
	free(buf);
}

static void pf_time(FILE *fp, const dt_pfconv_t *pc, uint64_t ns)
{
	char buf[64], cfmt[32];
	time_t t = (time_t)(ns / 1000000000ULL);
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL ||
	    strftime(buf, sizeof(buf), "%Y %b %e %T", &tm) == 0)
		snprintf(buf, sizeof(buf), "%" PRIu64, ns);
	pf_cformat(cfmt, sizeof(cfmt), pc, "s");
	fprintf(fp, cfmt, buf);
}

/*
 * %a and %A: a kernel address, or a user address whose record carries
 * the pid before it (uaddr(), usym(), or a %A argument, 16 bytes).
 */
static void pf_addr(dtrace_hdl_t *dtp, FILE *fp, const dt_pfconv_t *pc,
		    const dt_pfarg_t *a)
{
	char cfmt[40], text[1024];
	int pid = pc->conv == 'A' ? 0 : -1;
	uint64_t addr, p;

	if (a->size == 16) {
		memcpy(&p, a->data, 8);
		memcpy(&addr, (const char *)a->data + 8, 8);
		pid = (int)p;
	} else {
		addr = (uint64_t)dt_rec_int(a->data, a->size, 0);
	}
	dt_sym_format(dtp, pid, addr, DT_SYMFMT_ADDR, text, sizeof(text));
	pf_cformat(cfmt, sizeof(cfmt), pc, "s");
	fprintf(fp, cfmt, text);
}

/*
 * %k: each frame through the conversion's own width and flags; a
 * left-aligned width (%-14k) is also the indentation of the frames, as
 * in DTrace.
 */
static void pf_stack(dtrace_hdl_t *dtp, FILE *fp, const dt_pfconv_t *pc,
		     const dt_pfarg_t *a)
{
	char cfmt[40];
	int indent = strchr(pc->flags, '-') != NULL && pc->width > 0 ?
		     pc->width : 0;

	pf_cformat(cfmt, sizeof(cfmt), pc, "s");
	dt_sym_stack_print(dtp, fp, cfmt, indent, a->action, a->data,
			   a->size);
}

static void pf_int(FILE *fp, const dt_pfconv_t *pc, const dt_pfarg_t *a)
{
	char cfmt[40], tail[8];
	int64_t v = dt_rec_int(a->data, a->size, a->flags);
	int is_signed = pc->conv == 'd' || pc->conv == 'i';

	/*
	 * %u %o %x %X show the value at the argument's own width, as DTrace
	 * does: printf("%x", -1) on an int is ffffffff, not 16 f's.
	 */
	if (!is_signed && a->size > 0 && a->size < sizeof(uint64_t))
		v = (int64_t)((uint64_t)v & ((1ULL << (a->size * 8)) - 1));
	if (pc->hcount == 1)
		v = is_signed ? (int64_t)(short)v : (int64_t)(unsigned short)v;
	else if (pc->hcount >= 2)
		v = is_signed ? (int64_t)(signed char)v :
				(int64_t)(unsigned char)v;
	snprintf(tail, sizeof(tail), "ll%c", pc->conv == 'i' ? 'd' : pc->conv);
	pf_cformat(cfmt, sizeof(cfmt), pc, tail);
	if (is_signed)
		fprintf(fp, cfmt, (long long)v);
	else
		fprintf(fp, cfmt, (unsigned long long)v);
}

/* printa's %@: a scalar with the conversion given, or a histogram. */
static int pf_aggval(FILE *fp, const dt_pfconv_t *pc, const dt_pfarg_t *a)
{
	dt_pfarg_t v = { .size = sizeof(int64_t), .flags = DTC_RECF_SIGNED };
	int64_t val;

	if (!dt_agg_scalar(a->agg, &val))
		return dt_agg_print_value(fp, a->agg);
	v.data = &val;
	if (a->agg->kind == DTRACEAGG_COUNT || a->agg->kind == DTRACEAGG_STDDEV)
		v.flags = 0;
	pf_int(fp, pc, &v);
	return 0;
}

static int pf_one(dtrace_hdl_t *dtp, FILE *fp, const dt_pfconv_t *pc,
		  const dt_pfarg_t *a, char *err, size_t errlen)
{
	char cfmt[40], buf[32];
	char *s;

	if (pc->agg)
		return pf_aggval(fp, pc, a);
	if (pf_is_string(a) != (pc->conv == 's' || pc->conv == 'S')) {
		snprintf(err, errlen, "printf( ) %%%c is not valid for a %s "
			 "argument", pc->conv, pf_is_string(a) ? "string" :
			 "non-string");
		return -1;
	}
	switch (pc->conv) {
	case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
		pf_int(fp, pc, a);
		break;
	case 'c':
		pf_cformat(cfmt, sizeof(cfmt), pc, "c");
		fprintf(fp, cfmt, (int)(unsigned char)
			dt_rec_int(a->data, a->size, a->flags));
		break;
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
		char tail[2] = { pc->conv, '\0' };

		pf_cformat(cfmt, sizeof(cfmt), pc, tail);
		fprintf(fp, cfmt, pf_double(a));
		break;
	}
	case 'a': case 'A':
		pf_addr(dtp, fp, pc, a);
		break;
	case 'p':
		pf_cformat(cfmt, sizeof(cfmt), pc, "s");
		snprintf(buf, sizeof(buf), "0x%llx", (unsigned long long)
			 dt_rec_int(a->data, a->size, 0));
		fprintf(fp, cfmt, buf);
		break;
	case 's':
	case 'S':
		s = pf_strdup(a);
		if (s == NULL) {
			snprintf(err, errlen, "printf( ) out of memory");
			return -1;
		}
		if (pc->conv == 'S') {
			pf_escape(fp, pc, s);
		} else {
			pf_cformat(cfmt, sizeof(cfmt), pc, "s");
			fprintf(fp, cfmt, s);
		}
		free(s);
		break;
	case 'Y':
		pf_time(fp, pc, (uint64_t)dt_rec_int(a->data, a->size, 0));
		break;
	case 'k':
		if (a->action != DTRACEACT_STACK &&
		    a->action != DTRACEACT_USTACK) {
			snprintf(err, errlen, "printf( ) %%k needs a stack( ) "
				 "or ustack( ) value");
			return -1;
		}
		pf_stack(dtp, fp, pc, a);
		break;
	}
	return 0;
}

/*
 * Parse "[flags][width][.prec][length]conv" after a '%'.  printa's "%@d"
 * puts '@' among the flags; "%@" with no conversion letter after it
 * means "%@d".
 */
static const char *pf_parse(const char *f, dt_pfconv_t *pc, int *wstar,
			    int *pstar)
{
	size_t nf = 0;

	memset(pc, 0, sizeof(*pc));
	pc->width = pc->prec = -1;
	*wstar = *pstar = 0;
	for (; *f != '\0' && strchr("-+ #0@", *f) != NULL; f++) {
		if (*f == '@')
			pc->agg = 1;
		else if (nf + 1 < sizeof(pc->flags))
			pc->flags[nf++] = *f;
	}
	if (*f == '*') {
		*wstar = 1;
		f++;
	} else if (isdigit((unsigned char)*f)) {
		pc->width = (int)strtol(f, (char **)&f, 10);
	}
	if (*f == '.') {
		f++;
		if (*f == '*') {
			*pstar = 1;
			f++;
		} else {
			pc->prec = (int)strtol(f, (char **)&f, 10);
		}
	}
	for (; *f == 'h' || *f == 'l' || *f == 'L' || *f == 'z' ||
	       *f == 'j' || *f == 't'; f++)
		if (*f == 'h')
			pc->hcount++;
	if (*f == '@') {
		pc->agg = 1;
		f++;
	}
	if (pc->agg && (*f == '\0' || strchr("diouxX", *f) == NULL)) {
		pc->conv = 'd';
		return f;
	}
	pc->conv = *f;
	return *f != '\0' ? f + 1 : f;
}

/* Apply a '*' width: a negative one means left-justify, as in C. */
static void pf_star_width(dt_pfconv_t *pc, int64_t w)
{
	size_t n = strlen(pc->flags);

	if (w < 0) {
		if (n + 1 < sizeof(pc->flags))
			pc->flags[n] = '-';
		w = -w;
	}
	pc->width = w > 100000 ? 100000 : (int)w;
}

/*
 * The next argument of the kind a conversion wants: printa's %@ takes
 * the aggregation values in order, every other conversion the keys (or
 * printf's arguments) in order.
 */
static const dt_pfarg_t *pf_next(const dt_pfarg_t *args, unsigned int nargs,
				 unsigned int *cursor, int agg)
{
	while (*cursor < nargs) {
		const dt_pfarg_t *a = &args[(*cursor)++];

		if ((a->agg != NULL) == (agg != 0))
			return a;
	}
	return NULL;
}

int dt_printf_format(dtrace_hdl_t *dtp, FILE *fp, const char *fmt,
		     const dt_pfarg_t *args, unsigned int nargs, char *err,
		     size_t errlen)
{
	static const char convs[] = "aAcdieEfFgGiopsSuxXYk";
	unsigned int vcur = 0, acur = 0;
	const dt_pfarg_t *w, *p, *a;
	const char *f = fmt, *start;
	dt_pfconv_t pc;
	int wstar, pstar;

	while (*f != '\0') {
		if (*f != '%') {
			fputc(*f++, fp);
			continue;
		}
		if (f[1] == '%') {
			fputc('%', fp);
			f += 2;
			continue;
		}
		start = f;
		f = pf_parse(f + 1, &pc, &wstar, &pstar);
		if (pc.conv == '\0' || strchr(convs, pc.conv) == NULL) {
			snprintf(err, errlen, "printf( ) format \"%.*s\" has "
				 "an invalid conversion", (int)(f - start),
				 start);
			return -1;
		}
		w = wstar ? pf_next(args, nargs, &vcur, 0) : NULL;
		p = pstar ? pf_next(args, nargs, &vcur, 0) : NULL;
		a = pf_next(args, nargs, pc.agg ? &acur : &vcur, pc.agg);
		if (a == NULL || (wstar && w == NULL) || (pstar && p == NULL)) {
			snprintf(err, errlen, "printf( ) format \"%.*s\" "
				 "needs an argument that was not given",
				 (int)(f - start), start);
			return -1;
		}
		if (w != NULL)
			pf_star_width(&pc, dt_rec_int(w->data, w->size,
						      w->flags));
		if (p != NULL) {
			int64_t v = dt_rec_int(p->data, p->size, p->flags);

			pc.prec = v < 0 ? -1 : (v > 100000 ? 100000 : (int)v);
		}
		if (pf_one(dtp, fp, &pc, a, err, errlen) != 0)
			return -1;
	}
	return 0;
}
