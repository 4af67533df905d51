/* @@requires: kernel */
/* @@opts: -q */
/* A function's value is its address, as &`name is. */
BEGIN
{
	printf("%d %d\n", (uintptr_t)`schedule == (uintptr_t)&`schedule,
	    (uintptr_t)&`schedule != 0);
	exit(0);
}
