/* @@line: 24 */
struct point {
	int x;
	int y;
};

struct mixed {
	char c;
	int i;
	char d;
	long l;
};

union num {
	char c;
	int i;
	long l;
};

struct point pt;

BEGIN
{
	x = !pt;
}
