/* @@requires: kernel */
/* @@opts: -q */
/*
 * tick-N fires on one CPU, N times a second in all (where profile-N
 * fires N times a second on every CPU): over the first second, tick-100hz
 * fires about 100 times, whatever the number of CPUs.  At least a quarter
 * (a timer may miss firings on a loaded machine) and at most one and a
 * half times the count the window's length asks for, plus slack, pass.
 * The upper bound is what fails if it fired on every CPU of a guest with
 * two or more.
 */
int done;

BEGIN
{
	start = timestamp;
}

tick-100hz
/!done/
{
	ticks++;
}

tick-1s
/!done/
{
	done = 1;
	this->expected = (timestamp - start) * 100 / 1000000000;
	printf("%s\n", ticks * 4 >= this->expected &&
	    ticks * 2 <= this->expected * 3 + 10 ? "ok" : "not ok");
	exit(0);
}
