   ID   PROVIDER            MODULE                          FUNCTION NAME
    2     dtrace                                                     END
    3     dtrace                                                     ERROR
