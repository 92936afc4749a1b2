"""yalu.interfaces.api."""
