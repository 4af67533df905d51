big
small

