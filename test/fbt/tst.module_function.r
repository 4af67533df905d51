overlay:ovl_read_iter:entry
overlay:ovl_read_iter:entry

