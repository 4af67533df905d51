// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the consumer's symbol tables (user/dt_sym.h):
 *
 *   - kernel symbols parsed from a kallsyms fixture (with a /proc/modules
 *     fixture for module extents): which symbol covers an address, which
 *     name an address with several names gets, where a module ends, what
 *     is not an address (per-CPU offsets), what hidden addresses say;
 *   - user symbols of this very test program, found the way ustack()
 *     finds them: its mappings in /proc/self/maps and the ELF symbol table
 *     of the file, across the PIE load bias.
 *
 * Fixtures are in test/unit/fixtures/, found from this file's path, so
 * the test runs from the top of the tree (as test/run-all runs it).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "user/dt_sym.h"
#include "unit.h"

#define FIXTURES	"test/unit/fixtures/"

/*
 * What the fixtures hold at an address: a symbol (object`name at value),
 * or nothing (object NULL).
 */
typedef struct kexpect {
	uint64_t	addr;
	const char	*object, *name;
	uint64_t	value;
	const char	*why;
} kexpect_t;

static void expect_ksyms(const dt_ksyms_t *ks, const kexpect_t *e, size_t n)
{
	dt_symbol_t s;
	size_t i;
	int found;

	for (i = 0; i < n; i++, e++) {
		found = dt_ksyms_lookup(ks, e->addr, &s);
		if (e->object == NULL) {
			CHECK(found == DT_SYM_NONE, "%s: 0x%llx is %s`%s",
			      e->why, (unsigned long long)e->addr,
			      s.object ? s.object : "-", s.name ? s.name : "-");
			continue;
		}
		CHECK(found == DT_SYM_FOUND && strcmp(s.object, e->object) == 0
		      && strcmp(s.name, e->name) == 0 && s.value == e->value,
		      "%s: 0x%llx is %s`%s at 0x%llx, want %s`%s at 0x%llx",
		      e->why, (unsigned long long)e->addr,
		      found == DT_SYM_FOUND ? s.object : "-",
		      found == DT_SYM_FOUND ? s.name : "-",
		      (unsigned long long)s.value, e->object, e->name,
		      (unsigned long long)e->value);
	}
}

static const kexpect_t with_modules[] = {
	{ 0xffffffff81000010, "vmlinux", "startup_64", 0xffffffff81000000,
	  "aliases: the public name, not _text or _stext" },
	{ 0xffffffff81000000, "vmlinux", "startup_64", 0xffffffff81000000,
	  "at the symbol" },
	{ 0xffffffff81234580, "vmlinux", "vfs_read", 0xffffffff81234560,
	  "global before local at one address" },
	{ 0xffffffff81234700, "vmlinux", "arch_vfs_hook", 0xffffffff81234700,
	  "weak" },
	{ 0xffffffff81234900, "vmlinux", "rw_verify_area", 0xffffffff81234800,
	  "up to the next symbol" },
	{ 0xffffffffc0a52010, "ext4", "ext4_file_read_iter",
	  0xffffffffc0a52000, "a module's own name" },
	{ 0xffffffffc0a52f00, "ext4", "ext4_init_fs", 0xffffffffc0a52100,
	  "a module's last symbol, up to its end in /proc/modules" },
	{ 0xffffffffc0b00300, "dtrace", "dtrace_state_go", 0xffffffffc0b00200,
	  "another module" },
	{ 0xffffffffc0a53010, NULL, NULL, 0, "past the end of ext4" },
	{ 0xffffffff82000010, NULL, NULL, 0,
	  "past the kernel's last symbol: nothing bounds it" },
	{ 0x12345, NULL, NULL, 0, "per-CPU offsets (type A) are no address" },
	{ 0x10, NULL, NULL, 0, "per-CPU offsets (type A) are no address" },
};

static const kexpect_t without_modules[] = {
	{ 0xffffffffc0a52100, "ext4", "ext4_init_fs", 0xffffffffc0a52100,
	  "a module's last symbol covers itself" },
	{ 0xffffffffc0a52180, NULL, NULL, 0,
	  "and no more without the module's extent" },
};

static void test_kallsyms(void)
{
	char err[512] = "";
	dt_ksyms_t *ks = dt_ksyms_read(FIXTURES "kallsyms", FIXTURES "modules",
				       err, sizeof(err));

	if (ks == NULL)
		UNIT_SETUP_FAILED(err);

	expect_ksyms(ks, with_modules,
		     sizeof(with_modules) / sizeof(with_modules[0]));
	dt_ksyms_free(ks);

	/* without module extents, a module's last symbol covers itself */
	ks = dt_ksyms_read(FIXTURES "kallsyms", NULL, err, sizeof(err));
	if (ks == NULL)
		UNIT_SETUP_FAILED(err);
	expect_ksyms(ks, without_modules,
		     sizeof(without_modules) / sizeof(without_modules[0]));
	dt_ksyms_free(ks);

	/* all addresses 0: what a reader without the right gets */
	ks = dt_ksyms_read(FIXTURES "kallsyms.hidden", NULL, err,
			   sizeof(err));
	CHECK(ks == NULL && strstr(err, "kptr_restrict") != NULL,
	      "hidden addresses: %s", ks ? "read" : err);
	dt_ksyms_free(ks);

	ks = dt_ksyms_read(FIXTURES "no-such-file", NULL, err, sizeof(err));
	CHECK(ks == NULL && strstr(err, "no-such-file") != NULL,
	      "missing file: %s", ks ? "read" : err);
	dt_ksyms_free(ks);
}

/* A function of this program, as ustack() would find one of its frames. */
__attribute__((noinline, used))
int unit_known_function(int x)
{
	return x * 3 + 1;
}

static int (*volatile known)(int) = unit_known_function;

static void test_own_symbols(void)
{
	uint64_t fn = (uint64_t)(uintptr_t)known;
	dt_usyms_t *us = dt_usyms_create("/proc");
	char *heap = malloc(64);
	dt_symbol_t s;
	int found;

	if (us == NULL || heap == NULL)
		UNIT_SETUP_FAILED("out of memory");
	CHECK(known(2) == 7, "the function runs");

	found = dt_usyms_lookup(us, getpid(), fn + 4, &s);
	CHECK(found == DT_SYM_FOUND, "own function: %d", found);
	if (found == DT_SYM_FOUND) {
		CHECK(strcmp(s.object, "test_symbols") == 0, "object %s",
		      s.object);
		CHECK(strcmp(s.name, "unit_known_function") == 0, "name %s",
		      s.name);
		CHECK(s.value == fn, "value 0x%llx, want 0x%llx",
		      (unsigned long long)s.value, (unsigned long long)fn);
		CHECK(s.base <= fn, "object base 0x%llx above 0x%llx",
		      (unsigned long long)s.base, (unsigned long long)fn);
	}
	found = dt_usyms_lookup(us, getpid(), fn, &s);
	CHECK(found == DT_SYM_FOUND && s.value == fn, "at its start");

	/* anonymous memory is in no object */
	found = dt_usyms_lookup(us, getpid(), (uint64_t)(uintptr_t)heap, &s);
	CHECK(found == DT_SYM_NONE, "heap: %d (%s)", found,
	      s.object ? s.object : "-");
	/* a process that does not exist (any more) has no symbols */
	found = dt_usyms_lookup(us, 0x7ffffff0, fn, &s);
	CHECK(found == DT_SYM_NONE, "no such process: %d", found);

	free(heap);
	dt_usyms_free(us);
}

static void test_elf_files(void)
{
	char err[512] = "";
	dt_elfsyms_t *es;
	uint64_t vaddr;

	es = dt_elfsyms_read("/proc/self/exe", err, sizeof(err));
	CHECK(es != NULL, "own executable: %s", err);
	if (es != NULL) {
		/* the ELF header is at offset 0 of the first segment */
		CHECK(dt_elfsyms_vaddr(es, 0, &vaddr) == 0,
		      "offset 0 is loaded");
		dt_elfsyms_free(es);
	}
	es = dt_elfsyms_read(FIXTURES "kallsyms", err, sizeof(err));
	CHECK(es == NULL && strstr(err, "not an ELF file") != NULL,
	      "text file: %s", es ? "read" : err);
	dt_elfsyms_free(es);
	es = dt_elfsyms_read("/no/such/file", err, sizeof(err));
	CHECK(es == NULL && strstr(err, "cannot open /no/such/file") != NULL,
	      "missing file: %s", es ? "read" : err);
	dt_elfsyms_free(es);
}

static int prefer(const char *a, int afunc, int abind, const char *b,
		  int bfunc, int bbind)
{
	dt_symname_t x = { 0x1000, a, (unsigned char)afunc,
			   (unsigned char)abind };
	dt_symname_t y = { 0x1000, b, (unsigned char)bfunc,
			   (unsigned char)bbind };

	return dt_symname_cmp(&x, &y);
}

static void test_names(void)
{
	dt_symname_t lo = { 0x1000, "z", 0, 2 }, hi = { 0x2000, "a", 1, 0 };

	/* libc's read has the aliases __read and __libc_read */
	CHECK(prefer("read", 1, 0, "__read", 1, 0) < 0, "read");
	CHECK(prefer("__libc_read", 1, 0, "read", 1, 1) > 0,
	      "read even when weak");
	CHECK(prefer("data", 0, 0, "func", 1, 0) > 0, "functions");
	CHECK(prefer("a", 1, 2, "b", 1, 0) > 0, "global first");
	CHECK(prefer("ab", 1, 0, "abc", 1, 0) < 0, "shorter");
	CHECK(prefer("ab", 1, 0, "ac", 1, 0) < 0, "spelling");
	CHECK(dt_symname_cmp(&lo, &hi) < 0, "addresses first");
}

int main(void)
{
	test_kallsyms();
	test_own_symbols();
	test_elf_files();
	test_names();
	return unit_summary();
}
