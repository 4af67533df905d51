// SPDX-License-Identifier: GPL-2.0
/*
 * DIF subroutines (the CALL instruction), with DTrace's semantics.
 *
 * PROBE CONTEXT, like the emulator that calls them: no allocation, no
 * sleeping, every foreign address read through the fault-safe path.
 *
 * Arguments are the entries of the tuple stack, bottom first (the compiler
 * flushes the stack before pushing them); a call with a number of
 * arguments the subroutine does not take faults ILLOP.  String arguments
 * are brought into core memory by dif_string() and handled as (pointer,
 * length) pairs, at most strsize characters (see STRINGS in
 * dif_machine.h).  String results are built in scratch: a buffer of
 * strsize + 1 bytes is taken, filled with at most strsize characters,
 * terminated, and its unused tail given back (str_done), so a result
 * costs its length plus one, rounded to 8.  A result longer than strsize
 * is cut to strsize characters (strjoin, substr, lltostr...), as in
 * DTrace; only running out of scratch faults (NOSCRATCH).
 */
#include "dif_machine.h"

#define LINUX_AF_INET	2
#define LINUX_AF_INET6	10

/* Minimum and maximum argument counts. */
static const unsigned char subr_nargs[DIF_SUBR_MAX][2] = {
	[DIF_SUBR_RAND] = { 0, 0 },
	[DIF_SUBR_COPYIN] = { 2, 2 },
	[DIF_SUBR_COPYINSTR] = { 1, 2 },
	[DIF_SUBR_COPYINTO] = { 3, 3 },
	[DIF_SUBR_SPECULATION] = { 0, 0 },
	[DIF_SUBR_PROGENYOF] = { 1, 1 },
	[DIF_SUBR_STRLEN] = { 1, 1 },
	[DIF_SUBR_ALLOCA] = { 1, 1 },
	[DIF_SUBR_BCOPY] = { 3, 3 },
	[DIF_SUBR_STRJOIN] = { 2, 2 },
	[DIF_SUBR_LLTOSTR] = { 1, 2 },
	[DIF_SUBR_BASENAME] = { 1, 1 },
	[DIF_SUBR_DIRNAME] = { 1, 1 },
	[DIF_SUBR_CLEANPATH] = { 1, 1 },
	[DIF_SUBR_STRCHR] = { 2, 2 },
	[DIF_SUBR_STRRCHR] = { 2, 2 },
	[DIF_SUBR_STRSTR] = { 2, 2 },
	[DIF_SUBR_STRTOK] = { 2, 2 },
	[DIF_SUBR_SUBSTR] = { 2, 3 },
	[DIF_SUBR_INDEX] = { 2, 3 },
	[DIF_SUBR_RINDEX] = { 2, 3 },
	[DIF_SUBR_HTONS] = { 1, 1 },
	[DIF_SUBR_HTONL] = { 1, 1 },
	[DIF_SUBR_HTONLL] = { 1, 1 },
	[DIF_SUBR_NTOHS] = { 1, 1 },
	[DIF_SUBR_NTOHL] = { 1, 1 },
	[DIF_SUBR_NTOHLL] = { 1, 1 },
	[DIF_SUBR_INET_NTOP] = { 2, 2 },
	[DIF_SUBR_INET_NTOA] = { 1, 1 },
	[DIF_SUBR_INET_NTOA6] = { 1, 1 },
	[DIF_SUBR_TOUPPER] = { 1, 1 },
	[DIF_SUBR_TOLOWER] = { 1, 1 },
	[DIF_SUBR_STRTOLL] = { 1, 2 },
	[DIF_SUBR_MUTEX_OWNED] = { 1, 1 },
	[DIF_SUBR_GETMAJOR] = { 1, 1 },
	[DIF_SUBR_GETMINOR] = { 1, 1 },
};

static uint64_t arg(const dif_ctx_t *c, uint32_t i)
{
	return c->pcpu->tuple[i].val;
}

static const char *str_arg(dif_ctx_t *c, uint32_t i, size_t *lenp)
{
	return dif_string(c, arg(c, i), lenp);
}

/* A result buffer of strsize + 1 bytes in scratch. */
static char *str_new(dif_ctx_t *c)
{
	return dif_scratch(c, c->strsize + 1);
}

/* Terminate a str_new() buffer after n bytes and give back the rest. */
static uint64_t str_done(dif_ctx_t *c, char *buf, size_t n)
{
	buf[n] = '\0';
	c->mst->scratch_ptr = (uintptr_t)buf + n + 1;
	return (uintptr_t)buf;
}

/* A new string holding n bytes of s (n is cut to strsize). */
static uint64_t str_copy(dif_ctx_t *c, const char *s, size_t n)
{
	char *buf = str_new(c);

	if (buf == NULL)
		return 0;
	if (n > c->strsize)
		n = c->strsize;
	os_memcpy(buf, s, n);
	return str_done(c, buf, n);
}

static bool str_match(const char *s, const char *t, size_t tlen)
{
	return os_memcmp(s, t, tlen) == 0;
}

/* ---- memory ---------------------------------------------------------- */

static uint64_t subr_copyin(dif_ctx_t *c)
{
	uint64_t uaddr = arg(c, 0), size = arg(c, 1);
	void *buf = dif_scratch(c, size);

	if (buf == NULL)
		return 0;
	if (!os_copyin(uaddr, buf, size)) {
		dif_fault(c, DTRACEFLT_BADADDR, uaddr);
		return 0;
	}
	return (uintptr_t)buf;
}

static uint64_t subr_copyinstr(dif_ctx_t *c)
{
	uint64_t uaddr = arg(c, 0), size = (uint64_t)c->strsize + 1;
	char *buf;
	size_t n;

	/* at most strsize characters, or the optional maximum given */
	if (c->ntuple > 1 && arg(c, 1) < size - 1)
		size = arg(c, 1) + 1;
	buf = dif_scratch(c, size);
	if (buf == NULL)
		return 0;
	if (!os_copyinstr(uaddr, buf, size)) {
		dif_fault(c, DTRACEFLT_BADADDR, uaddr);
		return 0;
	}
	for (n = 0; n < size - 1 && buf[n] != '\0'; n++)
		;
	return str_done(c, buf, n);
}

static uint64_t subr_copyinto(dif_ctx_t *c)
{
	uint64_t uaddr = arg(c, 0), size = arg(c, 1), dst = arg(c, 2);

	if (dif_core_span(c, dst, true) < size) {
		dif_fault(c, DTRACEFLT_BADADDR, dst);
		return 0;
	}
	if (!os_copyin(uaddr, (void *)(uintptr_t)dst, size))
		dif_fault(c, DTRACEFLT_BADADDR, uaddr);
	return 0;
}

/* bcopy: the source is checked like a load, the destination must be
   allocated scratch (alloca), as in DTrace. */
static uint64_t subr_bcopy(dif_ctx_t *c)
{
	uint64_t src = arg(c, 0), dst = arg(c, 1), size = arg(c, 2);
	const dtrace_mstate_t *mst = c->mst;

	if (dst < mst->scratch_base || dst > mst->scratch_ptr ||
	    size > mst->scratch_ptr - dst) {
		dif_fault(c, DTRACEFLT_BADADDR, dst);
		return 0;
	}
	dif_read(c, src, (void *)(uintptr_t)dst, size);
	return 0;
}

/* ---- strings ------------------------------------------------------- */

static uint64_t subr_strjoin(dif_ctx_t *c)
{
	size_t la, lb, max = c->strsize;
	const char *a = str_arg(c, 0, &la);
	const char *b = a ? str_arg(c, 1, &lb) : NULL;
	char *buf = b ? str_new(c) : NULL;

	if (buf == NULL)
		return 0;
	if (la > max)
		la = max;
	if (lb > max - la)
		lb = max - la;
	os_memcpy(buf, a, la);
	os_memcpy(buf + la, b, lb);
	return str_done(c, buf, la + lb);
}

/*
 * lltostr(v [, base]): base 10 is signed; other bases (2..36) print the
 * unsigned value, with "0x" before hexadecimal and "0" before octal.
 */
static uint64_t subr_lltostr(dif_ctx_t *c)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	uint64_t v = arg(c, 0), base = c->ntuple > 1 ? arg(c, 1) : 10;
	char tmp[72];
	size_t i = sizeof(tmp);
	bool neg = false;

	if (base < 2 || base > 36) {
		dif_fault(c, DTRACEFLT_ILLOP, base);
		return 0;
	}
	if (base == 10 && (int64_t)v < 0) {
		neg = true;
		v = 0 - v;
	}
	do {
		tmp[--i] = digits[v % base];
		v /= base;
	} while (v != 0);
	if (base == 16) {
		tmp[--i] = 'x';
		tmp[--i] = '0';
	} else if (base == 8 && tmp[i] != '0') {
		tmp[--i] = '0';
	}
	if (neg)
		tmp[--i] = '-';
	return str_copy(c, tmp + i, sizeof(tmp) - i);
}

/* basename/dirname as basename(1) and dirname(1) print them. */
static uint64_t subr_basename(dif_ctx_t *c)
{
	size_t len, start, end;
	const char *s = str_arg(c, 0, &len);

	if (s == NULL)
		return 0;
	if (len == 0)
		return str_copy(c, ".", 1);
	end = len;
	while (end > 1 && s[end - 1] == '/')
		end--;
	if (end == 1 && s[0] == '/')
		return str_copy(c, "/", 1);
	start = end;
	while (start > 0 && s[start - 1] != '/')
		start--;
	return str_copy(c, s + start, end - start);
}

static uint64_t subr_dirname(dif_ctx_t *c)
{
	size_t len, end;
	const char *s = str_arg(c, 0, &len);

	if (s == NULL)
		return 0;
	end = len;
	while (end > 1 && s[end - 1] == '/')
		end--;
	while (end > 0 && s[end - 1] != '/')
		end--;
	if (end == 0)
		return str_copy(c, ".", 1);
	while (end > 1 && s[end - 1] == '/')
		end--;
	return str_copy(c, s, end);
}

/* Whether out[0..o) ends with the component "..". */
static bool ends_with_dotdot(const char *out, size_t o)
{
	return o >= 2 && out[o - 1] == '.' && out[o - 2] == '.' &&
	       (o == 2 || out[o - 3] == '/');
}

/*
 * cleanpath: the path with "//" collapsed, "." components removed and
 * ".." resolved lexically ("/a/b/../c" is "/a/c"; ".." at the root stays
 * at the root; leading ".." of a relative path are kept).
 */
static uint64_t subr_cleanpath(dif_ctx_t *c)
{
	size_t len, i = 0, j, o = 0, root;
	const char *s = str_arg(c, 0, &len);
	char *out = s ? str_new(c) : NULL;

	if (out == NULL)
		return 0;
	if (len > 0 && s[0] == '/')
		out[o++] = '/';
	root = o;
	while (i < len) {
		if (s[i] == '/') {
			i++;
			continue;
		}
		for (j = i; j < len && s[j] != '/'; j++)
			;
		if (j - i == 1 && s[i] == '.') {
			/* nothing */
		} else if (j - i == 2 && s[i] == '.' && s[i + 1] == '.' &&
			   o > root && !ends_with_dotdot(out, o)) {
			while (o > root && out[o - 1] != '/')
				o--;
			if (o > root)
				o--;	/* the separator */
		} else if (!(j - i == 2 && s[i] == '.' && s[i + 1] == '.' &&
			     root == 1)) {
			if (o > root)
				out[o++] = '/';
			os_memcpy(out + o, s + i, j - i);
			o += j - i;
		}
		i = j;
	}
	if (o == 0)
		out[o++] = '.';
	return str_done(c, out, o);
}

static uint64_t subr_strchr(dif_ctx_t *c, bool last)
{
	size_t len, i, found = (size_t)-1;
	const char *s = str_arg(c, 0, &len);
	char ch = (char)arg(c, 1);

	if (s == NULL)
		return 0;
	if (ch == '\0')
		return (uintptr_t)(s + len);
	for (i = 0; i < len; i++) {
		if (s[i] == ch) {
			found = i;
			if (!last)
				break;
		}
	}
	return found == (size_t)-1 ? 0 : (uintptr_t)(s + found);
}

static uint64_t subr_strstr(dif_ctx_t *c)
{
	size_t len, tlen, i;
	const char *s = str_arg(c, 0, &len);
	const char *t = s ? str_arg(c, 1, &tlen) : NULL;

	if (t == NULL)
		return 0;
	for (i = 0; i + tlen <= len; i++)
		if (str_match(s + i, t, tlen))
			return (uintptr_t)(s + i);
	return 0;
}

static bool is_delim(char ch, const char *d, size_t dlen)
{
	size_t i;

	for (i = 0; i < dlen; i++)
		if (d[i] == ch)
			return true;
	return false;
}

/*
 * strtok(s, delims): the string is kept in per-CPU storage so that
 * strtok(NULL, delims) continues from it in a later clause or firing on
 * the same CPU; each token is returned as a new string in scratch.
 */
static uint64_t subr_strtok(dif_ctx_t *c)
{
	dif_percpu_t *p = c->pcpu;
	size_t len, dlen, i, j;
	const char *s, *d;

	if (arg(c, 0) != 0) {
		s = str_arg(c, 0, &len);
		if (s == NULL)
			return 0;
		os_memcpy(p->strtok, s, len);
		p->strtok_len = (uint32_t)len;
		p->strtok_off = 0;
	}
	d = str_arg(c, 1, &dlen);
	if (d == NULL)
		return 0;
	for (i = p->strtok_off; i < p->strtok_len &&
	     is_delim(p->strtok[i], d, dlen); i++)
		;
	if (i >= p->strtok_len) {
		p->strtok_off = p->strtok_len;
		return 0;
	}
	for (j = i; j < p->strtok_len && !is_delim(p->strtok[j], d, dlen);
	     j++)
		;
	p->strtok_off = j < p->strtok_len ? (uint32_t)j + 1 : (uint32_t)j;
	return str_copy(c, p->strtok + i, j - i);
}

/*
 * substr(s, index [, length]): a negative index counts from the end of s
 * (and a window that starts before the beginning is cut to it); a
 * negative length leaves that many characters off the end.
 */
static uint64_t subr_substr(dif_ctx_t *c)
{
	size_t len;
	const char *s = str_arg(c, 0, &len);
	int64_t slen = (int64_t)len, idx = (int64_t)arg(c, 1);
	int64_t rem = c->ntuple > 2 ? (int64_t)arg(c, 2) : slen;

	if (s == NULL)
		return 0;
	if (idx < 0) {
		idx += slen;
		if (idx < 0) {
			if (c->ntuple > 2 && rem > 0)
				rem += idx;
			idx = 0;
		}
	}
	if (c->ntuple > 2 && rem < 0)
		rem += slen - idx;
	if (idx >= slen || rem <= 0)
		return str_copy(c, "", 0);
	if (rem > slen - idx)
		rem = slen - idx;
	return str_copy(c, s + idx, (size_t)rem);
}

/* index/rindex: the first (last) position of sub at or after (before)
   start, or -1. */
static uint64_t subr_index(dif_ctx_t *c, bool reverse)
{
	size_t len, tlen;
	const char *s = str_arg(c, 0, &len);
	const char *t = s ? str_arg(c, 1, &tlen) : NULL;
	int64_t pos, start, last;

	if (t == NULL)
		return 0;
	last = (int64_t)len - (int64_t)tlen;
	if (!reverse) {
		start = c->ntuple > 2 ? (int64_t)arg(c, 2) : 0;
		for (pos = start < 0 ? 0 : start; pos <= last; pos++)
			if (str_match(s + pos, t, tlen))
				return (uint64_t)pos;
		return (uint64_t)-1;
	}
	pos = last;
	if (c->ntuple > 2 && (int64_t)arg(c, 2) < pos)
		pos = (int64_t)arg(c, 2);
	for (; pos >= 0; pos--)
		if (str_match(s + pos, t, tlen))
			return (uint64_t)pos;
	return (uint64_t)-1;
}

static uint64_t subr_case(dif_ctx_t *c, bool upper)
{
	size_t len, i;
	const char *s = str_arg(c, 0, &len);
	char *buf = s ? str_new(c) : NULL;
	char ch;

	if (buf == NULL)
		return 0;
	for (i = 0; i < len; i++) {
		ch = s[i];
		if (upper && ch >= 'a' && ch <= 'z')
			ch -= 'a' - 'A';
		else if (!upper && ch >= 'A' && ch <= 'Z')
			ch += 'a' - 'A';
		buf[i] = ch;
	}
	return str_done(c, buf, len);
}

static int digit_value(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'z')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'Z')
		return ch - 'A' + 10;
	return 99;
}

/* strtoll(s [, base]): leading blanks, a sign, "0x" in base 16. */
static uint64_t subr_strtoll(dif_ctx_t *c)
{
	size_t len, i = 0;
	const char *s = str_arg(c, 0, &len);
	uint64_t base = c->ntuple > 1 ? arg(c, 1) : 10, v = 0;
	bool neg = false;
	int d;

	if (s == NULL)
		return 0;
	if (base < 2 || base > 36) {
		dif_fault(c, DTRACEFLT_ILLOP, base);
		return 0;
	}
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n'))
		i++;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		neg = s[i++] == '-';
	if (base == 16 && i + 1 < len && s[i] == '0' &&
	    (s[i + 1] == 'x' || s[i + 1] == 'X'))
		i += 2;
	for (; i < len && (d = digit_value(s[i])) < (int)base; i++)
		v = v * base + d;
	return neg ? 0 - v : v;
}

/* ---- network addresses ------------------------------------------- */

static uint64_t subr_ntoa(dif_ctx_t *c, uint64_t addr)
{
	unsigned char b[4];
	char tmp[16];
	int n;

	if (!dif_read(c, addr, b, sizeof(b)))
		return 0;
	n = os_snprintf(tmp, sizeof(tmp), "%u.%u.%u.%u", b[0], b[1], b[2],
			b[3]);
	return str_copy(c, tmp, n);
}

/*
 * IPv6 as DTrace prints it: lower-case hex groups without leading zeros,
 * the first longest run of two or more zero groups as "::", and the
 * IPv4-mapped (::ffff:a.b.c.d) and IPv4-compatible (::a.b.c.d) forms.
 */
static uint64_t subr_ntoa6(dif_ctx_t *c, uint64_t addr)
{
	unsigned char b[16];
	unsigned int g[8], i, run = 0, best = 0, bstart = 8;
	char tmp[64];
	int n = 0;

	if (!dif_read(c, addr, b, sizeof(b)))
		return 0;
	for (i = 0; i < 8; i++)
		g[i] = (unsigned int)b[2 * i] << 8 | b[2 * i + 1];
	if (!g[0] && !g[1] && !g[2] && !g[3] && !g[4] &&
	    (g[5] == 0xffff || (g[5] == 0 && g[6] != 0))) {
		n = os_snprintf(tmp, sizeof(tmp), "::%s%u.%u.%u.%u",
				g[5] ? "ffff:" : "", b[12], b[13], b[14],
				b[15]);
		return str_copy(c, tmp, n);
	}
	for (i = 0; i < 8; i++) {
		run = g[i] == 0 ? run + 1 : 0;
		if (run > best) {
			best = run;
			bstart = i + 1 - run;
		}
	}
	if (best < 2)
		bstart = 8;
	for (i = 0; i < 8; i++) {
		if (i == bstart) {
			n += os_snprintf(tmp + n, sizeof(tmp) - n, "::");
			i += best - 1;
			continue;
		}
		n += os_snprintf(tmp + n, sizeof(tmp) - n, "%s%x",
				 i == 0 || i == bstart + best ? "" : ":",
				 g[i]);
	}
	return str_copy(c, tmp, n);
}

static uint64_t subr_inet_ntop(dif_ctx_t *c)
{
	uint64_t af = arg(c, 0);

	if (af == LINUX_AF_INET)
		return subr_ntoa(c, arg(c, 1));
	if (af == LINUX_AF_INET6)
		return subr_ntoa6(c, arg(c, 1));
	dif_fault(c, DTRACEFLT_ILLOP, af);
	return 0;
}

/* ---- byte order --------------------------------------------------- */

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define NET16(x)	((uint16_t)(x))
#define NET32(x)	((uint32_t)(x))
#define NET64(x)	((uint64_t)(x))
#else
#define NET16(x)	__builtin_bswap16((uint16_t)(x))
#define NET32(x)	__builtin_bswap32((uint32_t)(x))
#define NET64(x)	__builtin_bswap64((uint64_t)(x))
#endif

static uint64_t subr_rand(dif_ctx_t *c)
{
	uint64_t x = c->pcpu->rand;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	c->pcpu->rand = x;
	return x >> 33;		/* a non-negative int */
}

uint64_t dif_subr_call(dif_ctx_t *c, uint32_t subr)
{
	size_t len;

	if (subr >= DIF_SUBR_MAX || c->ntuple < subr_nargs[subr][0] ||
	    c->ntuple > subr_nargs[subr][1]) {
		dif_fault(c, DTRACEFLT_ILLOP, subr);
		return 0;
	}
	switch (subr) {
	case DIF_SUBR_RAND:
		return subr_rand(c);
	case DIF_SUBR_COPYIN:
		return subr_copyin(c);
	case DIF_SUBR_COPYINSTR:
		return subr_copyinstr(c);
	case DIF_SUBR_COPYINTO:
		return subr_copyinto(c);
	case DIF_SUBR_SPECULATION:
		return dtrace_speculation_new(c->mst->state);
	case DIF_SUBR_PROGENYOF:
		return os_progenyof((int)arg(c, 0));
	case DIF_SUBR_STRLEN:
		return str_arg(c, 0, &len) ? len : 0;
	case DIF_SUBR_ALLOCA:
		return (uintptr_t)dif_scratch(c, arg(c, 0));
	case DIF_SUBR_BCOPY:
		return subr_bcopy(c);
	case DIF_SUBR_STRJOIN:
		return subr_strjoin(c);
	case DIF_SUBR_LLTOSTR:
		return subr_lltostr(c);
	case DIF_SUBR_BASENAME:
		return subr_basename(c);
	case DIF_SUBR_DIRNAME:
		return subr_dirname(c);
	case DIF_SUBR_CLEANPATH:
		return subr_cleanpath(c);
	case DIF_SUBR_STRCHR:
		return subr_strchr(c, false);
	case DIF_SUBR_STRRCHR:
		return subr_strchr(c, true);
	case DIF_SUBR_STRSTR:
		return subr_strstr(c);
	case DIF_SUBR_STRTOK:
		return subr_strtok(c);
	case DIF_SUBR_SUBSTR:
		return subr_substr(c);
	case DIF_SUBR_INDEX:
		return subr_index(c, false);
	case DIF_SUBR_RINDEX:
		return subr_index(c, true);
	case DIF_SUBR_HTONS:
	case DIF_SUBR_NTOHS:
		return NET16(arg(c, 0));
	case DIF_SUBR_HTONL:
	case DIF_SUBR_NTOHL:
		return NET32(arg(c, 0));
	case DIF_SUBR_HTONLL:
	case DIF_SUBR_NTOHLL:
		return NET64(arg(c, 0));
	case DIF_SUBR_INET_NTOP:
		return subr_inet_ntop(c);
	case DIF_SUBR_INET_NTOA:
		return subr_ntoa(c, arg(c, 0));
	case DIF_SUBR_INET_NTOA6:
		return subr_ntoa6(c, arg(c, 0));
	case DIF_SUBR_TOUPPER:
		return subr_case(c, true);
	case DIF_SUBR_TOLOWER:
		return subr_case(c, false);
	case DIF_SUBR_STRTOLL:
		return subr_strtoll(c);
	case DIF_SUBR_GETMAJOR:
		return arg(c, 0) >> 20;		/* Linux kernel dev_t */
	case DIF_SUBR_GETMINOR:
		return arg(c, 0) & 0xfffff;
	default:
		/* mutex_owned needs kernel lock types: not offered */
		dif_fault(c, DTRACEFLT_ILLOP, subr);
		return 0;
	}
}
