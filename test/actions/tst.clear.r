
  a                                                                 0
