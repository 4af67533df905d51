/*
 * The QEMU command line of a cell.
 *
 * Bare cells boot the kernel directly (-kernel/-initrd).  Xen cells boot
 * the hypervisor as a multiboot kernel with the guest kernel and its
 * initramfs as modules, so the kernel comes up as Xen's PV dom0; Xen needs
 * -cpu qemu64 under TCG (-cpu max crashes dom0).  The cell's CPU count is
 * QEMU's -smp and, under Xen, also dom0's vCPUs (dom0_max_vcpus), so the
 * dom0 kernel sees as many CPUs as a bare one.  Under TCG a Xen cell runs
 * all its CPUs in one QEMU thread (thread=single): Xen makes every CPU
 * take part in rendezvous (time calibration each second, TLB flushes for
 * dom0), and with a thread per CPU each one waits until every thread gets
 * a host core; on a loaded 2-core host a 4-CPU dom0 then took 330 s and
 * more to boot instead of 55-100 s.  Bare cells keep a thread per CPU, so
 * their CPUs really run in parallel.  Either way the guest sees the same
 * three devices:
 *
 *   virtio-9p "hostroot"      the host's /, read-only
 *   virtio-serial "vmtest"    the agent's records, into CELL/agent.out
 *   serial port               the console, into CELL/console.log
 *
 * -no-reboot turns a panic (panic=-1) or Xen's reboot after a dom0 crash
 * into QEMU exiting, which the cell sees at once.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "vmtest.h"

#define BARE_MEM_MB	1024
#define XEN_MEM_MB	1536
#define DOM0_MEM_MB	1024

struct argbuf {
	char **argv;
	size_t n, max;
	char *buf;
	size_t used, len;
};

static void arg(struct argbuf *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void arg(struct argbuf *a, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (a->n + 1 >= a->max || a->used >= a->len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(a->buf + a->used, a->len - a->used, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= a->len - a->used) {
		a->used = a->len;	/* overflow: reported by qemu_argv */
		return;
	}
	a->argv[a->n++] = a->buf + a->used;
	a->argv[a->n] = NULL;
	a->used += n + 1;
}

/*
 * Fills argv (NULL-terminated, strings in buf).  Returns 0, or -1 when
 * the buffers are too small.
 */
int qemu_argv(const struct cell *c, const struct run_config *cfg,
	      bool interactive, char **argv, size_t max, char *buf,
	      size_t buflen)
{
	struct argbuf a = { argv, 0, max, buf, 0, buflen };
	char kernel[4096], initrd[4096], xen[4096], none[4096];
	const char *console = c->hv == HV_XEN ? "hvc0" : "ttyS0";
	char cmdline[8600];

	image_paths(c->kernel, kernel, initrd, sizeof(kernel));
	snprintf(cmdline, sizeof(cmdline),
		 "console=%s panic=-1 rdinit=/init vmtest.plan=%s/plan%s",
		 console, c->dir, c->hv == HV_XEN ? " earlyprintk=xen" : "");

	arg(&a, "qemu-system-x86_64");
	arg(&a, "-accel");
	arg(&a, "%s", cfg->kvm ? "kvm" : c->hv == HV_XEN ? "tcg,thread=single" :
	    "tcg");
	arg(&a, "-cpu");
	arg(&a, "%s", cfg->kvm && c->hv == HV_BARE ? "host" : "qemu64");
	arg(&a, "-smp");
	arg(&a, "%d", c->smp);
	arg(&a, "-m");
	arg(&a, "%d", c->hv == HV_XEN ? XEN_MEM_MB : BARE_MEM_MB);
	arg(&a, "-nodefaults");
	arg(&a, "-no-reboot");
	arg(&a, "-display");
	arg(&a, "none");
	arg(&a, "-serial");
	if (interactive)
		arg(&a, "mon:stdio");
	else
		arg(&a, "file:%s/console.log", c->dir);
	if (c->hv == HV_XEN) {
		image_paths(cfg->xen, xen, none, sizeof(xen));
		arg(&a, "-kernel");
		arg(&a, "%s", xen);
		arg(&a, "-append");
		arg(&a, "console=com1 com1=115200,8n1 dom0_mem=%dM,max:%dM "
		    "dom0_max_vcpus=%d loglvl=all guest_loglvl=all",
		    DOM0_MEM_MB, DOM0_MEM_MB, c->smp);
		arg(&a, "-initrd");
		arg(&a, "%s %s,%s", kernel, cmdline, initrd);
	} else {
		arg(&a, "-kernel");
		arg(&a, "%s", kernel);
		arg(&a, "-initrd");
		arg(&a, "%s", initrd);
		arg(&a, "-append");
		arg(&a, "%s", cmdline);
	}
	arg(&a, "-fsdev");
	arg(&a, "local,id=hostroot,path=/,security_model=none,readonly=on,"
	    "multidevs=remap");
	arg(&a, "-device");
	arg(&a, "virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot");
	arg(&a, "-device");
	arg(&a, "virtio-serial-pci");
	arg(&a, "-chardev");
	arg(&a, "file,id=agent,path=%s/agent.out", c->dir);
	arg(&a, "-device");
	arg(&a, "virtserialport,chardev=agent,name=vmtest");
	return a.used >= a.len || a.n + 1 >= a.max ? -1 : 0;
}

/*
 * /dev/kvm can exist and still hang guests (nested virtualization gone
 * wrong: here a real-mode boot sector runs but a kernel never prints a
 * line), so KVM is used only when the kernel itself, booted under KVM with
 * no root filesystem, reaches its "Kernel panic" (and QEMU exits, thanks
 * to panic=-1 and -no-reboot) within KVM_PROBE_SECONDS.  Under TCG that
 * takes longer than the probe allows, so the probe cannot pass by
 * accident.  VMTEST_ACCEL=tcg or =kvm skips the probe.  The verdict is
 * kept in the cache for the rest of the host's boot (keyed by boot_id).
 */
#define KVM_PROBE_SECONDS 8

static bool kvm_probe(const struct image *kernel);

bool kvm_usable(const struct image *kernel)
{
	const char *env = getenv("VMTEST_ACCEL");
	char path[4200], *boot_id, *saved, verdict[300];
	bool ok;

	if (env && *env)
		return !strcmp(env, "kvm");
	if (access("/dev/kvm", R_OK | W_OK))
		return false;
	snprintf(path, sizeof(path), "%s/kvm-probe", cache_dir());
	boot_id = read_file("/proc/sys/kernel/random/boot_id", NULL);
	saved = read_file(path, NULL);
	if (boot_id && saved && !strncmp(saved, boot_id, strlen(boot_id)) &&
	    strlen(saved) > strlen(boot_id)) {
		ok = !strcmp(saved + strlen(boot_id), "kvm\n");
	} else {
		ok = kvm_probe(kernel);
		if (boot_id) {
			snprintf(verdict, sizeof(verdict), "%s%s\n", boot_id,
				 ok ? "kvm" : "tcg");
			write_file(path, verdict, strlen(verdict));
		}
	}
	free(boot_id);
	free(saved);
	return ok;
}

static bool kvm_probe(const struct image *kernel)
{
	char kpath[4096], none[4096], serial[64];
	char log[] = "/tmp/vmtest-kvmprobe-XXXXXX";
	int fd, status = 0;
	pid_t pid;
	bool exited = false, ok = false;
	char *console;

	image_paths(kernel, kpath, none, sizeof(kpath));
	fd = mkstemp(log);
	if (fd < 0)
		return false;
	close(fd);
	snprintf(serial, sizeof(serial), "file:%s", log);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDWR);

		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
		execlp("qemu-system-x86_64", "qemu-system-x86_64", "-accel",
		       "kvm", "-m", "256", "-display", "none", "-nodefaults",
		       "-no-reboot", "-serial", serial, "-kernel", kpath,
		       "-append", "console=ttyS0 panic=-1", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; pid > 0 && i < KVM_PROBE_SECONDS * 10; i++) {
		struct timespec ts = { 0, 100 * 1000 * 1000 };

		if (waitpid(pid, &status, WNOHANG) == pid) {
			exited = true;
			break;
		}
		nanosleep(&ts, NULL);
	}
	if (pid > 0 && !exited) {
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
	}
	console = read_file(log, NULL);
	ok = exited && console && strstr(console, "Kernel panic");
	free(console);
	unlink(log);
	return ok;
}
