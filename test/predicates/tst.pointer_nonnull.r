allocated

