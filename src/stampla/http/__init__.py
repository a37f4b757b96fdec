"""What the API and the pages share about HTTP: the state dependencies (store, settings,
clock), the guards every request passes (no NUL in a query or form), the one map from
errors to statuses, and the reading of dates and employee lists from a query string.

``api`` and ``web`` both import this package and never each other.
"""
