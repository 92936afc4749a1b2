"""HTTP routes, one module per engine: `screening`, `audit` (the screening audit trail), `goods`."""
