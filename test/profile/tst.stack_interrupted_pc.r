20 samples
first frames are arg0
