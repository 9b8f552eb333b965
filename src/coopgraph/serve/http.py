"""HTTP for the remote commands: one request, optional login, and one-line errors.

The standard library's urllib is enough: it speaks Basic and Digest authentication
(Virtuoso's Graph Store endpoint asks for Digest) through its handlers, so no HTTP
package is added. Every failure (nobody listening, an unknown host, a time-out, an HTTP
error status) becomes a :class:`RemoteError` naming the URL in one line: the CLI prints
it as ``Error: ...`` with exit code 1, never a traceback.

Passwords come from ``COOPGRAPH_PASSWORD`` or ``~/.netrc``, never from the command line
(where other users see it in the process list and the shell keeps it in its history),
and never appear in a message.
"""

from __future__ import annotations

import base64
import netrc
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from coopgraph.errors import CoopgraphError, UsageError

__all__ = ["Answer", "Login", "RemoteError", "login_for", "request"]

PASSWORD_ENV = "COOPGRAPH_PASSWORD"
#: The most of an error body shown: servers answer errors with whole HTML pages.
_SHOWN = 160


class RemoteError(CoopgraphError):
    """The remote endpoint failed or could not be reached (exit code 1)."""


@dataclass(frozen=True)
class Login:
    user: str
    password: str

    def __repr__(self) -> str:  # never show the password, even in a traceback with --debug
        return f"Login(user={self.user!r}, password=...)"


@dataclass(frozen=True)
class Answer:
    status: int
    content_type: str
    body: bytes


def login_for(url: str, user: str | None) -> Login | None:
    """The login for ``url``: ``--user`` (or the ``~/.netrc`` entry of its host) with the
    password from ``COOPGRAPH_PASSWORD``, else from ``~/.netrc``; ``None`` without a user.

    A user without a password anywhere is a usage error: asking the server without one
    would only end in a less helpful 401.
    """
    host = urllib.parse.urlsplit(url).hostname or ""
    entry = _netrc_entry(host)
    if user is None and entry is not None and entry[0]:
        user = entry[0]
    if user is None:
        return None
    password = os.environ.get(PASSWORD_ENV)
    if password is None and entry is not None and entry[0] in {user, ""}:
        password = entry[1]
    if password is None:
        raise UsageError(
            f"no password for {user!r} at {host}: set {PASSWORD_ENV} or add a "
            f"'machine {host} login {user} password ...' line to ~/.netrc"
        )
    return Login(user, password)


def _netrc_entry(host: str) -> tuple[str, str] | None:
    """(login, password) of ``host`` in ``$NETRC`` or ``~/.netrc``, if the file has one."""
    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        found = netrc.netrc(str(path)).authenticators(host)
    except (netrc.NetrcParseError, OSError) as error:
        raise UsageError(f"cannot read {path}: {error}") from None
    if found is None:
        return None
    login, _, password = found
    return (login or "", password or "")


def _opener(url: str, login: Login | None) -> urllib.request.OpenerDirector:
    """An opener that answers a 401 with the login, by Basic or Digest as the server asks.

    urllib tries Digest before Basic (it is safer), and sends the password only when
    challenged, so a server that does not ask never sees it.
    """
    handlers: list[urllib.request.BaseHandler] = []
    if login is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, login.user, login.password)
        handlers += [
            urllib.request.HTTPDigestAuthHandler(passwords),
            urllib.request.HTTPBasicAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


def request(
    method: str,
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    timeout: float | None = None,
    login: Login | None = None,
    what: str = "the endpoint",
    shown: str | None = None,
) -> Answer:
    """Send one request; any failure is a :class:`RemoteError` naming the URL in one line
    (``shown``: the URL as the user gave it, when ``url`` adds a query to it).

    ``timeout`` bounds each wait on the network (connecting, then each read), as the
    socket does: ``None`` or 0 waits as long as the server takes.
    """
    shown = _without_password(shown or url)
    if urllib.parse.urlsplit(url).scheme not in {"http", "https"}:
        raise UsageError(f"{shown} is not an http:// or https:// URL")
    prepared = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        if data:
            _log_in_first(prepared, login, timeout)
        with _opener(url, login).open(prepared, timeout=timeout or None) as response:
            return Answer(
                response.status, response.headers.get("Content-Type", ""), response.read()
            )
    except urllib.error.HTTPError as error:
        hint = ""
        if error.code in {401, 403}:
            hint = (
                " (wrong user or password?)"
                if login
                else " (log in with --user NAME; the password from COOPGRAPH_PASSWORD or ~/.netrc)"
            )
        raise RemoteError(
            f"{what} {shown} answered HTTP {error.code}{_detail(error)}{hint}"
        ) from None
    except urllib.error.URLError as error:
        raise RemoteError(f"{what} {shown} cannot be reached: {_reason(error.reason)}") from None
    except TimeoutError:
        raise RemoteError(
            f"{what} {shown} did not answer within {timeout:g} s (--timeout sets the limit)"
        ) from None
    except (OSError, ValueError) as error:  # a connection reset mid-answer, a bad port
        raise RemoteError(f"{what} {shown} failed: {_reason(error)}") from None


def _log_in_first(
    prepared: urllib.request.Request, login: Login | None, timeout: float | None
) -> None:
    """Answer the server's login challenge, and check the login, before sending a body.

    urllib sends a request unauthenticated and logs in when it gets 401; with a large body
    (a push), Virtuoso answers 401 and closes the connection while the body is still being
    sent, and the push failed with "Broken pipe" now and then, a wrong password too. So a
    HEAD fetches the challenge, a second HEAD checks the login (a wrong password is HTTP
    401 here, as the user should hear it), and the answer (Digest, as urllib's handler
    computes it, or Basic) goes with the request itself. A server that asks nothing gets
    nothing; one that asks when no login was given is answered 401 before any body.
    """
    url = prepared.full_url
    try:
        urllib.request.build_opener().open(
            urllib.request.Request(url, method="HEAD"), timeout=timeout or None
        ).close()
        return
    except urllib.error.HTTPError as error:
        if error.code != 401:
            return  # HEAD not served, or another answer: the request itself will tell
        if login is None:
            raise
        challenge = error.headers.get("WWW-Authenticate", "")
    scheme, _, rest = challenge.partition(" ")
    passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
    passwords.add_password(None, url, login.user, login.password)
    digest = urllib.request.HTTPDigestAuthHandler(passwords)
    fields = urllib.request.parse_keqv_list(filter(None, urllib.request.parse_http_list(rest)))
    token = base64.b64encode(f"{login.user}:{login.password}".encode()).decode("ascii")

    def authorize(request: urllib.request.Request) -> None:
        if scheme.lower() == "digest" and (answer := digest.get_authorization(request, fields)):
            request.add_unredirected_header("Authorization", f"Digest {answer}")
        elif scheme.lower() == "basic":
            request.add_unredirected_header("Authorization", f"Basic {token}")

    check = urllib.request.Request(url, method="HEAD")
    authorize(check)
    try:
        _opener(url, login).open(check, timeout=timeout or None).close()
    except urllib.error.HTTPError as error:
        if error.code not in {405, 501}:  # 401: a wrong login; Virtuoso logs in, then 501s HEAD
            raise
    authorize(prepared)


def _reason(reason: object) -> str:
    if isinstance(reason, socket.timeout | TimeoutError):
        return "timed out"
    if isinstance(reason, socket.gaierror):
        return "unknown host"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror
    return " ".join(str(reason).split()) or type(reason).__name__


def _detail(error: urllib.error.HTTPError) -> str:
    """``: reason`` from the start of an error body, when it is plain text worth a line."""
    try:
        body = error.read(2048)
    except (OSError, ValueError):
        body = b""
    kind = error.headers.get("Content-Type", "") if error.headers else ""
    text = " ".join(body.decode("utf-8", "replace").split())
    if not text or "html" in kind or text.startswith("<"):
        return f" {error.reason}" if error.reason else ""
    return f": {text[:_SHOWN]}{'...' if len(text) > _SHOWN else ''}"


def _without_password(url: str) -> str:
    """The URL as shown in messages: a password written into it is masked."""
    parts = urllib.parse.urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urllib.parse.urlunsplit(parts._replace(netloc=netloc))
