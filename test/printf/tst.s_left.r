[abc       ]

