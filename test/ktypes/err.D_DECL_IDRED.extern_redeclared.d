/* @@line: 3 */
extern unsigned long jiffies;
extern int jiffies;
