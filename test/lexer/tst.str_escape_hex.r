CD

