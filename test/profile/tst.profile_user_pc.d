/* @@requires: kernel syscall */
/* @@opts: -q -w */
/*
 * profile-997 samples a busy process: cpu_spin keeps a CPU busy in user
 * mode for 500 ms, so it gets samples (about 500; at least 50 asked), and
 * most of them interrupt user code, where arg1 (the user pc) is set.
 */
BEGIN
{
	system("../../build/triggers/cpu_spin 500");
}

profile-997
/execname == "cpu_spin"/
{
	samples++;
	user += arg1 != 0;
}

syscall::exit_group:entry
/execname == "cpu_spin" && samples >= 50 && user * 2 >= samples/
{
	printf("ok\n");
	exit(0);
}

syscall::exit_group:entry
/execname == "cpu_spin" && (samples < 50 || user * 2 < samples)/
{
	printf("%d samples of cpu_spin in 500 ms, %d in user mode\n",
	    samples, user);
	exit(0);
}
