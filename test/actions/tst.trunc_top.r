
  c                                                                 3
  b                                                                 5
