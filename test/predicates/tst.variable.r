three

