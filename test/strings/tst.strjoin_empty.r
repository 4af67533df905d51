bar

