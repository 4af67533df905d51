[       abc]

