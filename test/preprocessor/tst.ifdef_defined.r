debug

