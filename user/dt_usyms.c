// SPDX-License-Identifier: GPL-2.0
/*
 * Symbols of processes: what a user address of process PID is.
 *
 * A process's mappings come from /proc/PID/maps,
 *
 *	55d0c6a1e000-55d0c6a20000 r-xp 00002000 08:01 1234  /usr/bin/cat
 *
 * and the symbols of a file-backed mapping from the file's ELF symbol
 * table (dt_elfsyms.c), each file read once for all the processes that
 * map it.  A run-time address becomes a link-time one by the load bias of
 * its mapping: the mapping's start less the link-time address of its
 * file offset (0 for a fixed-address executable; where the loader put a
 * PIE or a shared object otherwise).  The object is the file's base name
 * ("libc.so.6"), as DTrace prints it.
 *
 * WHEN THE MAPPINGS ARE READ.  A process's mappings are read the first
 * time one of its addresses is looked up, or earlier when the consumer
 * grabs the process (dt_usyms_grab) as soon as a record of it arrives:
 * the consumer reads buffers often, so that is normally while the process
 * still runs.  A process that has exited before then has no
 * /proc/PID/maps left, and its addresses print in hex, as DTrace prints
 * them when it cannot grab a process.  Mappings added later (dlopen) are
 * found by reading the maps again when an address falls in none of the
 * known mappings, at most once a second per process.  An exec() replaces
 * every mapping under the same pid; addresses recorded before it and
 * printed after it may be named from the new image.
 *
 * A mapped file that cannot be opened under its path (a deleted file,
 * another mount namespace) is opened through /proc/PID/map_files when
 * that is allowed (root); failing both, its addresses keep the object's
 * name but no symbol.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dt_sym.h"

#define DT_MAPS_REREAD_NS	1000000000ULL

typedef struct dt_ufile {
	char		*path;
	const char	*object;	/* base name, inside path */
	dt_elfsyms_t	*elf;		/* NULL until read, or unreadable */
	int		tried;		/* the ELF file was read (or failed) */
	struct dt_ufile	*next;
} dt_ufile_t;

typedef struct dt_umap {
	uint64_t	start, end;
	uint64_t	offset;		/* file offset of start */
	dt_ufile_t	*file;
} dt_umap_t;

typedef struct dt_uproc {
	int		pid;
	dt_umap_t	*maps;
	size_t		nmaps;
	uint64_t	read_ns;	/* when the maps were read */
	struct dt_uproc	*next;
} dt_uproc_t;

struct dt_usyms {
	char		*procfs;
	dt_uproc_t	*procs;
	dt_ufile_t	*files;
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

dt_usyms_t *dt_usyms_create(const char *procfs)
{
	dt_usyms_t *us = calloc(1, sizeof(*us));

	if (us == NULL)
		return NULL;
	us->procfs = strdup(procfs);
	if (us->procfs == NULL) {
		free(us);
		return NULL;
	}
	return us;
}

void dt_usyms_free(dt_usyms_t *us)
{
	dt_uproc_t *p, *pn;
	dt_ufile_t *f, *fn;

	if (us == NULL)
		return;
	for (p = us->procs; p != NULL; p = pn) {
		pn = p->next;
		free(p->maps);
		free(p);
	}
	for (f = us->files; f != NULL; f = fn) {
		fn = f->next;
		dt_elfsyms_free(f->elf);
		free(f->path);
		free(f);
	}
	free(us->procfs);
	free(us);
}

static dt_ufile_t *file_of(dt_usyms_t *us, const char *path)
{
	const char *slash;
	dt_ufile_t *f;

	for (f = us->files; f != NULL; f = f->next)
		if (strcmp(f->path, path) == 0)
			return f;
	f = calloc(1, sizeof(*f));
	if (f == NULL || (f->path = strdup(path)) == NULL) {
		free(f);
		return NULL;
	}
	slash = strrchr(f->path, '/');
	f->object = slash != NULL ? slash + 1 : f->path;
	f->next = us->files;
	us->files = f;
	return f;
}

/* "start-end perms offset dev inode path"; 0 when it maps a file. */
static int parse_map(char *line, dt_umap_t *m, char **path)
{
	unsigned long long start, end, off;
	char *p, *nl;
	int pos = 0;

	if (sscanf(line, "%llx-%llx %*s %llx %*s %*s %n", &start, &end, &off,
		   &pos) != 3 || pos == 0)
		return -1;
	p = line + pos;
	nl = strchr(p, '\n');
	if (nl != NULL)
		*nl = '\0';
	if (*p != '/')
		return -1;	/* anonymous, [heap], [stack], [vdso] */
	nl = strstr(p, " (deleted)");
	if (nl != NULL && nl[10] == '\0')
		*nl = '\0';
	m->start = start;
	m->end = end;
	m->offset = off;
	*path = p;
	return 0;
}

/* (Re)read the mappings of p; on failure the old ones stay. */
static void read_maps(dt_usyms_t *us, dt_uproc_t *p)
{
	char fname[64 + 4096], line[4096 + 256], *path;
	dt_umap_t *maps = NULL, m, *v;
	size_t n = 0, cap = 0;
	FILE *f;

	p->read_ns = now_ns();
	snprintf(fname, sizeof(fname), "%s/%d/maps", us->procfs, p->pid);
	f = fopen(fname, "r");
	if (f == NULL)
		return;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (parse_map(line, &m, &path) != 0)
			continue;
		m.file = file_of(us, path);
		if (m.file == NULL)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			v = realloc(maps, cap * sizeof(*v));
			if (v == NULL)
				break;
			maps = v;
		}
		maps[n++] = m;
	}
	fclose(f);
	if (n == 0) {
		free(maps);
		return;
	}
	free(p->maps);
	p->maps = maps;
	p->nmaps = n;
}

static dt_uproc_t *proc_of(dt_usyms_t *us, int pid)
{
	dt_uproc_t *p;

	for (p = us->procs; p != NULL; p = p->next)
		if (p->pid == pid)
			return p;
	p = calloc(1, sizeof(*p));
	if (p == NULL)
		return NULL;
	p->pid = pid;
	p->next = us->procs;
	us->procs = p;
	read_maps(us, p);
	return p;
}

void dt_usyms_grab(dt_usyms_t *us, int pid)
{
	proc_of(us, pid);
}

static const dt_umap_t *map_at(const dt_uproc_t *p, uint64_t addr)
{
	size_t i;

	for (i = 0; i < p->nmaps; i++)
		if (addr >= p->maps[i].start && addr < p->maps[i].end)
			return &p->maps[i];
	return NULL;
}

/* The file's symbols, read the first time they are needed. */
static const dt_elfsyms_t *file_syms(dt_usyms_t *us, const dt_uproc_t *p,
				     const dt_umap_t *m)
{
	dt_ufile_t *f = m->file;
	char err[256], alt[128];

	if (!f->tried) {
		f->tried = 1;
		f->elf = dt_elfsyms_read(f->path, err, sizeof(err));
		if (f->elf == NULL) {
			snprintf(alt, sizeof(alt), "%s/%d/map_files/%llx-%llx",
				 us->procfs, p->pid,
				 (unsigned long long)m->start,
				 (unsigned long long)m->end);
			f->elf = dt_elfsyms_read(alt, err, sizeof(err));
		}
	}
	return f->elf;
}

/* The lowest address at which p maps the file of m. */
static uint64_t file_base(const dt_uproc_t *p, const dt_umap_t *m)
{
	uint64_t base = m->start;
	size_t i;

	for (i = 0; i < p->nmaps; i++)
		if (p->maps[i].file == m->file && p->maps[i].start < base)
			base = p->maps[i].start;
	return base;
}

int dt_usyms_lookup(dt_usyms_t *us, int pid, uint64_t addr,
		    dt_symbol_t *sym)
{
	const dt_elfsyms_t *es;
	const dt_umap_t *m;
	dt_uproc_t *p;
	uint64_t vaddr, value;
	const char *name;

	memset(sym, 0, sizeof(*sym));
	p = proc_of(us, pid);
	if (p == NULL)
		return DT_SYM_NONE;
	m = map_at(p, addr);
	if (m == NULL && now_ns() - p->read_ns >= DT_MAPS_REREAD_NS) {
		read_maps(us, p);
		m = map_at(p, addr);
	}
	if (m == NULL)
		return DT_SYM_NONE;
	sym->object = m->file->object;
	sym->base = file_base(p, m);
	es = file_syms(us, p, m);
	if (es == NULL || dt_elfsyms_vaddr(es, m->offset, &vaddr) != 0)
		return DT_SYM_OBJECT;
	/* link-time address = addr - bias, bias = start - vaddr */
	name = dt_elfsyms_lookup(es, addr - m->start + vaddr, &value);
	if (name == NULL)
		return DT_SYM_OBJECT;
	sym->name = name;
	sym->value = value + m->start - vaddr;
	return DT_SYM_FOUND;
}
