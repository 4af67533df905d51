error caught

