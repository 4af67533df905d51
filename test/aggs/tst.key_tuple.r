
  read                                                      2                1
  write                                                     1                2
