"""Payroll export, pure: the PAXml code list, day rows made payroll lines (no I/O)."""
