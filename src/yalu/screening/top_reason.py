"""Why the best candidate of a screening is, or is not, a match: one line for a person.

The page shows it above the candidates; it reads the candidate's score against the
threshold, the name comparison, and the fact that weighed most for (or against) it.
"""

from __future__ import annotations

from collections.abc import Sequence

from yalu.models.scores import format_effect, format_score, format_threshold, shown_decimals
from yalu.models.screening import Feature, Match


def top_reason(query_name: str, matches: Sequence[Match], *, threshold: float) -> str:
    """Return one line saying why the first of `matches` is or is not a match.

    Args:
        query_name: the name screened.
        matches: the candidates shown, best first.
        threshold: the score at or above which a candidate is a match.
    """
    if not matches:
        return f"No candidate: no list entry in scope resembles '{query_name}'."
    top = matches[0]
    who = f"{top.caption or top.name} ({top.list} {top.entity_id})"
    verdict = "is a match" if top.is_match else "is not a match"
    if top.decision is not None:
        decision = top.decision
        said = decision.verdict.replace("_", " ")
        return f"The top candidate, {who}, {verdict}: reviewed as {said} by {decision.by}."
    decimals = shown_decimals(threshold)
    score, cut = format_score(top.score, decimals), format_threshold(threshold)
    sign = "at or above" if top.is_match else "below"
    parts = [f"score {score} is {sign} the threshold {cut}", _name_part(top)]
    weighed = _weighed(top.features, for_match=top.is_match)
    if weighed is not None:
        label = "helped most" if top.is_match else "held it back"
        parts.append(f"{label}: {weighed.name} {format_effect(weighed.effect)} ({weighed.detail})")
    return f"The top candidate, {who}, {verdict}: " + "; ".join(parts) + "."


def _name_part(match: Match) -> str:
    name = next((f for f in match.features if f.name == "name"), None)
    detail = f" ({name.detail})" if name is not None and name.detail else ""
    return f"'{match.query_name}' ~ '{match.name}'{detail}"


def _weighed(features: Sequence[Feature], *, for_match: bool) -> Feature | None:
    """Return the fact other than the name that weighed most for a match (or against one)."""
    others = [f for f in features if f.name != "name" and f.effect != 0]
    if for_match:
        helped = [f for f in others if f.effect > 0]
        return max(helped, key=lambda f: f.effect) if helped else None
    hurt = [f for f in others if f.effect < 0]
    return min(hurt, key=lambda f: f.effect) if hurt else None
