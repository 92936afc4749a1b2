"""Levers given as command-line options, checked by the scenario file's own rules.

Formats (FIRST-LAST is an inclusive day range; omit `@...` for the whole run)::

    --close TARGET=FACTOR[@FIRST-LAST]        TARGET: crossing, china|russia|dmz|sea|all
    --open TARGET[=PEOPLE_PER_DAY][@FIRST-LAST]
    --repatriate RATE_PER_DAY[@FIRST-LAST]
    --camp PLACE=CAPACITY[@FIRST-LAST]
    --refugee-status ATTRACTIVENESS[@FIRST-LAST]
    --resettle RATE_PER_DAY[@FIRST-LAST]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from yalu.core.errors import ScenarioError
from yalu.displacement.scenarios.schema import parse_levers
from yalu.displacement.scenarios.yaml_lines import Reader
from yalu.models.displacement import Case
from yalu.models.scenarios import Crossing, Levers, ScenarioSpec

WHERE = "command line"


@dataclass(frozen=True, slots=True)
class LeverOptions:
    """Raw lever options as typed on the command line."""

    close: Sequence[str] = ()
    open: Sequence[str] = ()
    repatriate: Sequence[str] = ()
    camp: Sequence[str] = ()
    refugee_status: Sequence[str] = ()
    resettle: Sequence[str] = ()


def _number(text: str, option: str) -> float | int:
    """Return `text` as an int or float, or raise a one-line error naming the option."""
    try:
        return int(text) if text.strip().lstrip("-").isdigit() else float(text)
    except ValueError as exc:
        raise ScenarioError(
            f"{option} {text!r}: not a number", path=WHERE, hint="Use digits, e.g. 0.5 or 1000"
        ) from exc


def _split(text: str, option: str) -> tuple[str, dict[str, Any]]:
    """Return (value part, {"days": [first, last]} or {}) of `VALUE[@FIRST-LAST]`."""
    value, _, days = text.partition("@")
    if not days:
        return value, {}
    first, sep, last = days.partition("-")
    if not sep or not first.strip().isdigit() or not last.strip().isdigit():
        raise ScenarioError(
            f"{option} {text!r}: day range {days!r} is not FIRST-LAST",
            path=WHERE,
            hint="Write e.g. @30-90",
        )
    return value, {"days": [int(first), int(last)]}


def _pair(
    text: str, option: str, *, required: bool = True
) -> tuple[str, str | None, dict[str, Any]]:
    """Return (name, value, days) of `NAME=VALUE[@FIRST-LAST]`."""
    body, days = _split(text, option)
    name, sep, value = body.partition("=")
    if (required and not sep) or not name.strip():
        raise ScenarioError(
            f"{option} {text!r} is not NAME=VALUE",
            path=WHERE,
            hint=f"Write e.g. {option} Sinuiju-Dandong=0.5@30-90",
        )
    return name.strip(), value.strip() if sep else None, days


def levers_from_options(
    options: LeverOptions, case: Case, crossings: tuple[Crossing, ...], days: int
) -> Levers:
    """Return the levers of `options`, checked like a scenario file's `levers:` section.

    Raises:
        ScenarioError: a malformed option, an unknown name, a negative capacity or a day
            range outside the run.
    """
    section: dict[str, list[dict[str, Any]]] = {}
    for text in options.close:
        name, value, when = _pair(text, "--close")
        section.setdefault("close", []).append(
            {"crossing": name, "capacity_factor": _number(value or "", "--close"), **when}
        )
    for text in options.open:
        name, value, when = _pair(text, "--open", required=False)
        item: dict[str, Any] = {"crossing": name, **when}
        if value:
            item["capacity_per_day"] = _number(value, "--open")
        section.setdefault("open", []).append(item)
    for text in options.repatriate:
        value, when = _split(text, "--repatriate")
        section.setdefault("repatriate", []).append(
            {"rate_per_day": _number(value, "--repatriate"), **when}
        )
    for text in options.camp:
        name, value, when = _pair(text, "--camp")
        section.setdefault("camps", []).append(
            {"at": name, "capacity": _number(value or "", "--camp"), **when}
        )
    for text in options.refugee_status:
        value, when = _split(text, "--refugee-status")
        section.setdefault("refugee_status", []).append(
            {"attractiveness": _number(value, "--refugee-status"), **when}
        )
    for text in options.resettle:
        value, when = _split(text, "--resettle")
        section.setdefault("resettle", []).append(
            {"rate_per_day": _number(value, "--resettle"), **when}
        )
    return parse_levers(Reader(WHERE, {}, days), section, crossings, case)


def with_levers(spec: ScenarioSpec, extra: Levers) -> ScenarioSpec:
    """Return `spec` with `extra` levers applied after its own."""
    own = spec.levers
    merged = Levers(
        own.limits + extra.limits,
        own.openings + extra.openings,
        own.repatriation + extra.repatriation,
        own.camps + extra.camps,
        own.refugee_status + extra.refugee_status,
        own.resettlement + extra.resettlement,
    )
    return replace(spec, levers=merged)
