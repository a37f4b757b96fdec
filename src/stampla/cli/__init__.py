"""The ``stampla`` command line."""
