six

