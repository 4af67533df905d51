p

