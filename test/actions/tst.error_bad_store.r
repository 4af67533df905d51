fault 1

