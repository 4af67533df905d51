say "hi"

