cdab

