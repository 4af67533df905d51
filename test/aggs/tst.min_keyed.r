
  b                                                                -4
  a                                                                 3
