one-a

