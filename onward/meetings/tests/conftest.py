"""A local HTTP server for feed tests: never the internet."""

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest


@dataclass
class FakeFeeds:
    """Answers by path (query included): (status, body, headers); records each request's headers."""

    base_url: str = ""
    answers: dict[str, tuple[int, bytes, dict[str, str]]] = field(default_factory=dict)
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)

    def serve(self, path: str, body: bytes, *, status: int = 200, headers: dict[str, str] | None = None) -> str:
        self.answers[path] = (status, body, headers or {})
        return self.base_url + path


@pytest.fixture
def feeds(settings: Any) -> Iterator[FakeFeeds]:
    settings.MEETING_FEEDS_ALLOW_PRIVATE = True  # the fake server listens on loopback
    fake = FakeFeeds()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            fake.requests.append((self.path, dict(self.headers)))
            status, body, headers = fake.answers.get(self.path, (404, b"not here", {}))
            if "ETag" in headers and self.headers.get("If-None-Match") == headers["ETag"]:
                status, body = 304, b""
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    fake.base_url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
