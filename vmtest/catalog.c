/*
 * The image catalog: one image a line, "NAME VERSION FLAVOUR SOURCE",
 * blank lines and '#' comments ignored (images/catalog documents the
 * fields).  Files read later add images; a NAME seen again is an error, so
 * a user entry never silently shadows a shipped one.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "vmtest.h"

/*
 * "6.1.0-56" -> 6 1 0 56, "6.12.117+deb12" -> 6 12 117, "2.6.18" -> 2 6 18:
 * digits separated by '.' or '-', stopping at anything else.  Returns the
 * number of parts, or -1 when the string does not start with a digit.
 */
int version_parse(const char *s, int *parts, int max)
{
	int n = 0;

	if (!isdigit((unsigned char)*s))
		return -1;
	while (n < max && isdigit((unsigned char)*s)) {
		parts[n++] = (int)strtol(s, (char **)&s, 10);
		if ((*s != '.' && *s != '-') || !isdigit((unsigned char)s[1]))
			break;
		s++;
	}
	return n;
}

/*
 * Compare a against b over b's parts only, so that 6.12.117 equals 6.12
 * and 6.1.0-56 is below 6.12: the comparison a range's ends need.
 */
int version_cmp_prefix(const int *a, int na, const int *b, int nb)
{
	for (int i = 0; i < nb; i++) {
		int x = i < na ? a[i] : 0;

		if (x != b[i])
			return x < b[i] ? -1 : 1;
	}
	return 0;
}

static char *user_field(const char *spec, const char *key)
{
	size_t klen = strlen(key);
	const char *p = spec;

	while (p && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (len > klen && !strncmp(p, key, klen) && p[klen] == '=')
			return strndup(p + klen + 1, len - klen - 1);
		p = end ? end + 1 : NULL;
	}
	return NULL;
}

static int parse_source(struct image *img, char *err, size_t errlen)
{
	if (!strncmp(img->source, "debian:", 7)) {
		img->kind = strcmp(img->flavour, "hypervisor") ?
			    IMAGE_KERNEL : IMAGE_XEN;
		return 0;
	}
	if (strncmp(img->source, "user:", 5)) {
		snprintf(err, errlen, "%s: source '%s' is neither "
			 "debian:PACKAGE nor user:kernel=...,modules=...",
			 img->name,
			 img->source);
		return -1;
	}
	img->user = true;
	img->kind = IMAGE_KERNEL;
	img->user_kernel = user_field(img->source + 5, "kernel");
	img->user_modules = user_field(img->source + 5, "modules");
	img->user_headers = user_field(img->source + 5, "headers");
	if (!img->user_kernel || !img->user_modules) {
		snprintf(err, errlen, "%s: a user entry needs kernel=BZIMAGE "
			 "and modules=DIR", img->name);
		return -1;
	}
	return 0;
}

static void image_free(struct image *img)
{
	free(img->name);
	free(img->version);
	free(img->flavour);
	free(img->source);
	free(img->user_kernel);
	free(img->user_modules);
	free(img->user_headers);
}

/* Returns 1 when the line added an image, 0 for blank/comment, -1 error. */
int catalog_add_line(struct catalog *cat, const char *line, char *err,
		     size_t errlen)
{
	char f[4][1024], extra[2];
	struct image img = { 0 };
	int n;

	while (isspace((unsigned char)*line))
		line++;
	if (!*line || *line == '#')
		return 0;
	n = sscanf(line, "%1023s %1023s %1023s %1023s %1s", f[0], f[1], f[2],
		   f[3], extra);
	if (n != 4) {
		snprintf(err, errlen, "expected 4 fields (NAME VERSION FLAVOUR "
			 "SOURCE), found %d", n < 0 ? 0 : n);
		return -1;
	}
	for (size_t i = 0; i < cat->n; i++) {
		if (!strcmp(cat->images[i].name, f[0])) {
			snprintf(err, errlen, "'%s' is already in the catalog",
				 f[0]);
			return -1;
		}
	}
	img.nver = version_parse(f[1], img.ver, VERSION_MAX_PARTS);
	if (img.nver < 1) {
		snprintf(err, errlen, "version '%s' does not start with a "
			 "number", f[1]);
		return -1;
	}
	img.name = strdup(f[0]);
	img.version = strdup(f[1]);
	img.flavour = strdup(f[2]);
	img.source = strdup(f[3]);
	if (parse_source(&img, err, errlen)) {
		image_free(&img);
		return -1;
	}
	struct image *v = realloc(cat->images, (cat->n + 1) * sizeof(*v));

	if (!v) {
		snprintf(err, errlen, "out of memory");
		image_free(&img);
		return -1;
	}
	cat->images = v;
	cat->images[cat->n++] = img;
	return 1;
}

/* Missing files are not an error (catalog.local is optional). */
int catalog_load_file(struct catalog *cat, const char *path, FILE *errf)
{
	char line[4096], err[512];
	int lineno = 0, bad = 0;
	FILE *f = fopen(path, "r");

	if (!f)
		return errno == ENOENT ? 0 : -1;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\n")] = 0;
		if (catalog_add_line(cat, line, err, sizeof(err)) < 0) {
			fprintf(errf, "vmtest: %s:%d: %s\n", path, lineno, err);
			bad = 1;
		}
	}
	fclose(f);
	return bad ? -1 : 0;
}

const struct image *catalog_xen(const struct catalog *cat)
{
	for (size_t i = 0; i < cat->n; i++)
		if (cat->images[i].kind == IMAGE_XEN)
			return &cat->images[i];
	return NULL;
}

void catalog_free(struct catalog *cat)
{
	for (size_t i = 0; i < cat->n; i++)
		image_free(&cat->images[i]);
	free(cat->images);
	cat->images = NULL;
	cat->n = 0;
}
