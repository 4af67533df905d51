before
middle
speculative
after

