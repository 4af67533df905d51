
  key                                                               1
