lo

