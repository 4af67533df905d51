foo

