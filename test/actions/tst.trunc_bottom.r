
  a                                                                 1
