asked 4000, got 4000
asked 4000, got 4000
asked 4000, got 4000

