hi 2

