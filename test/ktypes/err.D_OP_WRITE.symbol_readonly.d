/* @@line: 6 */
extern unsigned long jiffies;

BEGIN
{
	`jiffies = 0;
}
