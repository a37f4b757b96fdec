"""Abuse limits: failed logins and request rates, counted where every worker sees them."""
