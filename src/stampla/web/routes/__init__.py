"""The pages, one module per area: signing in, attest time, punches, the registers."""
