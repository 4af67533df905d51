  dtrace`user_go                                    |
  dtrace`user_go                                    |
  dtrace                                            |
  dtrace`user_go                               |

