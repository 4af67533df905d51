hello, world 1

