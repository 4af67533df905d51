ffffffff

