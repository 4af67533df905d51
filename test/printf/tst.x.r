ff

