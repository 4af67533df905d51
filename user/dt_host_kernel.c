// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel host: libdtrace drives the core inside dtrace.ko through the
 * ioctls of core/os/linux/dtrace_ioctl.h on /dev/dtrace/dtrace.  One open
 * file is one consumer state in the module; closing it (dt_host_close,
 * or the process dying) stops tracing and disables every probe.
 *
 * Snapshots are copied into buffers this host keeps per kind (principal,
 * aggregation) and grows on demand: the module says how much a snapshot
 * needs when the buffer is too small and keeps that snapshot for a second
 * try, so nothing is lost by guessing small.
 */
#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

#include "dt_host.h"
#include "../core/os/linux/dtrace_ioctl.h"

#define DT_KSNAP_INITIAL	(256u << 10)
#define DT_KDESC_INITIAL	4096u
#define DT_KPROBES_PAGE		16384u	/* 6 MiB: fbt lists in a few calls */

enum { DT_KSNAP_PRINCIPAL, DT_KSNAP_AGGREGATION };

typedef struct dt_host_kernel {
	int		fd;
	int		ncpus;
	char		describe[DTRACE_IOC_DESCLEN];
	void		*snap[2];	/* principal, aggregation */
	size_t		snapcap[2];
} dt_host_kernel_t;

static int dt_kset(dt_host_t *h, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int dt_kset(dt_host_t *h, int err, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(h->errmsg, sizeof(h->errmsg), fmt, ap);
	va_end(ap);
	return err;
}

/* Fails with a message naming the call; returns errno. */
static int dt_kioctl(dt_host_t *h, unsigned long cmd, void *arg,
		     const char *what)
{
	dt_host_kernel_t *k = h->priv;

	if (ioctl(k->fd, cmd, arg) == 0)
		return 0;
	return dt_kset(h, errno, "%s: %s", what, strerror(errno));
}

static int dt_kopen_failed(dt_host_t *h, int err)
{
	switch (err) {
	case ENOENT:
	case ENODEV:
	case ENXIO:
		return dt_kset(h, err, "cannot open " DTRACE_DEVICE ": %s: "
			"load the dtrace module (make module KDIR=/usr/src/"
			"linux-headers-$(uname -r); insmod build/module/"
			"$(uname -r)/dtrace.ko), or trace inside a guest with "
			"'vmtest shell', or use -x host=user for scripts that "
			"need only BEGIN, END, ERROR, tick and profile",
			strerror(err));
	case EACCES:
	case EPERM:
		return dt_kset(h, err, "cannot open " DTRACE_DEVICE ": %s: "
			"tracing the kernel needs root (CAP_SYS_ADMIN)",
			strerror(err));
	case EBUSY:
		return dt_kset(h, err, "cannot open " DTRACE_DEVICE ": %s: "
			"the dtrace module is being unloaded; load it again",
			strerror(err));
	default:
		return dt_kset(h, err, "cannot open " DTRACE_DEVICE ": %s",
			       strerror(err));
	}
}

static void dt_kfree(dt_host_kernel_t *k)
{
	free(k->snap[0]);
	free(k->snap[1]);
	free(k);
}

static int dt_kernel_open(dt_host_t *h)
{
	struct dtrace_ioc_info info;
	dt_host_kernel_t *k;
	int err;

	k = calloc(1, sizeof(*k));
	if (k == NULL)
		return dt_kset(h, ENOMEM, "out of memory");
	k->fd = open(DTRACE_DEVICE, O_RDWR | O_CLOEXEC);
	if (k->fd < 0) {
		err = errno;
		free(k);
		return dt_kopen_failed(h, err);
	}
	h->priv = k;
	memset(&info, 0, sizeof(info));
	err = dt_kioctl(h, DTRACEIOC_INFO, &info, "cannot query the dtrace "
			"module");
	if (err == 0 && info.abi != DTRACE_IOC_ABI)
		err = dt_kset(h, EPROTO, "the dtrace module speaks ioctl ABI "
			      "%u, this dtrace ABI %u: build and load the module "
			      "from the same tree as dtrace", info.abi,
			      DTRACE_IOC_ABI);
	if (err != 0) {
		close(k->fd);
		dt_kfree(k);
		h->priv = NULL;
		return err;
	}
	k->ncpus = (int)info.ncpus;
	memcpy(k->describe, info.describe, sizeof(k->describe));
	k->describe[sizeof(k->describe) - 1] = '\0';
	return 0;
}

static void dt_kernel_close(dt_host_t *h)
{
	dt_host_kernel_t *k = h->priv;

	if (k == NULL)
		return;
	close(k->fd);
	dt_kfree(k);
	h->priv = NULL;
}

static int dt_kernel_ncpus(dt_host_t *h)
{
	dt_host_kernel_t *k = h->priv;

	return k->ncpus;
}

static int dt_kernel_load(dt_host_t *h, const void *dof, size_t size,
			  unsigned int *nmatched, dtc_loaderr_t *err)
{
	dt_host_kernel_t *k = h->priv;
	struct dtrace_ioc_load arg;
	int e;

	memset(&arg, 0, sizeof(arg));
	arg.dof = (uintptr_t)dof;
	arg.size = size;
	if (ioctl(k->fd, DTRACEIOC_LOAD, &arg) == 0) {
		*nmatched = arg.nmatched;
		return 0;
	}
	e = errno;
	if (arg.err.msg[0] != '\0') {
		*err = arg.err;
		err->msg[sizeof(err->msg) - 1] = '\0';
		return dt_kset(h, e, "%s", err->msg);
	}
	memset(err, 0, sizeof(*err));
	err->code = e;
	err->section = ~0u;
	snprintf(err->msg, sizeof(err->msg), "the dtrace module refused the "
		 "program: %s", strerror(e));
	return dt_kset(h, e, "%s", err->msg);
}

static int dt_kernel_go(dt_host_t *h, int *cpu)
{
	struct dtrace_ioc_cpu arg;
	int err;

	memset(&arg, 0, sizeof(arg));
	err = dt_kioctl(h, DTRACEIOC_GO, &arg, "cannot start tracing");
	if (err == 0)
		*cpu = arg.cpu;
	return err;
}

static int dt_kernel_stop(dt_host_t *h, int *cpu)
{
	struct dtrace_ioc_cpu arg;
	int err;

	memset(&arg, 0, sizeof(arg));
	err = dt_kioctl(h, DTRACEIOC_STOP, &arg, "cannot stop tracing");
	if (err == 0)
		*cpu = arg.cpu;
	return err;
}

static int dt_kernel_status(dt_host_t *h, dtc_status_t *st)
{
	memset(st, 0, sizeof(*st));
	return dt_kioctl(h, DTRACEIOC_STATUS, st, "cannot read the status");
}

static int dt_kgrow(dt_host_t *h, int kind, size_t need)
{
	dt_host_kernel_t *k = h->priv;
	void *p;

	if (need <= k->snapcap[kind])
		return 0;
	p = realloc(k->snap[kind], need);
	if (p == NULL)
		return dt_kset(h, ENOMEM, "out of memory for a %zu-byte "
			       "buffer snapshot", need);
	k->snap[kind] = p;
	k->snapcap[kind] = need;
	return 0;
}

/* Switch a CPU's buffer and copy it out, growing our copy if needed. */
static int dt_ksnap(dt_host_t *h, int kind, int cpu, const void **data,
		    size_t *size, uint64_t *drops)
{
	dt_host_kernel_t *k = h->priv;
	unsigned long cmd = kind == DT_KSNAP_PRINCIPAL ? DTRACEIOC_BUFSNAP :
							 DTRACEIOC_AGGSNAP;
	const char *what = kind == DT_KSNAP_PRINCIPAL ? "principal" :
							"aggregation";
	struct dtrace_ioc_snap arg;
	int err;

	err = dt_kgrow(h, kind, DT_KSNAP_INITIAL);
	memset(&arg, 0, sizeof(arg));
	arg.cpu = (unsigned int)cpu;
	for (;;) {
		if (err != 0)
			return err;
		arg.buf = (uintptr_t)k->snap[kind];
		arg.bufsize = k->snapcap[kind];
		if (ioctl(k->fd, cmd, &arg) == 0)
			break;
		if (errno != ENOSPC)
			return dt_kset(h, errno, "cannot read the %s buffer "
				       "of CPU %d: %s", what, cpu,
				       strerror(errno));
		err = dt_kgrow(h, kind, arg.size);
		arg.flags = DTRACE_SNAPF_AGAIN;
	}
	*data = k->snap[kind];
	*size = arg.size;
	*drops = arg.drops;
	return 0;
}

static int dt_kernel_buf_snapshot(dt_host_t *h, int cpu, const void **data,
				  size_t *size, uint64_t *drops)
{
	return dt_ksnap(h, DT_KSNAP_PRINCIPAL, cpu, data, size, drops);
}

static int dt_kernel_agg_snapshot(dt_host_t *h, int cpu, const void **data,
				  size_t *size, uint64_t *drops)
{
	return dt_ksnap(h, DT_KSNAP_AGGREGATION, cpu, data, size, drops);
}

/* A description in a malloc'd buffer, sized by the module's answer. */
static int dt_kdesc(dt_host_t *h, unsigned long cmd, unsigned int id,
		    void **descp, const char *what)
{
	dt_host_kernel_t *k = h->priv;
	struct dtrace_ioc_desc arg;
	size_t cap = DT_KDESC_INITIAL;
	void *buf = NULL;

	for (;;) {
		void *p = realloc(buf, cap);

		if (p == NULL) {
			free(buf);
			return dt_kset(h, ENOMEM, "out of memory");
		}
		buf = p;
		memset(&arg, 0, sizeof(arg));
		arg.id = id;
		arg.buf = (uintptr_t)buf;
		arg.bufsize = cap;
		if (ioctl(k->fd, cmd, &arg) == 0)
			break;
		if (errno != ENOSPC || arg.needed <= cap) {
			int err = errno;

			free(buf);
			return dt_kset(h, err, "cannot describe %s %u: %s",
				       what, id, strerror(err));
		}
		cap = arg.needed;
	}
	*descp = buf;
	return 0;
}

static int dt_kernel_epdesc(dt_host_t *h, unsigned int epid,
			    dtc_epdesc_t **descp)
{
	return dt_kdesc(h, DTRACEIOC_EPDESC, epid, (void **)descp,
			"enabled probe");
}

static int dt_kernel_aggdesc(dt_host_t *h, unsigned int varid,
			     dtc_aggdesc_t **descp)
{
	return dt_kdesc(h, DTRACEIOC_AGGDESC, varid, (void **)descp,
			"aggregation");
}

static void dt_kpart(char *dst, size_t size, const char *src)
{
	snprintf(dst, size, "%s", src != NULL ? src : "");
}

/*
 * Page through the matches DT_KPROBES_PAGE at a time.  fn returning
 * non-zero stops the walk; that value is returned.
 */
static int dt_kernel_probe_iter(dt_host_t *h, const char *prov,
				const char *mod, const char *func,
				const char *name,
				int (*fn)(const dtc_probeinfo_t *, void *),
				void *fnarg)
{
	dt_host_kernel_t *k = h->priv;
	struct dtrace_ioc_probes arg;
	dtc_probeinfo_t *page;
	unsigned int i;
	int rv = 0;

	page = calloc(DT_KPROBES_PAGE, sizeof(*page));
	if (page == NULL)
		return dt_kset(h, ENOMEM, "out of memory");
	memset(&arg, 0, sizeof(arg));
	dt_kpart(arg.provider, sizeof(arg.provider), prov);
	dt_kpart(arg.mod, sizeof(arg.mod), mod);
	dt_kpart(arg.func, sizeof(arg.func), func);
	dt_kpart(arg.name, sizeof(arg.name), name);
	arg.buf = (uintptr_t)page;
	arg.bufcount = DT_KPROBES_PAGE;
	do {
		if (ioctl(k->fd, DTRACEIOC_PROBES, &arg) != 0) {
			rv = dt_kset(h, errno, "cannot list probes: %s",
				     strerror(errno));
			break;
		}
		for (i = 0; i < arg.count && rv == 0; i++)
			rv = fn(&page[i], fnarg);
		arg.skip += arg.count;
	} while (rv == 0 && arg.count != 0 && arg.skip < arg.total);
	free(page);
	return rv;
}

static int dt_kernel_probe_argdesc(dt_host_t *h, dtc_argdesc_t *desc)
{
	return dt_kioctl(h, DTRACEIOC_ARGDESC, desc, "cannot describe a "
			 "probe argument");
}

static const char *dt_kernel_describe(dt_host_t *h)
{
	dt_host_kernel_t *k = h->priv;

	return k != NULL ? k->describe : "kernel (not open)";
}

const dt_host_ops_t dt_host_kernel_ops = {
	.name		= "kernel",
	.open		= dt_kernel_open,
	.close		= dt_kernel_close,
	.ncpus		= dt_kernel_ncpus,
	.load		= dt_kernel_load,
	.go		= dt_kernel_go,
	.stop		= dt_kernel_stop,
	.status		= dt_kernel_status,
	.buf_snapshot	= dt_kernel_buf_snapshot,
	.agg_snapshot	= dt_kernel_agg_snapshot,
	.epdesc		= dt_kernel_epdesc,
	.aggdesc	= dt_kernel_aggdesc,
	.probe_iter	= dt_kernel_probe_iter,
	.probe_argdesc	= dt_kernel_probe_argdesc,
	.describe	= dt_kernel_describe,
};
