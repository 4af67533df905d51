a\b

