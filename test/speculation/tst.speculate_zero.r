shown

