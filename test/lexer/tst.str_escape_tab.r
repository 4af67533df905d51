a	b

