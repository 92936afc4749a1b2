"""The screening page's search form: who to screen, where to look, and how strictly.

The form is sent with GET, so a search is a URL an analyst can bookmark or share
(`/?name=Kim+Chol&lists=un_sc&threshold=0.9`). It reads the subject's facts (name, type,
birth date, nationality, country, passport and IMO numbers, reference), the filters on list
entries (lists, programme, type, country: `screening.scopes.Scope`) and the threshold and
limit; every value is checked and a wrong one is one line naming the field.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from yalu.core.errors import InputError

QUERY_FIELDS = (
    "name",
    "schema",
    "birth_date",
    "nationality",
    "country",
    "passport_number",
    "imo_number",
    "reference",
)
"""The subject's facts, as the form names them."""
FILTER_FIELDS = ("program", "only_schema", "only_country", "threshold", "limit")
"""The single-valued filters and controls; `lists` may be given several times."""
REVIEW_FIELDS = ("name", "schema", "birth_date", "nationality", "imo_number", "reference")
"""What a decision button sends back with the decision (the `/review` form)."""
MAX_FIELD_LENGTH = 500
MAX_LIMIT = 100


@dataclass(frozen=True, slots=True)
class SearchForm:
    """The values of the search form, as typed (checked when screened)."""

    values: Mapping[str, str] = field(default_factory=dict)
    lists: tuple[str, ...] = ()

    def get(self, key: str) -> str:
        """Return a field's value, "" when it was not given."""
        return self.values.get(key, "")

    @property
    def review(self) -> dict[str, str]:
        """Return the fields a decision button sends back (`REVIEW_FIELDS`)."""
        return {key: self.get(key) for key in REVIEW_FIELDS}

    @property
    def is_filtered(self) -> bool:
        """Return True when a filter narrows the entries searched."""
        return bool(self.lists) or any(
            self.get(key) for key in ("program", "only_schema", "only_country")
        )


def read_search_form(params: Mapping[str, str], lists: Sequence[str]) -> SearchForm:
    """Return the form from a request's parameters; `lists` are the values of `lists`.

    Raises:
        InputError: a value is longer than `MAX_FIELD_LENGTH` characters.
    """
    values: dict[str, str] = {}
    for key in (*QUERY_FIELDS, *FILTER_FIELDS):
        value = params.get(key, "")
        if len(value) > MAX_FIELD_LENGTH:
            raise InputError(
                f"the {key.replace('_', ' ')} is longer than {MAX_FIELD_LENGTH} characters",
                hint="Shorten it",
            )
        values[key] = value
    chosen = tuple(dict.fromkeys(name.strip() for name in lists[:50] if name.strip()))
    return SearchForm(values=values, lists=chosen)


def parse_threshold(text: str, *, default: float) -> float:
    """Return the threshold typed (a number from 0 to 1), `default` when blank.

    Raises:
        InputError: not a number from 0 to 1.
    """
    text = text.strip()
    if not text:
        return default
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0.0 <= value <= 1.0:
        raise InputError(
            f"threshold '{text}' is not a number from 0 to 1",
            hint=f"Use e.g. 0.9, or leave it blank for {default}",
        )
    return value


def parse_limit(text: str, *, default: int) -> int:
    """Return the number of rows asked for (1 to `MAX_LIMIT`), `default` when blank.

    Raises:
        InputError: not a whole number from 1 to MAX_LIMIT.
    """
    text = text.strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= MAX_LIMIT:
        raise InputError(
            f"limit '{text}' is not a whole number from 1 to {MAX_LIMIT}",
            hint=f"Leave it blank for {default}",
        )
    return int(text)
