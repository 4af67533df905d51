// SPDX-License-Identifier: GPL-2.0
/*
 * Fault-safe loads for the user-space host.  The process reads its own
 * memory with process_vm_readv(2): the kernel does the access and
 * reports EFAULT for an unmapped or unreadable address instead of
 * delivering SIGSEGV, so a D program that dereferences a bad pointer
 * faults (and ERROR fires) without crashing the process.  "Kernel" and
 * "user" memory are the same address space here.
 */
#include <sys/uio.h>
#include <unistd.h>

#include "core/os.h"

#define PAGE_BYTES	4096u

/* Copy exactly 'size' bytes or fail. */
static bool read_self(uintptr_t src, void *dst, size_t size)
{
	struct iovec local = { dst, size };
	struct iovec remote = { (void *)src, size };

	if (size == 0)
		return true;
	if (src + size < src)
		return false;
	return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) ==
	       (ssize_t)size;
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
