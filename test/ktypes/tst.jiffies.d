/* @@requires: kernel */
/* @@opts: -q */
/*
 * `jiffies is readable once an extern declaration gives it its type: the
 * kernel's BTF describes no global variable but per-CPU ones.  Both
 * spellings name the same symbol; reading it twice never goes back.
 */
extern unsigned long volatile jiffies;

BEGIN
{
	this->a = `jiffies;
	this->b = vmlinux`jiffies;
	printf("%d %d %d\n", this->a != 0, this->b >= this->a,
	    &`jiffies == &vmlinux`jiffies);
	exit(0);
}
