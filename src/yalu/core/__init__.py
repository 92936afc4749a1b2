"""yalu.core."""
