o world

