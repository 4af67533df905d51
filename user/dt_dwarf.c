// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel types from DWARF, read with libdwarf: a debug vmlinux or module
 * (Debian's linux-image-*-dbg), or any ELF object built with -g, named
 * with -x ktypes or found where Debian installs the debug vmlinux when
 * the kernel has no BTF.  libelf tells what an object holds
 * (dt_elf_sections), so that dt_ktype.c can pick BTF or DWARF.
 *
 * Opening walks the top-level DIEs of every compilation unit and indexes
 * the names of struct, union and enum definitions, typedefs, base types,
 * variables and functions by DIE offset; the first of a name wins (every
 * CU that includes a header has its own copy of its types).  A debug
 * vmlinux has thousands of CUs, so this takes seconds: that is the price
 * of DWARF, paid once and only by a program that needs a kernel type.
 * Types are converted from their DIE when asked for (dt_ktype.h), a
 * struct's members when something reads them.
 *
 * Unlike the kernel's BTF, DWARF describes every variable, so a symbol
 * such as `jiffies has its type here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <gelf.h>
#include <libelf.h>
#include <libdwarf/dwarf.h>
#include <libdwarf/libdwarf.h>

#include "dt_ktype.h"

static Dwarf_Debug dbg_of(const dt_ksrc_t *src)
{
	return (Dwarf_Debug)src->priv;
}

/* ---- ELF sections (libelf) ----------------------------------------- */

int dt_elf_sections(const char *path, int *has_btf, int *has_dwarf,
		    char *why, size_t whylen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	Elf_Scn *scn = NULL;
	size_t shstrndx;
	Elf *elf;

	*has_btf = *has_dwarf = 0;
	if (fd < 0) {
		snprintf(why, whylen, "cannot open %s: %s", path,
			 strerror(errno));
		return -1;
	}
	elf_version(EV_CURRENT);
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (elf == NULL || elf_getshdrstrndx(elf, &shstrndx) != 0) {
		snprintf(why, whylen, "cannot read the ELF object %s: %s",
			 path, elf_errmsg(-1));
		elf_end(elf);
		close(fd);
		return -1;
	}
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr sh;
		const char *name;

		if (gelf_getshdr(scn, &sh) == NULL ||
		    (name = elf_strptr(elf, shstrndx, sh.sh_name)) == NULL)
			continue;
		if (strcmp(name, ".BTF") == 0)
			*has_btf = 1;
		if (strcmp(name, ".debug_info") == 0 ||
		    strcmp(name, ".zdebug_info") == 0)
			*has_dwarf = 1;
	}
	elf_end(elf);
	close(fd);
	return 0;
}

/* ---- DIE access ---------------------------------------------------- */

/* libdwarf's error object is freed; its text goes to src->err. */
static int dw_failed(dt_ksrc_t *src, Dwarf_Error err, const char *what)
{
	dt_ksrc_fail(src, "%s: %s: %s", src->path, what,
		     err != NULL ? dwarf_errmsg(err) : "malformed DWARF");
	if (err != NULL)
		dwarf_dealloc(dbg_of(src), err, DW_DLA_ERROR);
	return -1;
}

static Dwarf_Die die_at(dt_ksrc_t *src, unsigned long off)
{
	Dwarf_Error err = NULL;
	Dwarf_Die die;

	if (dwarf_offdie_b(dbg_of(src), off, 1, &die, &err) != DW_DLV_OK) {
		dw_failed(src, err, "bad DIE offset");
		return NULL;
	}
	return die;
}

static void die_free(dt_ksrc_t *src, Dwarf_Die die)
{
	if (die != NULL)
		dwarf_dealloc(dbg_of(src), die, DW_DLA_DIE);
}

static Dwarf_Half die_tag(Dwarf_Die die)
{
	Dwarf_Half tag = 0;
	Dwarf_Error err = NULL;

	if (dwarf_tag(die, &tag, &err) != DW_DLV_OK)
		return 0;
	return tag;
}

static const char *die_name(Dwarf_Die die)
{
	Dwarf_Error err = NULL;
	char *name;

	if (dwarf_diename(die, &name, &err) != DW_DLV_OK)
		return NULL;
	return name;
}

/* The attribute 'at' of die, or NULL; the caller frees it. */
static Dwarf_Attribute die_attr(Dwarf_Die die, Dwarf_Half at)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;

	if (dwarf_attr(die, at, &a, &err) != DW_DLV_OK)
		return NULL;
	return a;
}

/* An integer attribute, signed or not as its form says: 1 and *v, or 0. */
static int die_int(dt_ksrc_t *src, Dwarf_Die die, Dwarf_Half at,
		   long long *v)
{
	Dwarf_Attribute a = die_attr(die, at);
	Dwarf_Error err = NULL;
	Dwarf_Unsigned u;
	Dwarf_Signed s;
	Dwarf_Half form = 0;
	int ok = 0;

	if (a == NULL)
		return 0;
	dwarf_whatform(a, &form, &err);
	if (form == DW_FORM_sdata || form == DW_FORM_implicit_const) {
		if (dwarf_formsdata(a, &s, &err) == DW_DLV_OK) {
			*v = s;
			ok = 1;
		}
	} else if (dwarf_formudata(a, &u, &err) == DW_DLV_OK) {
		*v = (long long)u;
		ok = 1;
	}
	dwarf_dealloc(dbg_of(src), a, DW_DLA_ATTR);
	return ok;
}

static int die_flag(dt_ksrc_t *src, Dwarf_Die die, Dwarf_Half at)
{
	Dwarf_Attribute a = die_attr(die, at);
	Dwarf_Error err = NULL;
	Dwarf_Bool f = 0;

	if (a == NULL)
		return 0;
	dwarf_formflag(a, &f, &err);
	dwarf_dealloc(dbg_of(src), a, DW_DLA_ATTR);
	return f != 0;
}

/* The DIE offset an attribute refers to: 1 and *off, or 0. */
static int die_ref(dt_ksrc_t *src, Dwarf_Die die, Dwarf_Half at,
		   Dwarf_Off *off)
{
	Dwarf_Attribute a = die_attr(die, at);
	Dwarf_Error err = NULL;
	int ok;

	if (a == NULL)
		return 0;
	ok = dwarf_global_formref(a, off, &err) == DW_DLV_OK;
	dwarf_dealloc(dbg_of(src), a, DW_DLA_ATTR);
	return ok;
}

/* An unsigned LEB128 number. */
static unsigned long long uleb(const unsigned char *p, unsigned long len)
{
	unsigned long long v = 0;
	unsigned int shift = 0;
	unsigned long i;

	for (i = 0; i < len && shift < 64; i++, shift += 7) {
		v |= (unsigned long long)(p[i] & 0x7f) << shift;
		if (!(p[i] & 0x80))
			break;
	}
	return v;
}

/*
 * A member's byte offset: a constant, or (DWARF 2 and 3) a location
 * expression DW_OP_plus_uconst N, in an exprloc or a block.
 */
static unsigned long member_offset(dt_ksrc_t *src, Dwarf_Die die)
{
	Dwarf_Attribute a = die_attr(die, DW_AT_data_member_location);
	Dwarf_Error err = NULL;
	Dwarf_Unsigned u = 0, len;
	Dwarf_Ptr expr;
	Dwarf_Block *blk;
	const unsigned char *p = NULL;

	if (a == NULL)
		return 0;		/* union members */
	if (dwarf_formudata(a, &u, &err) == DW_DLV_OK) {
		dwarf_dealloc(dbg_of(src), a, DW_DLA_ATTR);
		return u;
	}
	if (err != NULL) {
		dwarf_dealloc(dbg_of(src), err, DW_DLA_ERROR);
		err = NULL;
	}
	u = 0;
	if (dwarf_formexprloc(a, &len, &expr, &err) == DW_DLV_OK) {
		p = expr;
		if (len > 1 && p[0] == DW_OP_plus_uconst)
			u = uleb(p + 1, len - 1);
	} else if (dwarf_formblock(a, &blk, &err) == DW_DLV_OK) {
		p = blk->bl_data;
		if (blk->bl_len > 1 && p[0] == DW_OP_plus_uconst)
			u = uleb(p + 1, blk->bl_len - 1);
		dwarf_dealloc(dbg_of(src), blk, DW_DLA_BLOCK);
	}
	if (err != NULL)
		dwarf_dealloc(dbg_of(src), err, DW_DLA_ERROR);
	dwarf_dealloc(dbg_of(src), a, DW_DLA_ATTR);
	return u;
}

/* ---- opening and indexing ------------------------------------------ */

static int die_kname(Dwarf_Half tag)
{
	switch (tag) {
	case DW_TAG_structure_type:
		return DT_KN_STRUCT;
	case DW_TAG_union_type:
		return DT_KN_UNION;
	case DW_TAG_enumeration_type:
		return DT_KN_ENUM;
	case DW_TAG_typedef:
	case DW_TAG_base_type:
		return DT_KN_TYPE;
	case DW_TAG_variable:
		return DT_KN_VAR;
	case DW_TAG_subprogram:
		return DT_KN_FUNC;
	default:
		return -1;
	}
}

static int index_die(dt_ksrc_t *src, Dwarf_Die die)
{
	Dwarf_Half tag = die_tag(die);
	int kn = die_kname(tag);
	Dwarf_Error err = NULL;
	Dwarf_Off off;
	const char *name;
	char *copy;

	if (kn < 0 || (name = die_name(die)) == NULL)
		return 0;
	/* a declaration of a struct is not its definition */
	if (kn <= DT_KN_ENUM && die_flag(src, die, DW_AT_declaration))
		return 0;
	if (dwarf_dieoffset(die, &off, &err) != DW_DLV_OK)
		return dw_failed(src, err, "no DIE offset");
	if ((copy = dt_kstrdup(src, name)) == NULL)
		return -1;
	return dt_kindex_add(src, kn, copy, off);
}

/* Index the top-level DIEs of one compilation unit. */
static int index_cu(dt_ksrc_t *src)
{
	Dwarf_Debug dbg = dbg_of(src);
	Dwarf_Error err = NULL;
	Dwarf_Die cu, die, next;
	int rc = 0;

	if (dwarf_siblingof_b(dbg, NULL, 1, &cu, &err) != DW_DLV_OK)
		return dw_failed(src, err, "no compilation unit DIE");
	if (dwarf_child(cu, &die, &err) != DW_DLV_OK) {
		die_free(src, cu);
		return err != NULL ? dw_failed(src, err, "bad CU") : 0;
	}
	while (die != NULL && rc == 0) {
		rc = index_die(src, die);
		if (dwarf_siblingof_b(dbg, die, 1, &next, &err) != DW_DLV_OK)
			next = NULL;
		die_free(src, die);
		die = next;
	}
	die_free(src, die);
	die_free(src, cu);
	if (err != NULL && rc == 0)
		return dw_failed(src, err, "bad DIE");
	return rc;
}

static void dwarf_close_src(dt_ksrc_t *src)
{
	Dwarf_Error err = NULL;

	if (src->priv != NULL && dwarf_finish(dbg_of(src), &err) != DW_DLV_OK &&
	    err != NULL)
		dwarf_dealloc(NULL, err, DW_DLA_ERROR);
	src->priv = NULL;
}

static int dwarf_open_src(dt_ksrc_t *src)
{
	Dwarf_Debug dbg;
	Dwarf_Error err = NULL;
	Dwarf_Unsigned hlen, typeoff, next;
	Dwarf_Half version, asize, lsize, esize, cutype;
	Dwarf_Off abbrev;
	Dwarf_Sig8 sig;
	int rc;

	rc = dwarf_init_path(src->path, NULL, 0, DW_DLC_READ,
			     DW_GROUPNUMBER_ANY, NULL, NULL, &dbg, NULL, 0,
			     NULL, &err);
	if (rc != DW_DLV_OK) {
		dt_ksrc_fail(src, "cannot read DWARF from %s: %s", src->path,
			     rc == DW_DLV_NO_ENTRY ? "it has none" :
			     dwarf_errmsg(err));
		if (err != NULL)
			dwarf_dealloc(NULL, err, DW_DLA_ERROR);
		return -1;
	}
	src->priv = dbg;
	while ((rc = dwarf_next_cu_header_d(dbg, 1, &hlen, &version, &abbrev,
					    &asize, &lsize, &esize, &sig,
					    &typeoff, &next, &cutype,
					    &err)) == DW_DLV_OK) {
		if (index_cu(src) != 0)
			break;
	}
	if (rc == DW_DLV_ERROR)
		dw_failed(src, err, "bad compilation unit header");
	if (rc != DW_DLV_NO_ENTRY) {
		dwarf_close_src(src);
		return -1;
	}
	return 0;
}

/* ---- conversion ---------------------------------------------------- */

static const dt_type_t *dw_type(dt_ksrc_t *src, unsigned long off);

/* The type DW_AT_type of die refers to; void when it has none. */
static const dt_type_t *type_of(dt_ksrc_t *src, Dwarf_Die die)
{
	Dwarf_Off ref;

	if (!die_ref(src, die, DW_AT_type, &ref))
		return &dt_type_void_;
	return dw_type(src, ref);
}

static const dt_type_t *base_type(dt_ksrc_t *src, Dwarf_Die die,
				  const char *name)
{
	long long enc = 0, size = 0;

	die_int(src, die, DW_AT_encoding, &enc);
	die_int(src, die, DW_AT_byte_size, &size);
	switch (enc) {
	case DW_ATE_float:
		return dt_ktype_float(src, name, size);
	case DW_ATE_boolean:
		return dt_ktype_int(src, name, size, 0, 0, 1);
	case DW_ATE_signed_char:
	case DW_ATE_unsigned_char:
		return dt_ktype_int(src, name, size,
				    enc == DW_ATE_signed_char,
				    name != NULL && strcmp(name, "char") == 0,
				    0);
	default:
		return dt_ktype_int(src, name, size, enc == DW_ATE_signed, 0,
				    0);
	}
}

/* int a[2][3]: the subranges apply from the last, innermost one. */
static const dt_type_t *array_type(dt_ksrc_t *src, Dwarf_Die die)
{
	const dt_type_t *t = type_of(src, die);
	unsigned long dims[16];
	Dwarf_Error err = NULL;
	Dwarf_Die sub, next;
	int n = 0;

	if (t == NULL)
		return NULL;
	if (dwarf_child(die, &sub, &err) != DW_DLV_OK)
		sub = NULL;
	while (sub != NULL) {
		long long count = 0, upper;

		if (die_tag(sub) == DW_TAG_subrange_type && n < 16) {
			if (!die_int(src, sub, DW_AT_count, &count) &&
			    die_int(src, sub, DW_AT_upper_bound, &upper))
				count = upper + 1;
			dims[n++] = count > 0 ? (unsigned long)count : 0;
		}
		if (dwarf_siblingof_b(dbg_of(src), sub, 1, &next, &err) !=
		    DW_DLV_OK)
			next = NULL;
		die_free(src, sub);
		sub = next;
	}
	if (n == 0)
		dims[n++] = 0;		/* int a[] */
	while (n-- > 0 && t != NULL)
		t = dt_ktype_array(src, t, dims[n]);
	return t;
}

/* struct s; : its definition here, else an incomplete type. */
static const dt_type_t *declared_type(dt_ksrc_t *src, dt_tkind_t kind,
				      const char *name)
{
	unsigned long def;
	dt_type_t *t;

	if (name != NULL &&
	    dt_kindex_find(src, kind == DT_TK_STRUCT ? DT_KN_STRUCT :
			   kind == DT_TK_UNION ? DT_KN_UNION : DT_KN_ENUM,
			   name, &def))
		return dw_type(src, def);
	t = dt_ktype_new(src, kind, name);
	if (t != NULL)
		t->complete = 0;
	return t;
}

/* Alignment DWARF rarely states: the largest power of two <= 8 that
   divides the size, which is what the ABI gives any struct of it. */
static unsigned int guess_align(long long size)
{
	unsigned int a = 8;

	while (a > 1 && size % a != 0)
		a /= 2;
	return a;
}

static const dt_type_t *dw_convert(dt_ksrc_t *src, unsigned long off)
{
	Dwarf_Die die = die_at(src, off);
	Dwarf_Half tag;
	const char *name;
	const dt_type_t *t = NULL, *ref;
	dt_type_t *nt;
	long long size = 0, align;
	dt_tkind_t kind;

	if (die == NULL)
		return NULL;
	tag = die_tag(die);
	name = die_name(die);
	switch (tag) {
	case DW_TAG_base_type:
		t = base_type(src, die, name);
		break;
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
		ref = type_of(src, die);
		t = ref != NULL ? dt_ktype_ptr(src, ref) : NULL;
		break;
	case DW_TAG_array_type:
		t = array_type(src, die);
		break;
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_enumeration_type:
		kind = tag == DW_TAG_structure_type ? DT_TK_STRUCT :
		       tag == DW_TAG_union_type ? DT_TK_UNION : DT_TK_ENUM;
		if (die_flag(src, die, DW_AT_declaration)) {
			t = declared_type(src, kind, name);
			break;
		}
		die_int(src, die, DW_AT_byte_size, &size);
		nt = dt_ktype_shell(src, kind, name, size, off);
		if (nt != NULL)
			nt->align = die_int(src, die, DW_AT_alignment,
					    &align) ? (unsigned int)align :
				    guess_align(size);
		t = nt;
		break;
	case DW_TAG_typedef:
		ref = type_of(src, die);
		t = ref != NULL ? dt_ktype_typedef(src, name, ref) : NULL;
		break;
	case DW_TAG_subroutine_type:
	case DW_TAG_subprogram:
		ref = type_of(src, die);
		if (ref != NULL &&
		    (nt = dt_ktype_new(src, DT_TK_FUNC, NULL)) != NULL) {
			nt->ref = ref;
			t = nt;
		}
		break;
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_restrict_type:
	case DW_TAG_atomic_type:
	case DW_TAG_immutable_type:
		t = type_of(src, die);
		break;
	case DW_TAG_unspecified_type:
		t = &dt_type_void_;
		break;
	default:
		t = dt_ksrc_fail(src, "%s: the DIE at %#lx (tag %#x) is not a "
				 "type", src->path, off, tag);
		break;
	}
	die_free(src, die);
	return t;
}

static const dt_type_t *dw_type(dt_ksrc_t *src, unsigned long off)
{
	const dt_type_t *t = dt_kcache_get(src, off);

	if (t != NULL)
		return t;
	return dt_kcache_put(src, off, dw_convert(src, off));
}

/*
 * A bit-field's offset from the start of its struct, in bits.  DWARF 4
 * says it (DW_AT_data_bit_offset); DWARF 2 and 3 count DW_AT_bit_offset
 * from the most significant bit of a storage unit of DW_AT_byte_size
 * bytes at the member's location, which on a little-endian machine is
 * the unit's size in bits minus the offset minus the width.
 */
static unsigned long bitfield_offset(dt_ksrc_t *src, Dwarf_Die m,
				     unsigned long byteoff, long long width,
				     const dt_type_t *type)
{
	long long dbo, bo, unit;

	if (die_int(src, m, DW_AT_data_bit_offset, &dbo))
		return dbo;
	if (!die_int(src, m, DW_AT_bit_offset, &bo))
		return byteoff * 8;
	if (!die_int(src, m, DW_AT_byte_size, &unit))
		unit = dt_type_size(type);
	return byteoff * 8 + unit * 8 - bo - width;
}

static int fill_member(dt_ksrc_t *src, dt_member_t ***tail, Dwarf_Die m)
{
	const dt_type_t *mt = type_of(src, m);
	unsigned long off;
	long long width = 0;

	if (mt == NULL)
		return -1;
	off = member_offset(src, m);
	if (die_int(src, m, DW_AT_bit_size, &width) && width > 0)
		off = bitfield_offset(src, m, off, width, mt);
	else
		off *= 8;
	return dt_ktype_member(src, tail, die_name(m), mt, off,
			       (unsigned int)width);
}

static int fill_enumerator(dt_ksrc_t *src, dt_enumval_t ***tail,
			   Dwarf_Die e)
{
	const char *name = die_name(e);
	long long v = 0;

	if (name == NULL)
		return 0;
	die_int(src, e, DW_AT_const_value, &v);
	return dt_ktype_enumval(src, tail, name, v);
}

static void dw_fill(dt_ksrc_t *src, dt_type_t *t)
{
	Dwarf_Die die = die_at(src, t->kid), c, next;
	dt_member_t **mtail = &t->members;
	dt_enumval_t **etail = &t->evals;
	Dwarf_Error err = NULL;
	int rc = 0;

	t->lazy = 0;
	if (die == NULL)
		return;
	if (dwarf_child(die, &c, &err) != DW_DLV_OK)
		c = NULL;
	while (c != NULL && rc == 0) {
		Dwarf_Half tag = die_tag(c);

		if (tag == DW_TAG_member)
			rc = fill_member(src, &mtail, c);
		else if (tag == DW_TAG_enumerator)
			rc = fill_enumerator(src, &etail, c);
		if (dwarf_siblingof_b(dbg_of(src), c, 1, &next, &err) !=
		    DW_DLV_OK)
			next = NULL;
		die_free(src, c);
		c = next;
	}
	die_free(src, c);
	die_free(src, die);
	if (t->kind == DT_TK_ENUM)
		for (dt_enumval_t *e = t->evals; e != NULL; e = e->next)
			t->issigned |= e->value < 0;
}

static const dt_type_t *dw_symbol(dt_ksrc_t *src, const char *name)
{
	unsigned long off;
	const dt_type_t *t;
	Dwarf_Die die;

	if (dt_kindex_find(src, DT_KN_FUNC, name, &off))
		return dw_type(src, off);
	if (!dt_kindex_find(src, DT_KN_VAR, name, &off) ||
	    (die = die_at(src, off)) == NULL)
		return NULL;
	t = type_of(src, die);
	die_free(src, die);
	return t;
}

const dt_ksrc_ops_t dt_dwarf_ops = {
	.format		= "DWARF",
	.open		= dwarf_open_src,
	.type		= dw_type,
	.fill		= dw_fill,
	.symbol		= dw_symbol,
	.close		= dwarf_close_src,
};
