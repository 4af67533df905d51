already

