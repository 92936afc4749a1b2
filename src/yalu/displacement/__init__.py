"""yalu.displacement."""
