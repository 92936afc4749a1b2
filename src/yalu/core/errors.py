"""The yalu exception family: one line per user mistake, never a traceback.

```
YaluError
├── InputError          the user can fix it                     exit 2   HTTP 422
│   ├── ListFormatError     a sanctions list file cannot be parsed
│   ├── CaseFormatError     a FLEE case folder is incomplete or malformed
│   ├── ScenarioError       a displacement scenario file is malformed
│   ├── ShipmentFormatError a shipment or supplier file is malformed
│   └── ConfigError         a setting has an invalid value
├── NotFoundError       unknown entity, list or run id          exit 1   HTTP 404
├── NetworkError        a download failed (offline, refused)    exit 1   HTTP 502
├── StoreError          the database cannot be read or written  exit 1   HTTP 500
├── MissingExtraError   an optional dependency is missing       exit 1   HTTP 501
├── AuthenticationError no key, or an unknown or revoked one    exit 1   HTTP 401
│   └── TooManyAttemptsError too many failed sign-ins            exit 1   HTTP 429
├── RateLimitedError    a key made too many requests lately     exit 1   HTTP 429
└── PermissionDeniedError the caller's role lacks the right     exit 1   HTTP 403
```

Domain code raises these; the interfaces map them to exit codes and HTTP statuses.
`str(error)` renders `{path}:{line}: {problem}. {hint}` with absent parts left out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

_Code = TypeVar("_Code")


class YaluError(Exception):
    """Base of every error yalu raises on purpose."""

    def __init__(
        self,
        problem: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: str | int | None = None,
        hint: str | None = None,
    ) -> None:
        self.problem = problem
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        """Return the one-line message: `path:line: problem. hint`."""
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
            where += ": "
        elif self.line is not None:
            where = f"line {self.line}: "
        message = where + self.problem.rstrip(".")
        if self.column is not None:
            message += f" (column {self.column})"
        message += "."
        if self.hint:
            message += " " + self.hint.rstrip(".") + "."
        return " ".join(message.split())


class InputError(YaluError):
    """Input the user can fix: a file, an option or a query."""


class ListFormatError(InputError):
    """A sanctions list file cannot be parsed."""


class CaseFormatError(InputError):
    """A FLEE case folder is incomplete or malformed."""


class ScenarioError(InputError):
    """A displacement scenario file or lever is malformed."""


class ShipmentFormatError(InputError):
    """A shipment or supplier file is malformed."""


class ConfigError(InputError):
    """A setting has an invalid value."""


class NotFoundError(YaluError):
    """An unknown entity, list, scenario or run id."""


class NetworkError(YaluError):
    """A download failed: offline, refused or interrupted."""


class StoreError(YaluError):
    """The database cannot be read or written."""


class MissingExtraError(YaluError):
    """An optional dependency is not installed."""


class AuthenticationError(YaluError):
    """A request carries no API key or session, or an unknown or revoked one."""


class TooManyAttemptsError(AuthenticationError):
    """A client sent too many wrong keys or passwords; it must wait `retry_after_s`."""

    def __init__(self, problem: str, *, retry_after_s: int, hint: str | None = None) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(problem, hint=hint)


class RateLimitedError(YaluError):
    """A known caller made more requests than its rate allows; it must wait `retry_after_s`."""

    def __init__(self, problem: str, *, retry_after_s: int, hint: str | None = None) -> None:
        self.retry_after_s = retry_after_s
        super().__init__(problem, hint=hint)


class PermissionDeniedError(YaluError):
    """The caller is known, but their role does not hold the permission an action needs."""


def code_for(error: YaluError, codes: dict[type[YaluError], _Code], default: _Code) -> _Code:
    """Return the code mapped to the closest class of `error` (exit code, HTTP status...)."""
    for cls in type(error).__mro__:
        if cls in codes:
            return codes[cls]
    return default
