// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/dtrace/dtrace: the character device consumers talk to.
 *
 * One open file is one consumer: open creates a dtrace_state, the ioctls
 * of dtrace_ioctl.h drive it, and release destroys it, which stops
 * tracing and disables every probe it enabled.  Release runs however the
 * file goes away (close, exit, kill -9), so a consumer cannot leave probes
 * behind.  The file_operations are owned by THIS_MODULE: the module
 * cannot be unloaded while a file is open, and since every enabled probe
 * belongs to an open file's state, not while a probe is enabled.
 *
 * Everything that comes from user space is hostile: every ioctl copies a
 * fixed-size argument, checks its sizes, CPU numbers and counts against
 * hard caps before allocating, and passes user addresses only to
 * copy_{from,to}_user.  A DOF is copied whole (at most DOF_MAXSIZE bytes)
 * and then validated completely by dtrace_state_load.
 *
 * A file's ioctls are serialised by its own mutex (two threads of one
 * consumer may call at once); the core serialises consumers among
 * themselves.  There is no compat_ioctl: on i386 the 64-bit fields of
 * these structs are aligned differently, so 32-bit consumers are refused
 * (ENOTTY) rather than misread.
 */
#include <linux/module.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/uaccess.h>
#include <linux/capability.h>
#include <linux/utsname.h>
#include <linux/string.h>

#include "../../dtrace_core.h"
#include "../../../hv/hv.h"
#include "dtrace_ioctl.h"
#include "dtrace_mod.h"

struct dtrace_file {
	struct mutex	lock;
	dtrace_state_t	*state;
	/* The last snapshot of each CPU, for DTRACE_SNAPF_AGAIN. */
	dtrace_bufdesc_t *snap[2];	/* principal, aggregation */
	bool		*snap_valid[2];
};

enum { DTRACE_SNAP_PRINCIPAL, DTRACE_SNAP_AGGREGATION };

/* ---- open and release ------------------------------------------------ */

/*
 * A file's memory goes through the module's account (os_linux_mem.c), so
 * that a release that forgot something shows there.
 */
static void dtrace_file_free(struct dtrace_file *f)
{
	int k;

	for (k = 0; k < 2; k++) {
		os_free(f->snap[k], nr_cpu_ids * sizeof(*f->snap[k]));
		os_free(f->snap_valid[k],
			nr_cpu_ids * sizeof(*f->snap_valid[k]));
	}
	os_free(f, sizeof(*f));
}

static int dtrace_open(struct inode *inode, struct file *filp)
{
	struct dtrace_file *f;
	int k, rv;

	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	f = os_zalloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	mutex_init(&f->lock);
	for (k = 0; k < 2; k++) {
		f->snap[k] = os_zalloc(nr_cpu_ids * sizeof(*f->snap[k]));
		f->snap_valid[k] = os_zalloc(nr_cpu_ids *
					     sizeof(*f->snap_valid[k]));
		if (!f->snap[k] || !f->snap_valid[k]) {
			dtrace_file_free(f);
			return -ENOMEM;
		}
	}
	rv = dtrace_state_create(DTRACE_PRIV_ALL, &f->state);
	if (rv) {
		dtrace_file_free(f);
		return rv;
	}
	filp->private_data = f;
	return 0;
}

static int dtrace_release(struct inode *inode, struct file *filp)
{
	struct dtrace_file *f = filp->private_data;

	dtrace_state_destroy(f->state);
	dtrace_file_free(f);
	return 0;
}

/* ---- INFO ------------------------------------------------------------ */

/*
 * dtrace -V prints the description one "dtrace: " line per line: the
 * host, then the hypervisor layer's backend and the path each op uses
 * (/proc/dtrace/hv has the rest).
 */
static long dtrace_ioc_info(void __user *uarg)
{
	const struct hv_info *hi = hv_info();
	struct dtrace_ioc_info info = {
		.abi = DTRACE_IOC_ABI,
		.ncpus = nr_cpu_ids,
	};

	snprintf(info.describe, sizeof(info.describe),
		 "kernel (dtrace.ko on Linux %s, %s%s%s, %u CPUs)\n"
		 "hv: backend %s: trap %s, text %s, xcall %s, clock %s",
		 utsname()->release, hi->platform,
		 hi->xen_version[0] ? ", Xen " : "", hi->xen_version,
		 nr_cpu_ids, hi->backend->name,
		 hv_path_name(hi->active[HV_OP_TRAP]),
		 hv_path_name(hi->active[HV_OP_TEXT]),
		 hv_path_name(hi->active[HV_OP_XCALL]),
		 hv_path_name(hi->active[HV_OP_CLOCK]));
	return copy_to_user(uarg, &info, sizeof(info)) ? -EFAULT : 0;
}

/* ---- LOAD, GO, STOP, STATUS ------------------------------------------ */

static long dtrace_ioc_load(struct dtrace_file *f, void __user *uarg)
{
	struct dtrace_ioc_load arg;
	void *dof;
	long rv;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	memset(&arg.err, 0, sizeof(arg.err));
	arg.nmatched = 0;
	if (arg.size == 0 || arg.size > DOF_MAXSIZE) {
		arg.err.code = EINVAL;
		arg.err.section = ~0u;
		snprintf(arg.err.msg, sizeof(arg.err.msg),
			 "DOF of %llu bytes: the size must be 1 to %u bytes",
			 (unsigned long long)arg.size, DOF_MAXSIZE);
		rv = -EINVAL;
		goto out;
	}
	dof = kvmalloc(arg.size, GFP_KERNEL | __GFP_NOWARN);
	if (!dof)
		return -ENOMEM;
	if (copy_from_user(dof, u64_to_user_ptr(arg.dof), arg.size)) {
		kvfree(dof);
		return -EFAULT;
	}
	rv = dtrace_state_load(f->state, dof, arg.size, &arg.nmatched,
			       &arg.err);
	kvfree(dof);
out:
	if (copy_to_user(uarg, &arg, sizeof(arg)))
		return -EFAULT;
	return rv;
}

static long dtrace_ioc_gostop(struct dtrace_file *f, void __user *uarg,
			      bool go)
{
	struct dtrace_ioc_cpu arg = { .cpu = -1 };
	int cpu = -1;
	long rv;

	if (go)
		rv = dtrace_state_go(f->state, &cpu);
	else
		rv = dtrace_state_stop(f->state, &cpu);
	if (rv)
		return rv;
	arg.cpu = cpu;
	return copy_to_user(uarg, &arg, sizeof(arg)) ? -EFAULT : 0;
}

static long dtrace_ioc_status(struct dtrace_file *f, void __user *uarg)
{
	dtc_status_t st;
	long rv;

	memset(&st, 0, sizeof(st));
	rv = dtrace_state_status(f->state, &st);
	if (rv)
		return rv;
	return copy_to_user(uarg, &st, sizeof(st)) ? -EFAULT : 0;
}

/* ---- BUFSNAP, AGGSNAP ------------------------------------------------ */

static long dtrace_ioc_snap(struct dtrace_file *f, void __user *uarg,
			    int kind)
{
	struct dtrace_ioc_snap arg;
	dtrace_bufdesc_t *desc;
	long rv = 0;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.cpu >= nr_cpu_ids || (arg.flags & ~DTRACE_SNAPF_AGAIN))
		return -EINVAL;
	desc = &f->snap[kind][arg.cpu];
	if (!(arg.flags & DTRACE_SNAPF_AGAIN)) {
		f->snap_valid[kind][arg.cpu] = false;
		if (kind == DTRACE_SNAP_PRINCIPAL)
			rv = dtrace_buffer_snapshot(f->state, arg.cpu, desc);
		else
			rv = dtrace_aggbuffer_snapshot(f->state, arg.cpu,
						       desc);
		if (rv)
			return rv;
		f->snap_valid[kind][arg.cpu] = true;
	} else if (!f->snap_valid[kind][arg.cpu]) {
		return -EINVAL;
	}

	arg.size = desc->size;
	arg.drops = desc->drops;
	arg.errors = desc->errors;
	if (desc->size > arg.bufsize)
		rv = -ENOSPC;
	else if (desc->size &&
		 copy_to_user(u64_to_user_ptr(arg.buf), desc->data, desc->size))
		return -EFAULT;
	if (copy_to_user(uarg, &arg, sizeof(arg)))
		return -EFAULT;
	return rv;
}

/* ---- EPDESC, AGGDESC ------------------------------------------------- */

static size_t dtrace_desc_size(const void *buf, bool agg)
{
	if (agg) {
		const dtc_aggdesc_t *d = buf;

		return struct_size(d, keys, d->nkeys);
	} else {
		const dtc_epdesc_t *d = buf;

		return struct_size(d, recs, d->nrecs);
	}
}

static long dtrace_ioc_desc(struct dtrace_file *f, void __user *uarg,
			    bool agg)
{
	struct dtrace_ioc_desc arg;
	size_t cap, needed = 0;
	void *buf;
	long rv;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	cap = min_t(u64, arg.bufsize, DTRACE_IOC_DESCMAX);
	buf = kvzalloc(max_t(size_t, cap, sizeof(dtc_aggdesc_t) +
			     sizeof(dtc_epdesc_t)), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (agg)
		rv = dtrace_aggdesc(f->state, arg.id, buf, cap, &needed);
	else
		rv = dtrace_epdesc(f->state, arg.id, buf, cap, &needed);
	if (rv == 0) {
		needed = dtrace_desc_size(buf, agg);
		if (needed > cap)
			rv = -EIO;	/* the core overran its own count */
		else if (copy_to_user(u64_to_user_ptr(arg.buf), buf, needed))
			rv = -EFAULT;
	}
	kvfree(buf);
	if (rv && rv != -ENOSPC)
		return rv;
	arg.needed = needed;
	if (copy_to_user(uarg, &arg, sizeof(arg)))
		return -EFAULT;
	return rv;
}

/* ---- PROBES ---------------------------------------------------------- */

/*
 * Matches are written straight to the caller's buffer, one at a time:
 * no kernel copy, so a call can return tens of thousands (fbt has about
 * two probes per kernel function) and a listing takes a few calls.
 */
struct dtrace_probes_walk {
	dtc_probeinfo_t	__user *ents;
	u32		cap;
	u32		skip;
	u32		count;
	u32		total;
};

/* The core hands over a zero-padded entry: it is copied as it is. */
static int dtrace_probes_collect(const dtc_probeinfo_t *info, void *arg)
{
	struct dtrace_probes_walk *w = arg;

	if (w->total++ < w->skip || w->count == w->cap)
		return 0;
	if (copy_to_user(&w->ents[w->count], info, sizeof(*info)))
		return -EFAULT;
	w->count++;
	return 0;
}

static void dtrace_probedesc_from(dtrace_probedesc_t *d,
				  struct dtrace_ioc_probes *arg)
{
	memset(d, 0, sizeof(*d));
	strscpy(d->provider, arg->provider, sizeof(d->provider));
	strscpy(d->mod, arg->mod, sizeof(d->mod));
	strscpy(d->func, arg->func, sizeof(d->func));
	strscpy(d->name, arg->name, sizeof(d->name));
	d->id = arg->id;
}

static long dtrace_ioc_probes(void __user *uarg)
{
	struct dtrace_ioc_probes arg;
	struct dtrace_probes_walk w = { 0 };
	dtrace_probedesc_t desc;
	long rv;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	if (arg.bufcount > DTRACE_IOC_PROBESMAX)
		return -EINVAL;
	dtrace_probedesc_from(&desc, &arg);
	w.ents = u64_to_user_ptr(arg.buf);
	w.cap = arg.bufcount;
	w.skip = arg.skip;
	rv = dtrace_probe_iter(&desc, dtrace_probes_collect, &w);
	if (rv)
		return rv;
	arg.count = w.count;
	arg.total = w.total;
	return copy_to_user(uarg, &arg, sizeof(arg)) ? -EFAULT : 0;
}

/* ARGDESC: the C type of one argument of one probe, for typed args[]. */
static long dtrace_ioc_argdesc(void __user *uarg)
{
	dtc_argdesc_t arg;
	long rv;

	if (copy_from_user(&arg, uarg, sizeof(arg)))
		return -EFAULT;
	rv = dtrace_probe_argdesc(&arg);
	if (rv)
		return rv;
	return copy_to_user(uarg, &arg, sizeof(arg)) ? -EFAULT : 0;
}

/* ---- dispatch -------------------------------------------------------- */

static long dtrace_ioctl(struct file *filp, unsigned int cmd,
			 unsigned long uarg)
{
	struct dtrace_file *f = filp->private_data;
	void __user *up = (void __user *)uarg;
	long rv;

	mutex_lock(&f->lock);
	switch (cmd) {
	case DTRACEIOC_INFO:
		rv = dtrace_ioc_info(up);
		break;
	case DTRACEIOC_LOAD:
		rv = dtrace_ioc_load(f, up);
		break;
	case DTRACEIOC_GO:
		rv = dtrace_ioc_gostop(f, up, true);
		break;
	case DTRACEIOC_STOP:
		rv = dtrace_ioc_gostop(f, up, false);
		break;
	case DTRACEIOC_STATUS:
		rv = dtrace_ioc_status(f, up);
		break;
	case DTRACEIOC_BUFSNAP:
		rv = dtrace_ioc_snap(f, up, DTRACE_SNAP_PRINCIPAL);
		break;
	case DTRACEIOC_AGGSNAP:
		rv = dtrace_ioc_snap(f, up, DTRACE_SNAP_AGGREGATION);
		break;
	case DTRACEIOC_EPDESC:
		rv = dtrace_ioc_desc(f, up, false);
		break;
	case DTRACEIOC_AGGDESC:
		rv = dtrace_ioc_desc(f, up, true);
		break;
	case DTRACEIOC_PROBES:
		rv = dtrace_ioc_probes(up);
		break;
	case DTRACEIOC_ARGDESC:
		rv = dtrace_ioc_argdesc(up);
		break;
	default:
		rv = -ENOTTY;
		break;
	}
	mutex_unlock(&f->lock);
	return rv;
}

static const struct file_operations dtrace_fops = {
	.owner		= THIS_MODULE,
	.open		= dtrace_open,
	.release	= dtrace_release,
	.unlocked_ioctl	= dtrace_ioctl,
	.llseek		= noop_llseek,
};

static struct miscdevice dtrace_miscdev = {
	.minor		= MISC_DYNAMIC_MINOR,
	.name		= "dtrace",
	.nodename	= "dtrace/dtrace",
	.mode		= 0600,
	.fops		= &dtrace_fops,
};

int dtrace_dev_init(void)
{
	return misc_register(&dtrace_miscdev);
}

void dtrace_dev_fini(void)
{
	misc_deregister(&dtrace_miscdev);
}
