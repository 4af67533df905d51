7 from-header

