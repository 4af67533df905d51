AB

