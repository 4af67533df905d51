end 1
end 2

