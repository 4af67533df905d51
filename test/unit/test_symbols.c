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

static int lookup_k(const dt_ksyms_t *ks, uint64_t addr, dt_symbol_t *s)
{
	return dt_ksyms_lookup(ks, addr, s);
}

static void expect_ksym(const dt_ksyms_t *ks, uint64_t addr,
			const char *object, const char *name, uint64_t value)
{
	dt_symbol_t s;
	int found = lookup_k(ks, addr, &s);

	CHECK(found == DT_SYM_FOUND, "0x%llx: no symbol (%d)",
	      (unsigned long long)addr, found);
	if (found != DT_SYM_FOUND)
		return;
	CHECK(strcmp(s.object, object) == 0 && strcmp(s.name, name) == 0 &&
	      s.value == value, "0x%llx: %s`%s at 0x%llx, want %s`%s at "
	      "0x%llx", (unsigned long long)addr, s.object, s.name,
	      (unsigned long long)s.value, object, name,
	      (unsigned long long)value);
}

static void expect_knone(const dt_ksyms_t *ks, uint64_t addr)
{
	dt_symbol_t s;
	int found = lookup_k(ks, addr, &s);

	CHECK(found == DT_SYM_NONE, "0x%llx: found %s`%s, want nothing",
	      (unsigned long long)addr, s.object ? s.object : "-",
	      s.name ? s.name : "-");
}

static void test_kallsyms(void)
{
	char err[512] = "";
	dt_ksyms_t *ks = dt_ksyms_read(FIXTURES "kallsyms", FIXTURES "modules",
				       err, sizeof(err));

	if (ks == NULL)
		UNIT_SETUP_FAILED(err);

	/* aliases: the public name wins (startup_64, not _text/_stext) */
	expect_ksym(ks, 0xffffffff81000010ULL, "vmlinux", "startup_64",
		    0xffffffff81000000ULL);
	expect_ksym(ks, 0xffffffff81000000ULL, "vmlinux", "startup_64",
		    0xffffffff81000000ULL);
	/* global before local at one address */
	expect_ksym(ks, 0xffffffff81234580ULL, "vmlinux", "vfs_read",
		    0xffffffff81234560ULL);
	expect_ksym(ks, 0xffffffff81234700ULL, "vmlinux", "arch_vfs_hook",
		    0xffffffff81234700ULL);
	expect_ksym(ks, 0xffffffff81234900ULL, "vmlinux", "rw_verify_area",
		    0xffffffff81234800ULL);
	/* modules: their own name, up to the end /proc/modules gives */
	expect_ksym(ks, 0xffffffffc0a52010ULL, "ext4", "ext4_file_read_iter",
		    0xffffffffc0a52000ULL);
	expect_ksym(ks, 0xffffffffc0a52f00ULL, "ext4", "ext4_init_fs",
		    0xffffffffc0a52100ULL);
	expect_ksym(ks, 0xffffffffc0b00300ULL, "dtrace", "dtrace_state_go",
		    0xffffffffc0b00200ULL);
	expect_knone(ks, 0xffffffffc0a53010ULL);	/* past ext4 */
	/* past the last symbol of the kernel: nothing bounds it */
	expect_knone(ks, 0xffffffff82000010ULL);
	/* per-CPU offsets (type A) are not addresses */
	expect_knone(ks, 0x12345ULL);
	expect_knone(ks, 0x10ULL);
	dt_ksyms_free(ks);

	/* without module extents, a module's last symbol covers itself */
	ks = dt_ksyms_read(FIXTURES "kallsyms", NULL, err, sizeof(err));
	if (ks == NULL)
		UNIT_SETUP_FAILED(err);
	expect_ksym(ks, 0xffffffffc0a52100ULL, "ext4", "ext4_init_fs",
		    0xffffffffc0a52100ULL);
	expect_knone(ks, 0xffffffffc0a52180ULL);
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

static void test_prefer(void)
{
	/* libc's read has the aliases __read and __libc_read */
	CHECK(dt_sym_prefer("read", 1, 0, "__read", 1, 0) < 0, "read");
	CHECK(dt_sym_prefer("__libc_read", 1, 0, "read", 1, 1) > 0,
	      "read even when weak");
	CHECK(dt_sym_prefer("data", 0, 0, "func", 1, 0) > 0, "functions");
	CHECK(dt_sym_prefer("a", 1, 2, "b", 1, 0) > 0, "global first");
	CHECK(dt_sym_prefer("ab", 1, 0, "abc", 1, 0) < 0, "shorter");
	CHECK(dt_sym_prefer("ab", 1, 0, "ac", 1, 0) < 0, "spelling");
}

int main(void)
{
	test_kallsyms();
	test_own_symbols();
	test_elf_files();
	test_prefer();
	return unit_summary();
}
