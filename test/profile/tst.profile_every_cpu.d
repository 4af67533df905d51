/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * profile-97 fires on every CPU, 97 times a second on each.
 *
 * Firings are counted per CPU (each CPU writes only its own element of
 * fired[], so no count is lost) until the first tick-1s closes the
 * window.  Then cpu_visit (test/triggers/cpu_visit.c) makes one getppid
 * call on each online CPU in turn, and that call checks the count of the
 * CPU it runs on against the window's length: at least a quarter of the
 * 97 a second asked (timers miss firings on a loaded machine) and at most
 * twice that, plus slack.  Only "ok" is printed when every online CPU
 * passed; a CPU that did not is named.
 */
int done;

BEGIN
{
	start = timestamp;
}

profile-97
/!done/
{
	fired[cpu]++;
}

tick-1s
/!done/
{
	done = 1;
	window = timestamp - start;
	expected = window * 97 / 1000000000;
	system("../../build/triggers/cpu_visit");
}

syscall::getppid:entry
/execname == "cpu_visit"/
{
	visited++;
}

syscall::getppid:entry
/execname == "cpu_visit" &&
    (fired[cpu] * 4 < expected || fired[cpu] > expected * 2 + 5)/
{
	printf("CPU %d: profile-97 fired %d times in %d ms\n", cpu, fired[cpu],
	    window / 1000000);
	bad++;
}

syscall::exit_group:entry
/execname == "cpu_visit"/
{
	printf("%s\n", visited > 0 && bad == 0 ? "ok" : "not ok");
	exit(0);
}
