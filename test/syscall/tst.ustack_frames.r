  ustack_frames`ustack_middle                       |
  ustack_frames                                     |
ustack_frames`ustack_middle+0x9|


              ustack_frames`ustack_leaf+0x7
              ustack_frames`ustack_middle+0x9
              ustack_frames`ustack_outer+0x9
                1

