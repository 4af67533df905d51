
  b                                                                 4
  a                                                                 9
