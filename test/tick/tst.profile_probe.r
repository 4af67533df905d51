profile

