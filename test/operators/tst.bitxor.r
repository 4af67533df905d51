f0

