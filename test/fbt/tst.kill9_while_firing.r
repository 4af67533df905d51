killed: 137

enabled again

