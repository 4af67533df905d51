// SPDX-License-Identifier: GPL-2.0
/*
 * The Xen backend's raw text path: the text page made writable for the
 * length of the write, by update_va_mapping.
 *
 * A PV kernel's page tables are read-only to it and validated by Xen, so
 * the bare backend's ways (a writable alias built in the page tables, or
 * CR0.WP cleared) are not open.  Instead, for each page the write covers:
 *
 *   1. read the PTE that maps the text page (lookup_address; Xen PV maps
 *      all kernel and module text with 4K pages),
 *   2. HYPERVISOR_update_va_mapping(page, PTE | RW, UVMF_INVLPG): Xen
 *      checks that the frame may be mapped writable (text frames are
 *      ordinary RAM) and updates the entry, flushing this vCPU's TLB,
 *   3. copy the bytes,
 *   4. HYPERVISOR_update_va_mapping(page, PTE, UVMF_INVLPG | UVMF_ALL):
 *      the original entry back, and the writable one flushed from every
 *      vCPU's TLB, since another vCPU may have cached it in the window.
 *
 * The PTE is handled as the raw value in the page table, whose frame is
 * a machine frame: pte_val() and __pte() would convert between machine
 * and pseudo-physical frames through the paravirt ops, so this file uses
 * native_make_pte() and the raw member on both ways and never converts.
 *
 * The window is kept short and on one vCPU: interrupts are off from step
 * 2 to 4.  Writers are serialised (hv_xen_text_lock) so that two writes
 * to one page cannot interleave their save and restore of its PTE.  The
 * kernel's own text patching does not change these PTEs (text_poke
 * writes through a mapping of its own), so the restored entry is the one
 * the kernel expects.  The flush in step 4 also makes every vCPU that
 * could run stale bytes take an exit to Xen, whose return is serialising;
 * hv.c still serialises every CPU after the write, as for any path.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/irqflags.h>
#include <linux/string.h>
#include <asm/pgtable.h>
#include <asm/xen/hypercall.h>
#include <xen/interface/xen.h>

#include "hv/xen/xen.h"

static DEFINE_MUTEX(hv_xen_text_lock);

/* The PTE mapping addr with a 4K page, or NULL. */
static pte_t *hv_xen_text_pte(unsigned long addr)
{
	unsigned int level;
	pte_t *ptep = lookup_address(addr, &level);

	if (!ptep || level != PG_LEVEL_4K)
		return NULL;
	return ptep;
}

const char *hv_xen_text_probe(void)
{
	if (!hv_xen_text_pte((unsigned long)hv_xen_text_write))
		return "this module's text is not mapped with 4K pages, so its PTE cannot be rewritten alone";
	if (!hv_xen_text_pte((unsigned long)lookup_address))
		return "the kernel's text is not mapped with 4K pages, so a page's PTE cannot be rewritten alone";
	return NULL;
}

/* Write len bytes at addr, all within one page. */
static int hv_xen_text_write_page(void *addr, const void *src, size_t len)
{
	unsigned long page = (unsigned long)addr & PAGE_MASK;
	unsigned long flags;
	pteval_t ro;
	pte_t *ptep;
	int rv;

	ptep = hv_xen_text_pte(page);
	if (!ptep)
		return -EFAULT;
	ro = READ_ONCE(ptep->pte);
	if (!(ro & _PAGE_PRESENT))
		return -EFAULT;

	local_irq_save(flags);
	rv = HYPERVISOR_update_va_mapping(page, native_make_pte(ro | _PAGE_RW),
					  UVMF_INVLPG | UVMF_LOCAL);
	if (rv == 0) {
		memcpy(addr, src, len);
		rv = HYPERVISOR_update_va_mapping(page, native_make_pte(ro),
						  UVMF_INVLPG | UVMF_ALL);
		WARN_ONCE(rv, "dtrace: Xen refused to restore the read-only PTE of text page %px (%d); the page stays writable\n",
			  (void *)page, rv);
	}
	local_irq_restore(flags);
	return rv;
}

int hv_xen_text_write(void *addr, const void *src, size_t len)
{
	size_t chunk;
	int rv = 0;

	mutex_lock(&hv_xen_text_lock);
	while (len && !rv) {
		chunk = min_t(size_t, len,
			      PAGE_SIZE - offset_in_page((unsigned long)addr));
		rv = hv_xen_text_write_page(addr, src, chunk);
		addr += chunk;
		src += chunk;
		len -= chunk;
	}
	mutex_unlock(&hv_xen_text_lock);
	return rv;
}
