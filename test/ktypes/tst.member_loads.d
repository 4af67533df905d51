/* @@requires: btf */
/* @@opts: -q -x ktypes=/sys/kernel/btf/vmlinux */
/* Members of a kernel struct read from memory: a list_head in scratch. */
BEGIN
{
	this->l = (struct list_head *)alloca(sizeof(struct list_head));
	this->l->next = this->l;
	this->l->prev = NULL;
	printf("%d %d\n", this->l->next == this->l, this->l->prev == NULL);
	exit(0);
}
