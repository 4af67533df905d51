// SPDX-License-Identifier: GPL-2.0
/*
 * DIF emulator throughput: a loop-free DIFO of ALU_OPS arithmetic
 * instructions is verified and run until TOTAL_OPS instructions have
 * executed, against the same dependency chain written as plain C in the
 * same run (the baseline).  Both compute the same value, which is checked,
 * so the baseline cannot be optimized away and both do the same work.
 *
 * Output:
 *   dif_vm: 412 M ops/s, baseline 2900 M ops/s, ratio 0.14
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "core/dif_vm.h"

#define ALU_OPS		1000		/* ALU instructions in the DIFO */
#define TOTAL_OPS	100000000ull	/* 10^8 */
#define RUNS		(TOTAL_OPS / ALU_OPS)

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/*
 * The chain, four instructions a round:
 *   r3 = r1 + r2;  r1 = r3 ^ r4;  r2 = r1 - r3;  r4 = r4 + r5
 * with r1 = arg0, r2 = arg1, r4 = 3, r5 = 1 on entry; returns r1.
 */
static uint32_t build(dif_instr_t *buf, uint64_t *ints)
{
	uint32_t n = 0, i;

	ints[0] = 3;
	ints[1] = 1;
	buf[n++] = DIF_INSTR_LDV(DIF_OP_LDGS, DIF_VAR_ARG0, 1);
	buf[n++] = DIF_INSTR_LDV(DIF_OP_LDGS, DIF_VAR_ARG0 + 1, 2);
	buf[n++] = DIF_INSTR_SETX(0, 4);
	buf[n++] = DIF_INSTR_SETX(1, 5);
	for (i = 0; i < ALU_OPS / 4; i++) {
		buf[n++] = DIF_INSTR_ALU(DIF_OP_ADD, 1, 2, 3);
		buf[n++] = DIF_INSTR_ALU(DIF_OP_XOR, 3, 4, 1);
		buf[n++] = DIF_INSTR_ALU(DIF_OP_SUB, 1, 3, 2);
		buf[n++] = DIF_INSTR_ALU(DIF_OP_ADD, 4, 5, 4);
	}
	buf[n++] = DIF_INSTR_RET(1);
	return n;
}

/* The same chain in C; noinline so each call does the whole chain. */
static __attribute__((noinline)) uint64_t baseline(uint64_t r1, uint64_t r2)
{
	uint64_t r3, r4 = 3, r5 = 1;
	int i;

	for (i = 0; i < ALU_OPS / 4; i++) {
		r3 = r1 + r2;
		r1 = r3 ^ r4;
		r2 = r1 - r3;
		r4 = r4 + r5;
		__asm__ volatile("" : "+r"(r1), "+r"(r2), "+r"(r4));
	}
	return r1;
}

int main(void)
{
	static dif_instr_t buf[ALU_OPS + 8];
	static uint64_t ints[2];
	static char scratch[4096];
	dtrace_difo_t dp = { .buf = buf, .inttab = ints, .intlen = 2 };
	dtrace_mstate_t mst = { 0 };
	dtrace_vstate_t *vs;
	uint64_t t0, t1, t2, i, vm = 0, c = 0;
	double vm_rate, c_rate;
	char err[256];

	dp.len = build(buf, ints);
	if (dtrace_difo_verify(&dp, err, sizeof(err)) != 0 ||
	    dtrace_vstate_create(&vs, 0, 256, 1) != 0) {
		fprintf(stderr, "bench_dif_vm: setup failed: %s\n", err);
		return 1;
	}
	mst.scratch_base = mst.scratch_ptr = (uintptr_t)scratch;
	mst.scratch_size = sizeof(scratch);

	t0 = now_ns();
	for (i = 0; i < RUNS; i++) {
		mst.args[0] = i;
		mst.args[1] = vm;
		vm = dtrace_dif_emulate(&dp, &mst, vs);
	}
	t1 = now_ns();
	for (i = 0; i < RUNS; i++)
		c = baseline(i, c);
	t2 = now_ns();

	if (vm != c || mst.fault != 0) {
		fprintf(stderr, "bench_dif_vm: the VM computed %llu, C %llu "
			"(fault %u): the emulator is wrong\n",
			(unsigned long long)vm, (unsigned long long)c,
			mst.fault);
		return 1;
	}
	vm_rate = (double)RUNS * ALU_OPS / ((t1 - t0) / 1e3);
	c_rate = (double)RUNS * ALU_OPS / ((t2 - t1) / 1e3);
	printf("dif_vm: %.0f M ops/s, baseline %.0f M ops/s, ratio %.2f\n",
	       vm_rate, c_rate, vm_rate / c_rate);
	dtrace_vstate_destroy(vs);
	return 0;
}
