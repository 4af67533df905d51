5 bar

