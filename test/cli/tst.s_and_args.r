8 baz

