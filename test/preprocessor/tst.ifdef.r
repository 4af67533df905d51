release

