tst.script_name.d

