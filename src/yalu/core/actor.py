"""Who did something: the name recorded with every audit row, decision and list load.

The command line acts as `cli:<operating-system user>`; the server acts as the name of the
API key (or signed-in user) behind the request.
"""

from __future__ import annotations

import getpass


def cli_actor() -> str:
    """Return `cli:<os user>` for actions taken from the command line."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):  # no passwd entry and no LOGNAME/USER in the environment
        user = "unknown"
    return f"cli:{user}"
