"""newstag: train, compare and run sentence classifiers for conflict news."""

__version__ = "0.1.0"
