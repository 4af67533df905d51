// SPDX-License-Identifier: GPL-2.0
/*
 * /proc/dtrace/hv and /proc/dtrace/hv-selftest.
 *
 * /proc/dtrace/hv (0444) says what hv_init found, one fact a line:
 *
 *	platform: KVM guest
 *	xen version: none
 *	backend: bare
 *	trap api: die notifier: usable, active
 *	trap raw: IDT gates: unsupported: the IDT is mapped read-only ...
 *	trap gate 3: asm_exc_int3+0x0/0x40 (type 14, dpl 3, ist 0, present)
 *	...
 *
 * with a "trap gate N" line for the int3 (3) and debug (1) vectors when a
 * trap path can describe them.
 *
 * /proc/dtrace/hv-selftest (0400) runs the self-test when read and shows
 * its report (hv_selftest.c describes the format).  The report is
 * produced once per open: the buffer is sized so that seq_file never has
 * to run it a second time to fit.
 */
#include <linux/proc_fs.h>
#include <linux/seq_file.h>

#include "hv/hv_impl.h"

#define HV_PROC_SELFTEST_BUF	(16 * 1024)

static struct proc_dir_entry *hv_proc_dir;

static void hv_proc_show_gates(struct seq_file *m)
{
	static const int vectors[] = { 1, 3 };
	const struct hv_path_ops *p;
	char buf[160];
	int path, i;

	for (path = 0; path < HV_NPATHS; path++) {
		p = hv_path_ops(HV_OP_TRAP, path);
		if (!p->trap_describe)
			continue;
		for (i = 0; i < ARRAY_SIZE(vectors); i++) {
			if (p->trap_describe(vectors[i], buf, sizeof(buf)) < 0)
				continue;
			seq_printf(m, "trap gate %d: %s\n", vectors[i], buf);
		}
		return;
	}
}

static int hv_proc_show(struct seq_file *m, void *unused)
{
	const struct hv_info *hi = hv_info();
	const struct hv_path_ops *p;
	int op, path;

	seq_printf(m, "platform: %s\n", hi->platform);
	seq_printf(m, "xen version: %s\n",
		   hi->xen_version[0] ? hi->xen_version : "none");
	seq_printf(m, "backend: %s\n", hi->backend->name);
	for (op = 0; op < HV_NOPS; op++) {
		for (path = 0; path < HV_NPATHS; path++) {
			p = hv_path_ops(op, path);
			seq_printf(m, "%s %s: %s: ", hv_op_name(op),
				   hv_path_name(path), p->name ?: "none");
			if (hi->why_not[op][path])
				seq_printf(m, "unsupported: %s\n",
					   hi->why_not[op][path]);
			else if (hi->active[op] == path)
				seq_puts(m, "usable, active\n");
			else
				seq_puts(m, "usable\n");
		}
		if (op == HV_OP_TRAP)
			hv_proc_show_gates(m);
	}
	return 0;
}

static int hv_proc_open(struct inode *inode, struct file *file)
{
	return single_open(file, hv_proc_show, NULL);
}

/* A failing self-test is a report, not a failing read. */
static int hv_proc_selftest_show(struct seq_file *m, void *unused)
{
	hv_selftest(m);
	return 0;
}

static int hv_proc_selftest_open(struct inode *inode, struct file *file)
{
	return single_open_size(file, hv_proc_selftest_show, NULL,
				HV_PROC_SELFTEST_BUF);
}

static const struct proc_ops hv_proc_ops = {
	.proc_open	= hv_proc_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

static const struct proc_ops hv_proc_selftest_ops = {
	.proc_open	= hv_proc_selftest_open,
	.proc_read	= seq_read,
	.proc_lseek	= seq_lseek,
	.proc_release	= single_release,
};

int hv_proc_init(void)
{
	hv_proc_dir = proc_mkdir("dtrace", NULL);
	if (!hv_proc_dir)
		return -ENOMEM;
	if (!proc_create("hv", 0444, hv_proc_dir, &hv_proc_ops) ||
	    !proc_create("hv-selftest", 0400, hv_proc_dir,
			 &hv_proc_selftest_ops)) {
		proc_remove(hv_proc_dir);
		return -ENOMEM;
	}
	return 0;
}

/* proc_remove waits for readers still inside the files. */
void hv_proc_fini(void)
{
	proc_remove(hv_proc_dir);
}
