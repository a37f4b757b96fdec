"""Pure rules about punches and time: no database, web or I/O imports live here."""
