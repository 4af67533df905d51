foobar

