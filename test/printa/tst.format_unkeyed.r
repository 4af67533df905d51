total 42

