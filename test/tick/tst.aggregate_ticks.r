
  ticks                                                             4
