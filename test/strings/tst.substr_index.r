ello

