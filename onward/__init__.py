"""onward: turn every job rejection into a next step."""

__version__ = "0.1.0"
