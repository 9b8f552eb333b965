"""The filters every listing shares: type, field, status, dates, parties, countries.

:meth:`Filter.create` checks the values a user typed (an unknown type or field is a usage
error with a suggestion, names go through the resolver) so that a typo never silently
returns an empty answer. The resulting :class:`Filter` decides for each agreement or
event whether it belongs.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from dataclasses import dataclass

from coopgraph.dates import DateSpan, PartialDate
from coopgraph.errors import NotFoundError, UsageError
from coopgraph.index import Index
from coopgraph.models import Agreement, Event, Party
from coopgraph.resolve import Resolver, normalize
from coopgraph.suggest import check_vocabulary
from coopgraph.vocabulary import AGREEMENT_STATUSES, AGREEMENT_TYPES, EVENT_TYPES, IN_PLACE_STATUSES

__all__ = ["Filter", "check_countries", "parse_day", "parse_partial"]


def parse_partial(text: str, option: str) -> PartialDate:
    try:
        return PartialDate.parse(text)
    except ValueError as error:
        raise UsageError(f"{option}: {error}") from None


def parse_day(text: str, option: str) -> dt.date:
    """A date for ``--as-of``: a month or year means its last day (what was in place by then)."""
    return parse_partial(text, option).latest()


def check_countries(index: Index, values: Iterable[str]) -> frozenset[str]:
    """ISO 3166-1 alpha-2 codes, upper-cased; an unknown code is a NotFoundError.

    A valid code no record has (``FR``) is a fair question with an empty answer; ``XX`` is
    a typo, answered with the nearest codes the data uses.
    """
    from coopgraph.models import country_codes

    codes = [value.upper() for value in values]
    for code in codes:
        if code not in country_codes():
            used = sorted({agency.country for agency in index.agencies.values()})
            close = difflib.get_close_matches(code, used, cutoff=0.5)
            raise NotFoundError("country", code, close or used)
    return frozenset(codes)


@dataclass(frozen=True)
class Filter:
    """Which agreements and events a query keeps. Empty sets mean "any"."""

    types: frozenset[str] = frozenset()
    event_types: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()  # already widened to narrower fields
    statuses: frozenset[str] = frozenset()
    since: PartialDate | None = None
    until: PartialDate | None = None
    as_of: dt.date | None = None
    parties: frozenset[str] = frozenset()
    countries: frozenset[str] = frozenset()

    @classmethod
    def create(
        cls,
        index: Index,
        *,
        types: Iterable[str] = (),
        event_types: Iterable[str] = (),
        fields: Iterable[str] = (),
        statuses: Iterable[str] = (),
        since: str | None = None,
        until: str | None = None,
        as_of: str | None = None,
        parties: Iterable[str] = (),
        countries: Iterable[str] = (),
    ) -> Filter:
        """Check and resolve what a user typed; raises UsageError subclasses."""
        resolver = Resolver(index)
        field_ids = [field_id(index, name) for name in fields]
        since_date = parse_partial(since, "--since") if since else None
        until_date = parse_partial(until, "--until") if until else None
        if since_date and until_date and until_date.latest() < since_date.earliest():
            raise UsageError(f"--until {until} is before --since {since}")
        return cls(
            types=check_vocabulary(types, AGREEMENT_TYPES, "agreement type"),
            event_types=check_vocabulary(event_types, EVENT_TYPES, "event type"),
            fields=frozenset(index.field_and_narrower(field_ids)),
            statuses=check_vocabulary(statuses, AGREEMENT_STATUSES, "status"),
            since=since_date,
            until=until_date,
            as_of=parse_day(as_of, "--as-of") if as_of else None,
            parties=frozenset(resolver.agency(name).id for name in parties),
            countries=check_countries(index, countries),
        )

    def _in_window(self, when: DateSpan | None) -> bool:
        if self.since is None and self.until is None:
            return True
        if when is None:
            return False
        if self.since is not None and when.latest() < self.since.earliest():
            return False
        return self.until is None or when.earliest() <= self.until.latest()

    def _parties_match(self, index: Index, parties: list[Party]) -> bool:
        if self.parties:
            named = {i for p in parties for i in (p.agency, p.unit) if i}
            if not self.parties <= named:
                return False
        if self.countries:
            countries = {index.country_of(p.agency) if p.agency else p.country for p in parties}
            if not self.countries <= countries:
                return False
        return True

    def keeps_agreement(self, index: Index, agreement: Agreement) -> bool:
        if self.types and agreement.type not in self.types:
            return False
        if self.statuses and agreement.status not in self.statuses:
            return False
        if self.fields and self.fields.isdisjoint(agreement.fields):
            return False
        if (
            self.as_of is not None
            and index.status_on(agreement, self.as_of) not in IN_PLACE_STATUSES
        ):
            return False
        return self._in_window(agreement.date) and self._parties_match(index, agreement.parties)

    def keeps_event(self, index: Index, event: Event) -> bool:
        """Events have no agreement type or status: those filters do not apply to them.

        As of a day, an event counts once it has begun and unless it is only planned or
        was cancelled: what had taken place by then.
        """
        if self.event_types and event.type not in self.event_types:
            return False
        if self.fields and self.fields.isdisjoint(event.fields):
            return False
        if self.as_of is not None and (
            event.date is None
            or event.date.earliest() > self.as_of
            or event.status in {"planned", "cancelled"}
        ):
            return False
        parties = [*event.organisers, *event.participants]
        return self._in_window(event.date) and self._parties_match(index, parties)


def field_id(index: Index, name: str) -> str:
    if name in index.fields:
        return name
    wanted = normalize(name)
    for field in index.fields.values():
        if wanted in {normalize(field.id), *(normalize(t) for t in field.label.values())}:
            return field.id
    close = difflib.get_close_matches(name, list(index.fields), n=2, cutoff=0.5)
    raise NotFoundError("field", name, close)
