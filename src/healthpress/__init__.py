"""healthpress: a static site generator for a health bureau's publicity website."""

__version__ = "0.1.0"
