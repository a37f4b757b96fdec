"""Stampla: a time-and-attendance server speaking SoftOne GO's TimeStampEntry API."""

__version__ = "0.1.0"
