"""yalu.screening."""
