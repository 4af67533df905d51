/usr/lib

