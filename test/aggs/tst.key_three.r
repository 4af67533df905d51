
  a                                                   b                                                         7                5
