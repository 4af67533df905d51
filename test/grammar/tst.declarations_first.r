1s

