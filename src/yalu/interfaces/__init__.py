"""yalu.interfaces."""
