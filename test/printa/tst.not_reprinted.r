count 1

