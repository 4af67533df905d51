fourth

