opened

