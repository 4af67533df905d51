ddccbbaa

