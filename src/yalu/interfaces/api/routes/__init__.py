"""HTTP routes, one module per engine: `screening` (screen, lists, health), `audit` (the
screening audit trail) and `goods`."""
