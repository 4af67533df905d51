profile::tick-1ms

