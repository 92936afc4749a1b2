"""HTTP routes, one module per engine: `screening` (screen, lists, health) and `goods`."""
