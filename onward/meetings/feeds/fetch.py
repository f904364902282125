"""Reading a feed from a file or over HTTP, with a timeout, a size limit and conditional GET (formats.md §1.1, §4.2)."""

import http.client
import ipaddress
import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urljoin, urlsplit

from onward.meetings.feeds.record import FeedError

MAX_FEED_BYTES = 50 * 1024 * 1024
TIMEOUT_SECONDS = 60.0
HTTP_OK, HTTP_NOT_MODIFIED = 200, 304


@dataclass(frozen=True)
class Fetched:
    body: bytes | None  # None: the server answered 304 Not Modified
    etag: str = ""
    last_modified: str = ""


def is_url(location: str) -> bool:
    return location.lower().startswith(("http://", "https://"))


def bmlt_search_url(root: str, service_body_ids: list[int], *, recursive: bool = True) -> str:
    """The one GetSearchResults request of §2.2, with the used formats in the answer."""
    query = {"switcher": "GetSearchResults", "get_used_formats": "1", "lang_enum": "en"}
    if service_body_ids:
        query |= {"services": ",".join(str(i) for i in service_body_ids), "recursive": "1" if recursive else "0"}
    return f"{root.rstrip('/')}/client_interface/json/?{urlencode(query)}"


def bmlt_formats_url(root: str) -> str:
    return f"{root.rstrip('/')}/client_interface/json/?{urlencode({'switcher': 'GetFormats', 'lang_enum': 'en'})}"


def read_file(path: Path, *, max_bytes: int = MAX_FEED_BYTES) -> Fetched:
    try:
        with path.open("rb") as handle:
            body = handle.read(max_bytes + 1)
    except OSError as error:
        raise FeedError("fetch_failed", f"cannot read {path}: {error.strerror or error}") from error
    if len(body) > max_bytes:
        raise FeedError("fetch_failed", f"{path} is larger than {max_bytes} bytes")
    return Fetched(body)


def names_private_address(url: str) -> bool:
    """Whether the URL's host is, or resolves now to, a loopback, private, link-local or otherwise
    non-global address (a name that does not resolve now is not: the refresh reports it)."""
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError):
        return False
    return any(not ipaddress.ip_address(str(address).split("%")[0]).is_global for address in addresses)


def refuse_private(url: str) -> None:
    """A feed is fetched from public addresses only: a URL whose host is (or resolves to) a loopback,
    private, link-local or otherwise non-global address is refused, so a registered source cannot make
    the server read its own network (server-side request forgery). `ONWARD_MEETING_FEEDS_ALLOW_PRIVATE`
    lifts this for a deployment that keeps its feeds inside (and for tests' local servers)."""
    host = urlsplit(url).hostname or ""
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except (OSError, UnicodeError) as error:
        raise FeedError("fetch_failed", f"cannot resolve {host or url}: {error}") from error
    for address in addresses:
        if not ipaddress.ip_address(str(address).split("%")[0]).is_global:
            raise FeedError(
                "fetch_failed",
                f"{host} is a private or local address; feeds are fetched from public addresses only"
                " (ONWARD_MEETING_FEEDS_ALLOW_PRIVATE)",
            )


def _public_connection(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
    """`socket.create_connection` that keeps the socket only if its peer is a public address. The name was
    checked before the request (`refuse_private`), but the connection resolves it again: a name that
    answers with a public address first and a local one next (DNS rebinding) is caught here."""
    sock = socket.create_connection(address, *args, **kwargs)
    peer = str(sock.getpeername()[0]).split("%")[0]
    if not ipaddress.ip_address(peer).is_global:
        sock.close()
        raise FeedError(
            "fetch_failed",
            f"{address[0]} connected to {peer}, a private or local address; feeds are fetched from public"
            " addresses only (ONWARD_MEETING_FEEDS_ALLOW_PRIVATE)",
        )
    return sock


class _PublicHTTPConnection(http.client.HTTPConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class _PublicHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._create_connection = _public_connection


class _PublicHTTPHandler(urllib.request.HTTPHandler):
    """Direct connections to public peers only; through a configured proxy, the proxy resolves and connects."""

    def http_open(self, req: Any) -> Any:
        return self.do_open(http.client.HTTPConnection if req.has_proxy() else _PublicHTTPConnection, req)


class _PublicHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req: Any) -> Any:
        connection = http.client.HTTPSConnection if req.has_proxy() else _PublicHTTPSConnection
        return self.do_open(connection, req, context=self._context)  # type: ignore[attr-defined]


class _PublicRedirects(urllib.request.HTTPRedirectHandler):
    """Follows a redirect only to another public http(s) address."""

    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        if not is_url(newurl):
            raise FeedError("fetch_failed", f"{req.full_url} redirected to {newurl}, not an http(s) address")
        refuse_private(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def read_url(
    url: str,
    *,
    etag: str = "",
    last_modified: str = "",
    timeout: float = TIMEOUT_SECONDS,
    max_bytes: int = MAX_FEED_BYTES,
    allow_private: bool = False,
) -> Fetched:
    """GET with `If-None-Match`/`If-Modified-Since`; a 304 gives `body=None`; other failures raise fetch_failed.
    Public addresses only, redirects included, unless `allow_private`: the name is checked before the
    request (`refuse_private`) and the connected peer again (`_public_connection`)."""
    if not allow_private:
        refuse_private(url)
    opener = (
        urllib.request.build_opener()
        if allow_private
        else urllib.request.build_opener(_PublicRedirects, _PublicHTTPHandler, _PublicHTTPSHandler)
    )
    headers = {"Accept": "application/json", "User-Agent": "Onward meeting import"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 - the scheme is checked by is_url
    try:
        with opener.open(request, timeout=timeout) as response:
            if response.status != HTTP_OK:
                raise FeedError("fetch_failed", f"{url} answered HTTP {response.status}")
            body = response.read(max_bytes + 1)
            found_etag, found_modified = response.headers.get("ETag", ""), response.headers.get("Last-Modified", "")
    except urllib.error.HTTPError as error:
        if error.code == HTTP_NOT_MODIFIED:
            return Fetched(None, etag, last_modified)
        raise FeedError("fetch_failed", f"{url} answered HTTP {error.code}") from error
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise FeedError("fetch_failed", f"cannot fetch {url}: {getattr(error, 'reason', error)}") from error
    if len(body) > max_bytes:
        raise FeedError("fetch_failed", f"{url} sent more than {max_bytes} bytes")
    return Fetched(body, found_etag, found_modified)


def decode(body: bytes) -> Any:
    """UTF-8 JSON, a byte-order mark tolerated; anything else is `feed_unreadable`."""
    try:
        return json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise FeedError("feed_unreadable", f"the feed is not valid UTF-8 JSON: {error}") from error


FEED_LINK_TITLE = "meetings feed"


class _FeedLink(HTMLParser):
    """The first `<link rel="alternate" type="application/json" title="Meetings Feed" href>` (§1.1)."""

    def __init__(self) -> None:
        super().__init__()
        self.href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "link" or self.href:
            return
        found = {name: (value or "").strip() for name, value in attrs}
        rels = found.get("rel", "").lower().split()
        if (
            "alternate" in rels
            and found.get("type", "").lower() == "application/json"
            and found.get("title", "").lower() == FEED_LINK_TITLE
        ):
            self.href = found.get("href", "")


def feed_link(body: bytes, page_url: str) -> str:
    """The feed a web page advertises in its head, as an absolute http(s) URL; "" when it names none."""
    head = body.lstrip()[:1]
    if head != b"<":
        return ""
    parser = _FeedLink()
    parser.feed(body.decode("utf-8", errors="replace"))
    href = urljoin(page_url, parser.href) if parser.href else ""
    return href if is_url(href) else ""
