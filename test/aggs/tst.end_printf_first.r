end

                9
