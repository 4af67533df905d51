/* @@opts: -q */
struct node {
	int val;
	struct node *next;
};

BEGIN
{
	this->a = (struct node *)alloca(sizeof (struct node));
	this->b = (struct node *)alloca(sizeof (struct node));
	this->a->val = 1;
	this->a->next = this->b;
	this->b->val = 2;
	this->b->next = NULL;
	printf("%d %d\n", this->a->val, this->a->next->val);
	exit(0);
}
