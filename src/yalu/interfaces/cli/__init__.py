"""yalu.interfaces.cli."""
