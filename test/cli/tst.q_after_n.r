q

