lib

