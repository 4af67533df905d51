%d

