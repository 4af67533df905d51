[two words]

