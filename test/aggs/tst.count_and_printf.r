before exit

                1
