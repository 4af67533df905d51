translated

