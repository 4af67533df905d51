  dtrace`user_go                                    |
  dtrace`user_go                                    |

  dtrace`user_go                                                    2
