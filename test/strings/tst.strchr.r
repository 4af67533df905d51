llo

