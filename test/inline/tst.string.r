inlined

