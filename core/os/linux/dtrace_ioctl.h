/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CORE_OS_LINUX_DTRACE_IOCTL_H
#define CORE_OS_LINUX_DTRACE_IOCTL_H

/*
 * The ioctl ABI of /dev/dtrace/dtrace, shared by the module
 * (core/os/linux/dtrace_dev.c) and libdtrace's kernel host
 * (user/dt_host_kernel.c).
 *
 * Every open of the device is one consumer: one dtrace_state in the core,
 * destroyed (tracing stopped, probes disabled, buffers freed) when the
 * file is closed, however the process ends.  Opening needs CAP_SYS_ADMIN.
 *
 * Every argument is a fixed-size struct; user addresses travel as __u64.
 * The calls mirror core/dtrace_core.h one to one.  An ioctl returns 0, or
 * -1 with errno set to the core's error; the argument struct is copied
 * back in both cases, so that a failing LOAD still delivers its message
 * and a too-small buffer still says how much is needed (ENOSPC).
 */
#include <linux/types.h>
#include <linux/ioctl.h>
#include "../../abi.h"

#define DTRACE_DEVICE		"/dev/dtrace/dtrace"
#define DTRACE_IOC_ABI		1	/* bumped on any change below */

/* INFO: what the library needs before anything else. */
#define DTRACE_IOC_DESCLEN	256
struct dtrace_ioc_info {
	__u32	abi;			/* DTRACE_IOC_ABI */
	__u32	ncpus;			/* CPU ids are 0 .. ncpus - 1 */
	char	describe[DTRACE_IOC_DESCLEN];	/* dtrace -V: lines */
};

/* LOAD: a DOF of at most DOF_MAXSIZE bytes (core/dof.h). */
struct dtrace_ioc_load {
	__u64		dof;		/* in: user address */
	__u64		size;		/* in: bytes */
	__u32		nmatched;	/* out: probes enabled */
	__u32		pad;
	dtc_loaderr_t	err;		/* out: why the core refused it */
};

/* GO, STOP: the CPU BEGIN (END) fired on. */
struct dtrace_ioc_cpu {
	__s32	cpu;			/* out */
	__u32	pad;
};

/*
 * BUFSNAP, AGGSNAP: switch one CPU's principal (aggregation) buffer and
 * copy the now inactive one out.  If 'bufsize' is too small the call
 * fails with ENOSPC and 'size' says how much is needed; the data is kept
 * until that CPU's next switch, so the caller retries with
 * DTRACE_SNAPF_AGAIN and a larger buffer: that copies the same snapshot
 * again without switching.
 */
#define DTRACE_SNAPF_AGAIN	0x1
struct dtrace_ioc_snap {
	__u32	cpu;			/* in */
	__u32	flags;			/* in: DTRACE_SNAPF_* */
	__u64	buf;			/* in: user address */
	__u64	bufsize;		/* in: bytes at buf */
	__u64	size;			/* out: bytes of the snapshot */
	__u64	drops;			/* out */
	__u64	errors;			/* out */
};

/*
 * EPDESC, AGGDESC: the dtc_epdesc_t of an epid, the dtc_aggdesc_t of an
 * aggregation variable, written at 'buf'.  ENOSPC: 'needed' bytes.
 */
#define DTRACE_IOC_DESCMAX	(1u << 20)
struct dtrace_ioc_desc {
	__u32	id;			/* in: epid or aggregation varid */
	__u32	pad;
	__u64	buf;			/* in: user address */
	__u64	bufsize;		/* in: bytes at buf */
	__u64	needed;			/* out: bytes of the description */
};

/*
 * PROBES: list the probes matching a description (globs; "" matches
 * anything; a non-zero id matches that probe only), 'bufcount' entries
 * at a time: the first 'skip' matches are passed over, the next ones
 * written at 'buf'.  'total' counts every match, so a caller pages with
 * skip += count until skip == total.
 */
#define DTRACE_IOC_PROBESMAX	1024	/* entries per call */
struct dtrace_ioc_probes {
	char	provider[DTRACE_PROVNAMELEN];	/* in */
	char	mod[DTRACE_MODNAMELEN];
	char	func[DTRACE_FUNCNAMELEN];
	char	name[DTRACE_NAMELEN];
	__u32	id;			/* in */
	__u32	skip;			/* in */
	__u64	buf;			/* in: dtc_probeinfo_t[bufcount] */
	__u32	bufcount;		/* in */
	__u32	count;			/* out: entries written */
	__u32	total;			/* out: matches in all */
	__u32	pad;
};

#define DTRACE_IOC_MAGIC	'D'
#define DTRACE_IOR(n, t)	_IOR(DTRACE_IOC_MAGIC, n, t)
#define DTRACE_IOWR(n, t)	_IOWR(DTRACE_IOC_MAGIC, n, t)

#define DTRACEIOC_INFO		DTRACE_IOR(1, struct dtrace_ioc_info)
#define DTRACEIOC_LOAD		DTRACE_IOWR(2, struct dtrace_ioc_load)
#define DTRACEIOC_GO		DTRACE_IOR(3, struct dtrace_ioc_cpu)
#define DTRACEIOC_STOP		DTRACE_IOR(4, struct dtrace_ioc_cpu)
#define DTRACEIOC_STATUS	DTRACE_IOR(5, dtc_status_t)
#define DTRACEIOC_BUFSNAP	DTRACE_IOWR(6, struct dtrace_ioc_snap)
#define DTRACEIOC_AGGSNAP	DTRACE_IOWR(7, struct dtrace_ioc_snap)
#define DTRACEIOC_EPDESC	DTRACE_IOWR(8, struct dtrace_ioc_desc)
#define DTRACEIOC_AGGDESC	DTRACE_IOWR(9, struct dtrace_ioc_desc)
#define DTRACEIOC_PROBES	DTRACE_IOWR(10, struct dtrace_ioc_probes)

#endif /* CORE_OS_LINUX_DTRACE_IOCTL_H */
