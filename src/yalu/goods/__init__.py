"""yalu.goods."""
