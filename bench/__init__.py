"""Benchmarks: end-to-end ingest against the database's own limit, and request latency."""
