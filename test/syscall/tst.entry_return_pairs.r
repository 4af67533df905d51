
  entry                                                           500
  return                                                          500
