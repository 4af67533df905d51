ab

