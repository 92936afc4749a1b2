"""yalu.models."""
