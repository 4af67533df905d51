
  close                                                           100
  getppid                                                         100
  getuid                                                          100
  lseek                                                           100
