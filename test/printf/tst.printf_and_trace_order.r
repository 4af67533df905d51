a1bc

