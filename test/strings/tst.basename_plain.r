file

