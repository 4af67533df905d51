// SPDX-License-Identifier: GPL-2.0
/*
 * Compile-time checking of printf-like format strings against their
 * arguments (printf, system, freopen): every conversion must have an
 * argument of a type it can print, '*' widths and precisions take an
 * integer argument of their own, and no argument may be left over.
 */
#include <string.h>

#include "dt_cc.h"

static const char *conv_proto(char c)
{
	switch (c) {
	case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
		return "integer or pointer";
	case 'c': case 'C': case 'Y':
		return "integer";
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		return "double";
	case 's': case 'S':
		return "char [] or string (or use stringof)";
	case 'p': case 'a': case 'A':
		return "pointer or integer";
	case 'k':
		return "stack";
	default:
		return NULL;
	}
}

static int conv_ok(char c, const dt_type_t *t)
{
	switch (c) {
	case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
	case 'p': case 'a': case 'A':
		return dt_type_isint(t) || dt_type_isptr(t);
	case 'c': case 'C': case 'Y':
		return dt_type_isint(t);
	case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
		return dt_type_base(t)->kind == DT_TK_FLOAT;
	case 'k':
		return dt_type_isstack(t);
	case 's': case 'S':
		return dt_type_isstring(t) ||
		       (dt_type_ischarseq(t) &&
			dt_type_base(t)->kind == DT_TK_ARRAY);
	default:
		return 1;
	}
}

/*
 * %s prints a char array as the string it holds (curthread->comm): the
 * argument becomes stringof(argument), whose value is recorded as a
 * string.
 */
static void as_string(dt_cc_t *cc, dt_node_t *a)
{
	dt_node_t *arr = dt_zalloc(cc, sizeof(*arr));

	*arr = *a;
	arr->next = NULL;
	a->kind = DT_N_OP1;
	a->op = DT_OP_STRINGOF;
	a->l = arr;
	a->r = a->x = a->args = NULL;
	a->type = cc->t_string;
	a->lvalue = a->inmem = 0;
}

static void check(dt_cc_t *cc, const char *func, const char *fmt,
		  dt_node_t *args, int line, int keys, char *convs)
{
	dt_node_t *a = args;
	unsigned int argn = 2, conv = 0, used = 0;
	const char *p;

	for (p = fmt; *p; p++) {
		const char *start;
		char spec[16];

		if (*p != '%')
			continue;
		if (p[1] == '%') {
			p++;
			continue;
		}
		start = p + 1;
		conv++;
		p++;
		while (*p && strchr("-+ #0'", *p))
			p++;
		for (int pass = 0; pass < 2; pass++) {
			if (*p == '*') {
				if (a == NULL)
					dt_error(cc, line, "D_PRINTF_DYN_PROTO",
						 "%s( ) prototype mismatch: "
						 "conversion #%u is missing a "
						 "corresponding \"*\" argument",
						 func, conv);
				if (!dt_type_isint(a->type))
					dt_error(cc, a->line,
						 "D_PRINTF_DYN_TYPE",
						 "%s( ) argument #%u is "
						 "incompatible with conversion "
						 "#%u prototype:\n\tconversion: "
						 "* width or precision\n\t "
						 "prototype: int\n\t  argument: "
						 "%s", func, argn, conv,
						 dt_type_str(cc, a->type));
				if (convs != NULL)
					convs[used] = '*';
				a = a->next;
				argn++;
				used++;
				p++;
			} else {
				while (*p >= '0' && *p <= '9')
					p++;
			}
			if (pass == 0 && *p == '.')
				p++;
			else
				break;
		}
		while (*p && strchr("hlLzjtq", *p))
			p++;
		snprintf(spec, sizeof(spec), "%.*s", (int)(p - start + 1),
			 start);
		if (*p == '@')
			dt_error(cc, line, "D_PRINTF_AGG_CONV",
				 "%s( ) %%@ conversion requires an aggregation "
				 "(use printa( ))", func);
		if (*p == '\0' || conv_proto(*p) == NULL)
			dt_error(cc, line, "D_PRINTF_INVAL",
				 "%s( ) format conversion #%u has an invalid "
				 "conversion character: %%%s", func, conv,
				 *p ? spec : "");
		if (a == NULL && keys)
			return;
		if (a == NULL)
			dt_error(cc, line, "D_PRINTF_ARG_PROTO",
				 "%s( ) prototype mismatch: conversion #%u "
				 "(%%%s) is missing a corresponding value "
				 "argument", func, conv, spec);
		if (!conv_ok(*p, a->type))
			dt_error(cc, a->line, "D_PRINTF_ARG_TYPE",
				 "%s( ) argument #%u is incompatible with "
				 "conversion #%u prototype:\n\tconversion: "
				 "%%%s\n\t prototype: %s\n\t  argument: %s",
				 func, argn, conv, spec, conv_proto(*p),
				 dt_type_str(cc, a->type));
		if (convs != NULL)
			convs[used] = *p;
		if ((*p == 's' || *p == 'S') && !keys &&
		    !dt_type_isstring(a->type))
			as_string(cc, a);
		a = a->next;
		argn++;
		used++;
	}
	if (a != NULL && !keys)
		dt_error(cc, a->line, "D_PRINTF_ARG_EXTRA",
			 "%s( ) prototype mismatch: only %u arguments "
			 "required by this format string", func, used);
}

void dt_check_format(dt_cc_t *cc, const char *func, const char *fmt,
		     dt_node_t *args, int line, char *convs)
{
	check(cc, func, fmt, args, line, 0, convs);
}

void dt_check_format_keys(dt_cc_t *cc, const char *func, const char *fmt,
			  dt_node_t *keys, int line)
{
	check(cc, func, fmt, keys, line, 1, NULL);
}
