/*
 * Where images live on the host.  images/fetch owns the cache layout
 * (its header comment); this file only asks it to fill the cache and
 * knows where it puts a kernel, its initramfs and the hypervisor.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vmtest.h"

const char *cache_dir(void)
{
	static char dir[4096];
	const char *env = getenv("VMTEST_CACHE");
	const char *xdg = getenv("XDG_CACHE_HOME");
	const char *home = getenv("HOME");

	if (env && *env)
		snprintf(dir, sizeof(dir), "%s", env);
	else if (xdg && *xdg)
		snprintf(dir, sizeof(dir), "%s/vtrace-images", xdg);
	else
		snprintf(dir, sizeof(dir), "%s/.cache/vtrace-images",
			 home ? home : "/tmp");
	return dir;
}

static void image_dir(const struct image *img, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s/%s", cache_dir(),
		 img->kind == IMAGE_XEN ? "xen" : "kernels", img->name);
}

bool image_cached(const struct image *img)
{
	char path[4200];

	image_dir(img, path, sizeof(path) - 8);
	strcat(path, "/ready");
	return access(path, F_OK) == 0;
}

/* kernel: the bzImage (or Xen's ELF); initrd: "" for the hypervisor. */
void image_paths(const struct image *img, char *kernel, char *initrd,
		 size_t len)
{
	char dir[4096];

	image_dir(img, dir, sizeof(dir));
	if (img->kind == IMAGE_XEN) {
		snprintf(kernel, len, "%s/xen", dir);
		*initrd = 0;
		return;
	}
	snprintf(kernel, len, "%s/vmlinuz", dir);
	snprintf(initrd, len, "%s/initramfs.cpio.gz", dir);
}

/*
 * A kernel that lacks what the guest needs to reach the host (virtio PCI
 * and console, 9p over virtio) cannot run a plan: images/mkinitramfs
 * lists such modules in initramfs.cpio.gz.missing.  Returns true with the
 * missing names in why.
 */
bool image_lacks_host_access(const struct image *img, char *why, size_t len)
{
	static const char *const needed[] = {
		"virtio_pci", "virtio_console", "9pnet_virtio", "9p",
	};
	char kernel[4096], initrd[4096], path[4200], *missing, *line, *save;
	size_t used = 0;

	*why = 0;
	image_paths(img, kernel, initrd, sizeof(kernel));
	snprintf(path, sizeof(path), "%s.missing", initrd);
	missing = read_file(path, NULL);
	if (!missing)
		return false;
	for (line = strtok_r(missing, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		for (size_t i = 0; i < sizeof(needed) / sizeof(*needed); i++)
			if (!strcmp(line, needed[i]) && used + 1 < len)
				used += snprintf(why + used, len - used, "%s%s",
						 used ? " " : "", line);
	}
	free(missing);
	return *why != 0;
}

/* Runs images/fetch; its progress goes to our stderr. */
int image_fetch(const struct image *img, const char *images_dir)
{
	char script[4200];
	int status;
	pid_t pid;

	snprintf(script, sizeof(script), "%s/fetch", images_dir);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		dup2(2, 1);
		execl(script, script, img->name, img->source, (char *)NULL);
		fprintf(stderr, "vmtest: cannot run %s: %s\n", script,
			strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

/* KDIR for `make module`, from `images/fetch --headers`; NULL on failure. */
char *image_headers_dir(const struct image *img, const char *images_dir)
{
	char cmd[8400], line[4096];
	FILE *p;
	char *dir = NULL;

	/* fetch prints KDIR on stdout; apt's progress goes to stderr. */
	snprintf(cmd, sizeof(cmd), "'%s/fetch' --headers '%s' '%s'",
		 images_dir, img->name, img->source);
	p = popen(cmd, "r");
	if (!p)
		return NULL;
	if (fgets(line, sizeof(line), p)) {
		line[strcspn(line, "\n")] = 0;
		if (*line)
			dir = strdup(line);
	}
	if (pclose(p) != 0) {
		free(dir);
		return NULL;
	}
	return dir;
}

char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0, r;

	if (!f)
		return NULL;
	do {
		if (n + 65536 + 1 > cap) {
			char *nb = realloc(buf, cap = (n + 65536) * 2 + 1);

			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		r = fread(buf + n, 1, cap - n - 1, f);
		n += r;
	} while (r > 0);
	fclose(f);
	buf[n] = 0;
	if (len)
		*len = n;
	return buf;
}

int write_file(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f)
		return -1;
	if (fwrite(data, 1, len, f) != len) {
		fclose(f);
		return -1;
	}
	return fclose(f);
}

int mkdir_p(const char *path)
{
	char buf[4096];

	snprintf(buf, sizeof(buf), "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		if (mkdir(buf, 0755) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, 0755) && errno != EEXIST ? -1 : 0;
}
