"""Colours and line styles shared by the HTML view and the static pictures."""

from __future__ import annotations

__all__ = [
    "COUNTRY_COLOURS",
    "TYPE_COLOURS",
    "country_colour",
    "edge_colour",
    "is_in_place",
]

#: Colour-blind-safe palette (Okabe-Ito) for the most frequent countries, then greys.
COUNTRY_COLOURS = {
    "KR": "#0072B2", "US": "#D55E00", "JP": "#009E73", "GB": "#CC79A7", "IN": "#E69F00",
    "DE": "#56B4E9", "FR": "#F0E442", "CA": "#999999", "AU": "#7F7F7F",
}  # fmt: skip
OTHER_COUNTRY = "#BBBBBB"

TYPE_COLOURS = {
    "loi": "#E69F00", "mou": "#0072B2", "moa": "#56B4E9",
    "research-cooperation-agreement": "#009E73", "implementing-arrangement": "#CC79A7",
    "joint-programme": "#D55E00", "partnership": "#000000", "dialogue": "#7F7F7F",
    "working-group": "#999999", "cooperation-plan": "#F0E442",
}  # fmt: skip
EVENT_COLOUR = "#BBBBBB"


def country_colour(code: str | None) -> str:
    return COUNTRY_COLOURS.get(code or "", OTHER_COUNTRY)


def is_in_place(status: str | None) -> bool:
    """Signed or active agreements are drawn solid; proposed, planned and ended dashed."""
    return status in {"signed", "active"}


def edge_colour(kind: str | None, agreement_type: str | None) -> str:
    """Agreements by their type; shared events in grey."""
    if kind == "event":
        return EVENT_COLOUR
    return TYPE_COLOURS.get(agreement_type or "", "#000000")
