ffffffffffffffff

