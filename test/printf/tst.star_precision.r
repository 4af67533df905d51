[abc]

