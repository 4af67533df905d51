abcdefgh

