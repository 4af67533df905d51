// SPDX-License-Identifier: GPL-2.0
/*
 * The bare backend's raw text path: write through a second, writable
 * mapping of the text's physical pages.
 *
 * Kernel and module text is mapped read-only; rather than lifting that
 * protection (clearing CR0.WP, or making the PTE writable, both of which
 * expose the text to every other CPU meanwhile), the pages behind the
 * address are found through the kernel's page tables (lookup_address:
 * 4K, 2M or 1G mappings alike), mapped again with PAGE_KERNEL (writable,
 * not executable) by vmap, written through that alias, and the alias is
 * unmapped.  Caches on x86 are physically tagged and the instruction
 * fetch snoops stores, so the write is visible through the text mapping;
 * hv.c then serialises every CPU.  A write may straddle two pages.
 */
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include <linux/string.h>
#include <asm/pgtable.h>

#include "hv/bare/bare.h"

static struct page *hv_bare_text_page(unsigned long addr)
{
	unsigned int level;
	unsigned long pfn;
	pte_t *pte = lookup_address(addr, &level);

	if (!pte || !pte_present(*pte))
		return NULL;
	switch (level) {
	case PG_LEVEL_4K:
		pfn = pte_pfn(*pte);
		break;
	case PG_LEVEL_2M:
		pfn = pmd_pfn(*(pmd_t *)pte);
		break;
	case PG_LEVEL_1G:
		pfn = pud_pfn(*(pud_t *)pte);
		break;
	default:
		return NULL;
	}
	pfn += (addr & ~page_level_mask(level)) >> PAGE_SHIFT;
	return pfn_valid(pfn) ? pfn_to_page(pfn) : NULL;
}

int hv_bare_text_write(void *addr, const void *src, size_t len)
{
	unsigned long start = (unsigned long)addr;
	unsigned long off = offset_in_page(start);
	unsigned int i, npages = off + len > PAGE_SIZE ? 2 : 1;
	struct page *pages[2];
	void *alias;

	for (i = 0; i < npages; i++) {
		pages[i] = hv_bare_text_page((start & PAGE_MASK) +
					     i * PAGE_SIZE);
		if (!pages[i])
			return -EFAULT;
	}
	alias = vmap(pages, npages, VM_MAP, PAGE_KERNEL);
	if (!alias)
		return -ENOMEM;
	memcpy(alias + off, src, len);
	vunmap(alias);
	return 0;
}
