ell

