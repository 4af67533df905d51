/usr

