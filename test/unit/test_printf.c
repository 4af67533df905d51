// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the consumer's printf (user/dt_printf.c) on hand-made
 * records: every conversion DTrace documents, flags, widths, precisions,
 * '*', length modifiers, and the errors a user sees for a bad format.
 * The expected strings are what C's printf prints for the same value and
 * conversion (DTrace's printf is C's, applied to the recorded types).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "user/dt_consumer.h"
#include "unit.h"

static dt_pfarg_t arg_int(const void *p, size_t size, int is_signed)
{
	dt_pfarg_t a = { .data = p, .size = size,
			 .flags = is_signed ? DTC_RECF_SIGNED : 0 };

	a.type.kind = DIF_TYPE_CTF;
	a.type.ckind = is_signed ? DIF_CKIND_INT : DIF_CKIND_UINT;
	a.type.size = (unsigned int)size;
	return a;
}

static dt_pfarg_t arg_str(const char *s, size_t recsize)
{
	dt_pfarg_t a = { .data = s, .size = recsize,
			 .flags = DTC_RECF_STRING };

	a.type.kind = DIF_TYPE_STRING;
	a.type.size = (unsigned int)recsize;
	return a;
}

/* Format into a string; returns the dt_printf_format result. */
static int fmt(char *out, size_t outlen, const char *f, const dt_pfarg_t *a,
	       unsigned int n, char *err, size_t errlen)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	int rc;

	rc = dt_printf_format(NULL, fp, f, a, n, err, errlen);
	fclose(fp);
	snprintf(out, outlen, "%s", buf ? buf : "");
	free(buf);
	return rc;
}

static void expect(const char *name, const char *f, const dt_pfarg_t *a,
		   unsigned int n, const char *want)
{
	char out[512], err[256] = "";

	if (fmt(out, sizeof(out), f, a, n, err, sizeof(err)) != 0) {
		printf("FAIL %s: error: %s\n", name, err);
		failed++;
	} else if (strcmp(out, want) != 0) {
		printf("FAIL %s: got \"%s\", want \"%s\"\n", name, out, want);
		failed++;
	} else {
		passed++;
	}
}

static void expect_error(const char *name, const char *f,
			 const dt_pfarg_t *a, unsigned int n,
			 const char *want_in_msg)
{
	char out[512], err[256] = "";

	if (fmt(out, sizeof(out), f, a, n, err, sizeof(err)) == 0) {
		printf("FAIL %s: no error, printed \"%s\"\n", name, out);
		failed++;
	} else if (strstr(err, want_in_msg) == NULL) {
		printf("FAIL %s: error \"%s\" lacks \"%s\"\n", name, err,
		       want_in_msg);
		failed++;
	} else {
		passed++;
	}
}

static void test_integers(void)
{
	int64_t m1 = -1, big = 1234567890123LL, v42 = 42;
	int32_t i32 = -7;
	uint32_t u32 = 0xdeadbeef;
	uint16_t u16 = 65535;
	uint8_t u8 = 200;
	int64_t w = 8, p = 4;
	dt_pfarg_t a;

	a = arg_int(&v42, 8, 1);
	expect("%d", "%d\n", &a, 1, "42\n");
	expect("%i", "[%i]", &a, 1, "[42]");
	expect("width", "[%5d]", &a, 1, "[   42]");
	expect("left", "[%-5d]", &a, 1, "[42   ]");
	expect("zero pad", "[%05d]", &a, 1, "[00042]");
	expect("plus", "[%+d]", &a, 1, "[+42]");
	expect("space", "[% d]", &a, 1, "[ 42]");
	expect("precision", "[%.4d]", &a, 1, "[0042]");
	expect("%x", "%x", &a, 1, "2a");
	expect("%X alt", "%#X", &a, 1, "0X2A");
	expect("%o alt", "%#o", &a, 1, "052");
	expect("%c", "%c", &a, 1, "*");
	expect("%%", "100%% %d", &a, 1, "100% 42");
	expect("length l ll ignored", "%ld %lld %lu", (dt_pfarg_t[]){ a, a, a },
	       3, "42 42 42");

	a = arg_int(&m1, 8, 1);
	expect("negative", "%d", &a, 1, "-1");
	expect("negative %u", "%u", &a, 1, "18446744073709551615");
	expect("negative %x", "%x", &a, 1, "ffffffffffffffff");
	expect("h truncates", "%hd", &a, 1, "-1");
	expect("hu truncates", "%hu", &a, 1, "65535");
	expect("hhx truncates", "%hhx", &a, 1, "ff");

	a = arg_int(&big, 8, 1);
	expect("64-bit", "%d", &a, 1, "1234567890123");

	a = arg_int(&i32, 4, 1);
	expect("int32 sign-extends", "%d", &a, 1, "-7");
	a = arg_int(&u32, 4, 0);
	expect("uint32 zero-extends", "%u %x", (dt_pfarg_t[]){ a, a }, 2,
	       "3735928559 deadbeef");
	a = arg_int(&u16, 2, 0);
	expect("uint16", "%d", &a, 1, "65535");
	a = arg_int(&u8, 1, 0);
	expect("uint8", "%d", &a, 1, "200");

	{
		dt_pfarg_t args[] = { arg_int(&w, 8, 1), arg_int(&v42, 8, 1) };
		dt_pfarg_t args3[] = { arg_int(&w, 8, 1), arg_int(&p, 8, 1),
				       arg_int(&v42, 8, 1) };
		dt_pfarg_t neg[] = { arg_int(&m1, 8, 1), arg_int(&v42, 8, 1) };

		expect("star width", "[%*d]", args, 2, "[      42]");
		expect("star width and precision", "[%*.*d]", args3, 3,
		       "[    0042]");
		/* A negative '*' width left-justifies, as in C. */
		expect("negative star width", "[%*d]", neg, 2, "[42]");
	}
}

static void test_strings(void)
{
	char rec[32] = "hello";
	char full[4] = { 'a', 'b', 'c', 'd' };	/* no NUL: fills record */
	char esc[16] = "a\tb\n\x01";
	dt_pfarg_t s = arg_str(rec, sizeof(rec));
	dt_pfarg_t f = arg_str(full, sizeof(full));
	dt_pfarg_t e = arg_str(esc, sizeof(esc));

	expect("%s", "%s!", &s, 1, "hello!");
	expect("%s width", "[%10s]", &s, 1, "[     hello]");
	expect("%s left", "[%-10s]", &s, 1, "[hello     ]");
	expect("%s precision", "[%.3s]", &s, 1, "[hel]");
	expect("%s unterminated record", "[%s]", &f, 1, "[abcd]");
	expect("%S escapes", "%S", &e, 1, "a\\tb\\n\\001");
	expect("two args", "%s=%s", (dt_pfarg_t[]){ s, f }, 2, "hello=abcd");
}

static void test_floats_and_addresses(void)
{
	double d = 3.14159;
	float fl = 2.5f;
	int64_t i = 7;
	uint64_t addr = 0xffffffff81000000ULL;
	dt_pfarg_t a;

	a = arg_int(&d, 8, 1);
	a.type.ckind = DIF_CKIND_FLOAT;
	expect("%f double", "%.2f", &a, 1, "3.14");
	expect("%e double", "%.3e", &a, 1, "3.142e+00");
	expect("%g double", "%g", &a, 1, "3.14159");
	a = arg_int(&fl, 4, 1);
	a.type.ckind = DIF_CKIND_FLOAT;
	expect("%f float", "%.1f", &a, 1, "2.5");
	a = arg_int(&i, 8, 1);
	expect("%f of an integer", "%.1f", &a, 1, "7.0");

	a = arg_int(&addr, 8, 0);
	a.type.ckind = DIF_CKIND_PTR;
	expect("%p", "%p", &a, 1, "0xffffffff81000000");
	expect("%a without symbols", "%a", &a, 1, "0xffffffff81000000");
}

static void test_time_and_stack(void)
{
	/* 2001-09-09 01:46:40 UTC; %Y prints local time: use TZ=UTC. */
	int64_t ns = 1000000000LL * 1000000000LL;
	uint64_t stack[3] = { 0x1000, 0x2000, 0 };
	dt_pfarg_t a = arg_int(&ns, 8, 1);
	dt_pfarg_t k = { .data = stack, .size = sizeof(stack),
			 .action = DTRACEACT_STACK };

	setenv("TZ", "UTC", 1);
	expect("%Y", "%Y", &a, 1, "2001 Sep  9 01:46:40");
	/* %k: a line per frame, indented by a left-aligned width */
	expect("%k", "%k", &k, 1, "\n0x1000\n0x2000\n");
	expect("%-8k", "%-8k", &k, 1,
	       "\n        0x1000  \n        0x2000  \n");
	expect("%8k", "%8k", &k, 1, "\n  0x1000\n  0x2000\n");
}

static void test_errors(void)
{
	int64_t v = 1;
	char s[8] = "x";
	dt_pfarg_t a = arg_int(&v, 8, 1);
	dt_pfarg_t str = arg_str(s, sizeof(s));

	expect_error("missing argument", "%d %d", &a, 1, "needs an argument");
	expect_error("bad conversion", "%q", &a, 1, "invalid conversion");
	expect_error("%d of a string", "%d", &str, 1, "not valid for a string");
	expect_error("%s of an integer", "%s", &a, 1,
		     "not valid for a non-string");
	expect_error("missing star width", "%*d", &a, 1, "needs an argument");
	expect("no conversions, extra args", "plain", &a, 1, "plain");
}

int main(void)
{
	test_integers();
	test_strings();
	test_floats_and_addresses();
	test_time_and_stack();
	test_errors();
	return unit_summary();
}
