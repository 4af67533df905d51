
  a                                                                 1

