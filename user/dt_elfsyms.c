// SPDX-License-Identifier: GPL-2.0
/*
 * The symbol table of one ELF file, read with libelf: the functions and
 * objects of .symtab and of .dynsym (a stripped library has only the
 * latter; an unstripped one has both, with the same symbols twice), and
 * the PT_LOAD segments that tell where each file offset is loaded.
 *
 * Symbols are kept sorted by address, one per address: of several names
 * for one address (read, __read, __libc_read) the one dt_symname_cmp()
 * puts first, with the largest size among them.  A lookup finds the symbol
 * whose [value, value + size) holds the address; a symbol of size 0 (an
 * assembler label) covers only its own address.  Addresses are link-time
 * addresses: a caller with a run-time address subtracts the load bias of
 * the mapping first (dt_elfsyms_vaddr gives what it needs).
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt_sym.h"

typedef struct dt_elfsym {
	dt_symname_t	sym;		/* the name is in dt_elfsyms_t.names;
					   func: STT_FUNC or STT_GNU_IFUNC */
	uint64_t	size;
} dt_elfsym_t;

typedef struct dt_elfload {
	uint64_t	vaddr;
	uint64_t	offset;
	uint64_t	filesz;
} dt_elfload_t;

struct dt_elfsyms {
	dt_elfsym_t	*syms;
	size_t		nsyms;
	char		*names;		/* every name, NUL-separated */
	dt_elfload_t	*loads;
	size_t		nloads;
};

int dt_symname_cmp(const void *pa, const void *pb)
{
	const dt_symname_t *a = pa, *b = pb;
	size_t ua = strspn(a->name, "_"), ub = strspn(b->name, "_");
	size_t la = strlen(a->name), lb = strlen(b->name);

	if (a->addr != b->addr)
		return a->addr < b->addr ? -1 : 1;
	if (a->func != b->func)
		return a->func ? -1 : 1;
	if (ua != ub)
		return ua < ub ? -1 : 1;
	if (a->bind != b->bind)
		return a->bind < b->bind ? -1 : 1;
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a->name, b->name);
}

size_t dt_symname_upto(const void *table, size_t n, size_t size,
		       uint64_t addr)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const dt_symname_t *s = (const void *)((const char *)table +
						       mid * size);

		if (s->addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int bind_rank(unsigned char bind)
{
	return bind == STB_GLOBAL ? 0 : bind == STB_WEAK ? 1 : 2;
}

/* Bytes of the names of the symbols of one symbol table section. */
static size_t table_names(Elf *elf, Elf_Scn *scn, const GElf_Shdr *sh)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t i, n, bytes = 0;
	GElf_Sym s;
	const char *name;

	if (d == NULL || sh->sh_entsize == 0)
		return 0;
	n = sh->sh_size / sh->sh_entsize;
	for (i = 0; i < n; i++) {
		if (gelf_getsym(d, (int)i, &s) == NULL)
			continue;
		name = elf_strptr(elf, sh->sh_link, s.st_name);
		if (name != NULL)
			bytes += strlen(name) + 1;
	}
	return bytes;
}

/* Append the functions and objects of one symbol table section. */
static void table_add(dt_elfsyms_t *es, Elf *elf, Elf_Scn *scn,
		      const GElf_Shdr *sh, size_t *names_used)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t i, n, len;
	const char *name;
	dt_elfsym_t *e;
	GElf_Sym s;
	int type;

	if (d == NULL || sh->sh_entsize == 0)
		return;
	n = sh->sh_size / sh->sh_entsize;
	for (i = 0; i < n; i++) {
		if (gelf_getsym(d, (int)i, &s) == NULL)
			continue;
		type = GELF_ST_TYPE(s.st_info);
		if ((type != STT_FUNC && type != STT_GNU_IFUNC &&
		     type != STT_OBJECT) || s.st_shndx == SHN_UNDEF ||
		    s.st_value == 0)
			continue;
		name = elf_strptr(elf, sh->sh_link, s.st_name);
		if (name == NULL || *name == '\0')
			continue;
		len = strlen(name) + 1;
		e = &es->syms[es->nsyms++];
		e->sym.addr = s.st_value;
		e->sym.name = memcpy(es->names + *names_used, name, len);
		e->sym.func = type != STT_OBJECT;
		e->sym.bind = (unsigned char)bind_rank(GELF_ST_BIND(s.st_info));
		e->size = s.st_size;
		*names_used += len;
	}
}

/* Sort, and keep one symbol per address (the preferred name). */
static void table_sort(dt_elfsyms_t *es)
{
	size_t i, n = 0;

	qsort(es->syms, es->nsyms, sizeof(*es->syms), dt_symname_cmp);
	for (i = 0; i < es->nsyms; i++) {
		dt_elfsym_t *last = n > 0 ? &es->syms[n - 1] : NULL;

		if (last != NULL && last->sym.addr == es->syms[i].sym.addr) {
			if (es->syms[i].size > last->size)
				last->size = es->syms[i].size;
			continue;
		}
		es->syms[n++] = es->syms[i];
	}
	es->nsyms = n;
}

static int read_symbols(dt_elfsyms_t *es, Elf *elf)
{
	size_t nsyms = 0, bytes = 0, used = 0;
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;

	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		if (gelf_getshdr(scn, &sh) == NULL ||
		    (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM) ||
		    sh.sh_entsize == 0)
			continue;
		nsyms += sh.sh_size / sh.sh_entsize;
		bytes += table_names(elf, scn, &sh);
	}
	es->syms = calloc(nsyms + 1, sizeof(*es->syms));
	es->names = malloc(bytes + 1);
	if (es->syms == NULL || es->names == NULL)
		return -1;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		if (gelf_getshdr(scn, &sh) != NULL &&
		    (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM))
			table_add(es, elf, scn, &sh, &used);
	}
	table_sort(es);
	return 0;
}

static int read_loads(dt_elfsyms_t *es, Elf *elf)
{
	size_t i, n;
	GElf_Phdr ph;

	if (elf_getphdrnum(elf, &n) != 0)
		return 0;	/* no program headers: nothing is loaded */
	es->loads = calloc(n + 1, sizeof(*es->loads));
	if (es->loads == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		if (gelf_getphdr(elf, (int)i, &ph) == NULL ||
		    ph.p_type != PT_LOAD)
			continue;
		es->loads[es->nloads++] = (dt_elfload_t){
			.vaddr = ph.p_vaddr, .offset = ph.p_offset,
			.filesz = ph.p_filesz };
	}
	return 0;
}

dt_elfsyms_t *dt_elfsyms_read(const char *path, char *err, size_t errlen)
{
	dt_elfsyms_t *es;
	Elf *elf;
	int fd, rc;

	if (elf_version(EV_CURRENT) == EV_NONE) {
		snprintf(err, errlen, "libelf is out of date: %s",
			 elf_errmsg(-1));
		return NULL;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path,
			 strerror(errno));
		return NULL;
	}
	elf = elf_begin(fd, ELF_C_READ, NULL);
	if (elf == NULL || elf_kind(elf) != ELF_K_ELF) {
		snprintf(err, errlen, "%s is not an ELF file%s%s", path,
			 elf ? "" : ": ", elf ? "" : elf_errmsg(-1));
		if (elf != NULL)
			elf_end(elf);
		close(fd);
		return NULL;
	}
	es = calloc(1, sizeof(*es));
	rc = es == NULL ? -1 : read_symbols(es, elf);
	if (rc == 0)
		rc = read_loads(es, elf);
	elf_end(elf);
	close(fd);
	if (rc != 0) {
		dt_elfsyms_free(es);
		snprintf(err, errlen, "out of memory reading the symbols of "
			 "%s", path);
		return NULL;
	}
	return es;
}

void dt_elfsyms_free(dt_elfsyms_t *es)
{
	if (es == NULL)
		return;
	free(es->syms);
	free(es->names);
	free(es->loads);
	free(es);
}

/*
 * A mapping starts on a page: at the page that holds the start of its
 * segment (two segments may share that page in the file: the segment that
 * starts in it is the one mapped there), or further into the segment.
 */
int dt_elfsyms_vaddr(const dt_elfsyms_t *es, uint64_t off, uint64_t *vaddr)
{
	const uint64_t page = 4096;
	size_t i;

	for (i = 0; i < es->nloads; i++) {
		const dt_elfload_t *l = &es->loads[i];

		if ((l->offset & ~(page - 1)) == off) {
			*vaddr = l->vaddr - l->offset + off;
			return 0;
		}
	}
	for (i = 0; i < es->nloads; i++) {
		const dt_elfload_t *l = &es->loads[i];

		if (off >= l->offset && off < l->offset + l->filesz) {
			*vaddr = l->vaddr - l->offset + off;
			return 0;
		}
	}
	return -1;
}

const char *dt_elfsyms_lookup(const dt_elfsyms_t *es, uint64_t vaddr,
			      uint64_t *value)
{
	size_t lo = dt_symname_upto(es->syms, es->nsyms, sizeof(*es->syms),
				    vaddr), i, back;

	/* the last symbol at or below vaddr, or one a little below it that
	   is large enough to hold vaddr */
	for (back = 0; back < 8 && lo > back; back++) {
		const dt_elfsym_t *s = &es->syms[lo - 1 - back];

		i = vaddr - s->sym.addr;
		if (i < s->size || (s->size == 0 && i == 0)) {
			*value = s->sym.addr;
			return s->sym.name;
		}
	}
	return NULL;
}
