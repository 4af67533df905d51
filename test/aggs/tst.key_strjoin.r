
  abcd                                                              1
