/* @@requires: kernel */
/* @@opts: -q */
/*
 * tick-100hz fires every 10 ms: never sooner (20 intervals take at least
 * 190 ms, allowing for the timer's granularity), and not ten times later
 * either (under 2 s, which even an emulated guest keeps).
 */
int n;

tick-100hz
/n == 0/
{
	first = timestamp;
}

tick-100hz
{
	n++;
}

tick-100hz
/n == 21/
{
	this->ms = (timestamp - first) / 1000000;
	printf("%s\n", this->ms >= 190 && this->ms < 2000 ? "ok" :
	    "not ok");
	exit(0);
}

tick-100hz
/n == 21 && (this->ms < 190 || this->ms >= 2000)/
{
	printf("20 intervals of tick-100hz took %d ms\n", this->ms);
}
