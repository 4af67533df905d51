deadbeef

