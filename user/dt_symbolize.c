// SPDX-License-Identifier: GPL-2.0
/*
 * Addresses as dtrace(1) prints them: which symbol table answers for an
 * address, and DTrace's text for addresses, symbols, modules and stacks.
 *
 * Kernel addresses are looked up in /proc/kallsyms, read the first time
 * one is printed.  Under the user host the "kernel" is this process
 * itself (its probes fire in it), so kernel addresses are looked up in
 * its own mappings, as user addresses of our own pid are.  User
 * addresses are looked up in the mappings of the process that recorded
 * them (dt_usyms.c): records of user addresses carry the pid.
 *
 * The text, as DTrace prints it:
 *
 *   an address (stack frames, uaddr(), %a, %A)
 *	object`symbol+0xoffset, or object`symbol at the symbol's start;
 *	object`0xaddress when only the object is known; 0xaddress else
 *   a symbol (sym(), func(), usym(), ufunc())
 *	object`symbol, without the offset
 *   a module (mod(), umod())
 *	object, or 0xaddress
 *
 * with "vmlinux" for the kernel proper and a file's base name for user
 * objects ("libc.so.6").  A stack prints a newline, then each frame on a
 * line of its own, indented; the symbol actions print in a field of 50
 * after two spaces ("  %-50s"), even under -q, as DTrace does.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt_consumer.h"
#include "dt_sym.h"

struct dt_symstate {
	dt_ksyms_t	*ksyms;
	int		ksyms_tried;
	dt_usyms_t	*usyms;
};

static struct dt_symstate *symstate(dtrace_hdl_t *dtp)
{
	if (dtp->syms == NULL)
		dtp->syms = calloc(1, sizeof(*dtp->syms));
	return dtp->syms;
}

void dt_sym_destroy(dtrace_hdl_t *dtp)
{
	if (dtp->syms == NULL)
		return;
	dt_ksyms_free(dtp->syms->ksyms);
	dt_usyms_free(dtp->syms->usyms);
	free(dtp->syms);
	dtp->syms = NULL;
}

static dt_usyms_t *usyms(dtrace_hdl_t *dtp)
{
	struct dt_symstate *ss = symstate(dtp);

	if (ss != NULL && ss->usyms == NULL)
		ss->usyms = dt_usyms_create("/proc");
	return ss != NULL ? ss->usyms : NULL;
}

static int in_process(dtrace_hdl_t *dtp)
{
	return dtp->host.ops == &dt_host_user_ops;
}

static const dt_ksyms_t *ksyms(dtrace_hdl_t *dtp)
{
	struct dt_symstate *ss = symstate(dtp);
	char err[512];

	if (ss == NULL)
		return NULL;
	if (!ss->ksyms_tried) {
		ss->ksyms_tried = 1;
		ss->ksyms = dt_ksyms_read("/proc/kallsyms", "/proc/modules",
					  err, sizeof(err));
		if (ss->ksyms == NULL)
			fprintf(stderr, "dtrace: kernel addresses print in "
				"hex: %s\n", err);
	}
	return ss->ksyms;
}

void dt_sym_grab(dtrace_hdl_t *dtp, int pid)
{
	dt_usyms_t *us = usyms(dtp);

	if (us != NULL && pid > 0)
		dt_usyms_grab(us, pid);
}

/* pid < 0: a kernel address; else a user address of process pid. */
static int lookup(dtrace_hdl_t *dtp, int pid, uint64_t addr,
		  dt_symbol_t *sym)
{
	const dt_ksyms_t *ks;
	dt_usyms_t *us;

	memset(sym, 0, sizeof(*sym));
	if (pid < 0 && in_process(dtp))
		pid = getpid();
	if (pid < 0) {
		ks = ksyms(dtp);
		return ks != NULL ? dt_ksyms_lookup(ks, addr, sym) :
				    DT_SYM_NONE;
	}
	us = usyms(dtp);
	if (pid == 0 || us == NULL)
		return DT_SYM_NONE;
	return dt_usyms_lookup(us, pid, addr, sym);
}

void dt_sym_format(dtrace_hdl_t *dtp, int pid, uint64_t addr,
		   dt_symfmt_t how, char *buf, size_t len)
{
	dt_symbol_t sym;
	int found = dtp != NULL ? lookup(dtp, pid, addr, &sym) : DT_SYM_NONE;

	if (found == DT_SYM_NONE)
		snprintf(buf, len, "0x%" PRIx64, addr);
	else if (how == DT_SYMFMT_MOD)
		snprintf(buf, len, "%s", sym.object);
	else if (found == DT_SYM_OBJECT)
		snprintf(buf, len, "%s`0x%" PRIx64, sym.object, addr);
	else if (how == DT_SYMFMT_FUNC || addr == sym.value)
		snprintf(buf, len, "%s`%s", sym.object, sym.name);
	else
		snprintf(buf, len, "%s`%s+0x%" PRIx64, sym.object, sym.name,
			 addr - sym.value);
}

uint64_t dt_sym_canon(dtrace_hdl_t *dtp, int pid, uint64_t addr,
		      dt_symfmt_t how)
{
	dt_symbol_t sym;
	int found = lookup(dtp, pid, addr, &sym);

	if (how == DT_SYMFMT_MOD && found != DT_SYM_NONE)
		return sym.base;
	if (how == DT_SYMFMT_FUNC && found == DT_SYM_FOUND)
		return sym.value;
	return addr;
}

static uint64_t word(const void *data, size_t i)
{
	uint64_t v;

	memcpy(&v, (const char *)data + i * 8, 8);
	return v;
}

int dt_sym_stack_print(dtrace_hdl_t *dtp, FILE *fp, const char *fmt,
		       int indent, unsigned int action, const void *data,
		       size_t size)
{
	size_t i = 0, n = size / 8;
	int pid = -1;
	char frame[1024];

	if (action == DTRACEACT_USTACK) {
		if (n == 0)
			return 0;
		pid = (int)word(data, 0);
		i = 1;
	}
	fputc('\n', fp);
	for (; i < n; i++) {
		uint64_t pc = word(data, i);

		if (pc == 0)
			break;
		dt_sym_format(dtp, pid, pc, DT_SYMFMT_ADDR, frame,
			      sizeof(frame));
		fprintf(fp, "%*s", indent, "");
		fprintf(fp, fmt, frame);
		fputc('\n', fp);
	}
	return 0;
}

int dt_sym_record_print(dtrace_hdl_t *dtp, FILE *fp, unsigned int action,
			const void *data, size_t size)
{
	dt_symfmt_t how = DT_SYMFMT_ADDR;
	int pid = -1;
	uint64_t addr;
	char text[1024];

	switch (action) {
	case DTRACEACT_STACK:
	case DTRACEACT_USTACK:
		return dt_sym_stack_print(dtp, fp, "%s",
					  (int)dtp->opts.stackindent, action,
					  data, size);
	case DTRACEACT_SYM:
	case DTRACEACT_USYM:
		how = DT_SYMFMT_FUNC;
		break;
	case DTRACEACT_MOD:
	case DTRACEACT_UMOD:
		how = DT_SYMFMT_MOD;
		break;
	}
	if (size >= 16) {		/* usym, umod, uaddr: pid, address */
		pid = (int)word(data, 0);
		addr = word(data, 1);
	} else {
		addr = (uint64_t)dt_rec_int(data, size, 0);
	}
	dt_sym_format(dtp, pid, addr, how, text, sizeof(text));
	fprintf(fp, "  %-50s", text);
	return 0;
}

int dt_sym_action(unsigned int action)
{
	switch (action) {
	case DTRACEACT_STACK:
	case DTRACEACT_USTACK:
	case DTRACEACT_SYM:
	case DTRACEACT_MOD:
	case DTRACEACT_USYM:
	case DTRACEACT_UMOD:
	case DTRACEACT_UADDR:
		return 1;
	default:
		return 0;
	}
}
