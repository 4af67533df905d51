
  getpid_loop                                                      10
