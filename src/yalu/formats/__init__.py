"""yalu.formats."""
