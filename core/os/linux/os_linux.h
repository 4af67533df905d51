/* SPDX-License-Identifier: GPL-2.0 */
#ifndef CORE_OS_LINUX_H
#define CORE_OS_LINUX_H

/*
 * The kernel host's types for core/os.h.  The core is portable C that
 * includes no system header; inside the module this file is what gives it
 * the fixed-width integer types (linux/types.h: u64-based uint64_t and
 * friends, uintptr_t, size_t, bool), NULL and offsetof (linux/stddef.h),
 * the errno values it returns negated (linux/errno.h), and the <stdint.h>
 * limits the user host gets from libc.
 *
 * Nothing else from the kernel may leak into the core through here: the
 * kernel's headers define function-like macros with ordinary names
 * (min, max, swap, in_range...) that would silently rewrite portable
 * code.  So os_mutex_t is opaque storage; os_linux.c keeps a struct mutex
 * and its owner in it (checked there at build time), because
 * os_mutex_held() must answer "held by the calling thread" and the kernel
 * keeps a mutex's owner private.
 */
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/errno.h>
#include <linux/limits.h>

/*
 * Kbuild forces linux/compiler_types.h into every compilation, and it
 * defines 'noinline' as a macro: the portable spelling
 * __attribute__((noinline)) would expand to a nested attribute and fail.
 * From here on noinline is the attribute's name again, as in user space.
 * Kernel code that includes core headers includes them after its kernel
 * headers, so none of those sees this.
 */
#undef noinline
#define noinline __noinline__

#define OS_MUTEX_WORDS	32

typedef struct os_mutex {
	unsigned long	opaque[OS_MUTEX_WORDS];
} os_mutex_t;

/* <stdint.h> names the kernel spells differently (S64_MAX, U32_MAX...). */
#ifndef INT8_MIN
#define INT8_MIN	S8_MIN
#define INT8_MAX	S8_MAX
#define UINT8_MAX	U8_MAX
#define INT16_MIN	S16_MIN
#define INT16_MAX	S16_MAX
#define UINT16_MAX	U16_MAX
#define INT32_MIN	S32_MIN
#define INT32_MAX	S32_MAX
#define UINT32_MAX	U32_MAX
#define INT64_MIN	S64_MIN
#define INT64_MAX	S64_MAX
#define UINT64_MAX	U64_MAX
#endif
#ifndef UINTPTR_MAX
#define UINTPTR_MAX	ULONG_MAX
#endif

/*
 * Linux-host services for the kernel providers (providers/syscall): not
 * part of core/os.h, because only a kernel provider can know them.
 *
 * os_linux_errno_set() publishes, for the probes fired until the matching
 * os_linux_errno_clear() on this CPU, the errno of the system call the
 * current thread is returning from; D's 'errno' reads it through
 * os_errno().  Both are called with preemption disabled.
 */
void os_linux_errno_set(int err);
void os_linux_errno_clear(void);

/*
 * Module start and exit: set up, and wait for, the host's deferred work
 * (signal requests).
 */
void os_linux_init(void);
void os_linux_fini(void);

#endif /* CORE_OS_LINUX_H */
