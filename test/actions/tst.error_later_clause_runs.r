second clause

