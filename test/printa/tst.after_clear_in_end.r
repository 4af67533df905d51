a 1

