end 1

