second

