"""The HTTP API: SoftOne GO's routes and wire format over Stampla's services."""
