"""What may become an IRI: checks that keep bad addresses out of RDF, SPARQL and SHACL.

A source address with ``{``, ``|`` or ``^`` used to pass validation and then crash the
export: RDF parsers and SPARQL engines refuse such IRIs (RFC 3987 forbids them). Checked
when the data is read, the problem is reported at its line like any other.
"""

from __future__ import annotations

import re

__all__ = ["http_url_problem", "iri_problem", "ror_problem"]

#: Characters RFC 3987 leaves out of IRIs (and Turtle, N-Triples and SPARQL refuse in <...>).
_FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
#: A host is a name or an IPv6 literal in brackets (``[::1]``), with an optional port.
_HTTP = re.compile(
    r"https?://(?:[^/?#@:\[\]]+|\[[0-9A-Fa-f:.]+\])(?::[0-9]*)?(?:[/?#].*)?", re.DOTALL
)

#: Crockford's base 32, in which ROR writes the body of its identifiers.
_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
_ROR = re.compile(r"0[0-9a-hjkmnp-tv-z]{6}[0-9]{2}")


def iri_problem(text: str) -> str | None:
    """Why ``text`` is not an absolute IRI, or None if it is one."""
    if not _SCHEME.match(text):
        return "is not an absolute IRI (it needs a scheme such as https:)"
    if found := _FORBIDDEN.search(text):
        return f"contains {found[0]!r}, which an IRI may not contain (RFC 3987)"
    return None


def http_url_problem(text: str) -> str | None:
    """Why ``text`` is not an http(s) address with a host, or None if it is one."""
    if not _HTTP.fullmatch(text):
        return "is not an http(s) address with a host"
    return iri_problem(text)


def ror_problem(text: str) -> str | None:
    """Why ``text`` is not a ROR id, its checksum included, or None if it is one.

    A ROR id is ``0``, six characters of Crockford base 32 and two check digits: ISO 7064
    mod 97-10 of the number the first seven characters spell (``05xpvk416``).
    """
    if not _ROR.fullmatch(text):
        return "is not a ROR id such as '05xpvk416' (0, six letters or digits, two digits)"
    number = 0
    for char in text[:7]:
        number = number * 32 + _CROCKFORD.index(char)
    expected = 98 - (number * 100) % 97
    if int(text[7:]) != expected:
        return f"has check digits {text[7:]}, not {expected:02d}: a digit is wrong"
    return None
