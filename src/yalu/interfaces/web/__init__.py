"""yalu.interfaces.web."""
