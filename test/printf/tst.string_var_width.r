|xy  |  xy|

