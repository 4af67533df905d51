  dtrace                                            
  dtrace                                                            2
