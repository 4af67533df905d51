no predicate
true

