/* @@requires: kernel */
/* @@opts: -q -x switchrate=100hz -x aggrate=100hz -x nspec=8 */
/*
 * The consumer's cross calls while every CPU fires: profile-997 runs on
 * every CPU, each firing takes a speculation, records into it and commits
 * or discards it; the consumer switches every CPU's principal and
 * aggregation buffers a hundred times a second and cleans speculations
 * (a cross call to every CPU) as it goes, and exit() ends it all with
 * END on one CPU.  On a guest with several CPUs, and a Xen PV guest in
 * particular, where cross calls travel as event channels, any of these
 * that waits for a CPU that never answers hangs the test (and the runner
 * fails it at its timeout).
 *
 * Nothing printed depends on the number of CPUs: the speculated records
 * print nothing, the aggregation is printed with an empty format, and the
 * test prints "ok" once speculations have been both committed and
 * discarded and the aggregation was snapshot while it grew.
 */
profile-997
{
	@fired[cpu] = count();
	this->spec = speculation();
	this->keep = (timestamp >> 20) & 1;	/* about every other ms */
}

profile-997
/this->spec/
{
	speculate(this->spec);
	printf("%s", "");
}

profile-997
/this->spec && this->keep/
{
	commit(this->spec);
	commits++;
}

profile-997
/this->spec && !this->keep/
{
	discard(this->spec);
	discards++;
}

tick-100ms
{
	printa("", @fired);
}

tick-1s
/++seconds == 3/
{
	printf("%s\n", commits > 0 && discards > 0 ? "ok" :
	    "no speculation committed or discarded");
	exit(0);
}
