still in clause

