tick-1ms

