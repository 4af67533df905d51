cat

