seen x

