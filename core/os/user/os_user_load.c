// SPDX-License-Identifier: GPL-2.0
/*
 * Fault-safe loads for the user-space host.  The process reads its own
 * memory with process_vm_readv(2): the kernel does the access and
 * reports EFAULT for an unmapped or unreadable address instead of
 * delivering SIGSEGV, so a D program that dereferences a bad pointer
 * faults (and ERROR fires) without crashing the process.  A pipe is the
 * fallback where that system call is forbidden.  "Kernel" and
 * "user" memory are the same address space here.
 */
#include <sys/uio.h>
#include <unistd.h>

#include "core/os.h"

#define PAGE_BYTES	4096u

static pthread_mutex_t pipe_lock = PTHREAD_MUTEX_INITIALIZER;
static int probe_pipe[2] = { -1, -1 };

/*
 * Where process_vm_readv(2) is not allowed (a seccomp profile without
 * ptrace rights), write(2) to a pipe does the same job: the kernel reads
 * the bytes and fails with EFAULT on a bad address.
 */
static bool read_via_pipe(uintptr_t src, void *dst, size_t size)
{
	size_t chunk;
	bool ok = true;

	pthread_mutex_lock(&pipe_lock);
	if (probe_pipe[0] < 0 && pipe(probe_pipe) != 0) {
		pthread_mutex_unlock(&pipe_lock);
		return false;
	}
	while (ok && size > 0) {
		chunk = size < PAGE_BYTES ? size : PAGE_BYTES;
		ok = write(probe_pipe[1], (const void *)src, chunk) ==
		     (ssize_t)chunk &&
		     read(probe_pipe[0], dst, chunk) == (ssize_t)chunk;
		src += chunk;
		dst = (char *)dst + chunk;
		size -= chunk;
	}
	pthread_mutex_unlock(&pipe_lock);
	return ok;
}

/* Copy exactly 'size' bytes or fail. */
static bool read_self(uintptr_t src, void *dst, size_t size)
{
	static bool no_vm_readv;
	struct iovec local = { dst, size };
	struct iovec remote = { (void *)src, size };
	ssize_t n;

	if (size == 0)
		return true;
	if (src + size < src)
		return false;
	if (!no_vm_readv) {
		n = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
		if (n == (ssize_t)size)
			return true;
		if (n >= 0 || (errno != EPERM && errno != ENOSYS))
			return false;
		no_vm_readv = true;
	}
	return read_via_pipe(src, dst, size);
}

bool os_load(uintptr_t addr, size_t size, uint64_t *val)
{
	union {
		uint8_t u8;
		uint16_t u16;
		uint32_t u32;
		uint64_t u64;
	} v;

	if (size != 1 && size != 2 && size != 4 && size != 8)
		return false;
	if (!read_self(addr, &v, size))
		return false;
	switch (size) {
	case 1:
		*val = v.u8;
		break;
	case 2:
		*val = v.u16;
		break;
	case 4:
		*val = v.u32;
		break;
	default:
		*val = v.u64;
	}
	return true;
}

bool os_copy(uintptr_t src, void *dst, size_t size)
{
	return read_self(src, dst, size);
}

bool os_copyin(uintptr_t uaddr, void *dst, size_t size)
{
	return read_self(uaddr, dst, size);
}

/* Read page by page so that a string ending before a hole is found. */
bool os_copyinstr(uintptr_t uaddr, char *dst, size_t size)
{
	size_t done = 0, chunk, i;

	if (size == 0)
		return false;
	while (done < size - 1) {
		chunk = PAGE_BYTES - ((uaddr + done) & (PAGE_BYTES - 1));
		if (chunk > size - 1 - done)
			chunk = size - 1 - done;
		if (!read_self(uaddr + done, dst + done, chunk)) {
			dst[done] = '\0';
			return false;
		}
		for (i = 0; i < chunk; i++) {
			if (dst[done + i] == '\0')
				return true;
		}
		done += chunk;
	}
	dst[done] = '\0';
	return true;
}
