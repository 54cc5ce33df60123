"""The built site served on 127.0.0.1 the way a web host serves it.

For the browser tests and ``make bench``: a missing address gets the site's
404 page (with status 404), and text files are sent gzip-compressed to a
browser that accepts that, as every common host (Read the Docs among them)
does. Only the loopback address is ever bound.
"""

from __future__ import annotations

import gzip
import io
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType

#: Output folders that hold no pages: assets, and the standalone protocol downloads.
NOT_PAGES = ("_static", "_sources", "_images", "downloads")
#: File types sent compressed.
COMPRESSED = {".html", ".css", ".js", ".svg", ".xml", ".txt", ".json", ".map"}
NOT_FOUND_PAGE = "404.html"


def site_pages(outdir: Path) -> list[str]:
    """Every HTML page of a built site, as a path relative to its root."""
    return sorted(
        path.relative_to(outdir).as_posix()
        for path in Path(outdir).rglob("*.html")
        if path.relative_to(outdir).parts[0] not in NOT_PAGES
    )


class SiteHandler(SimpleHTTPRequestHandler):
    compress = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            return super().send_head()  # redirects to a trailing slash, or serves index.html
        if path.is_file():
            return self._send(HTTPStatus.OK, path)
        not_found = Path(self.directory) / NOT_FOUND_PAGE
        if not_found.is_file():
            return self._send(HTTPStatus.NOT_FOUND, not_found)
        return super().send_head()

    def _send(self, status: HTTPStatus, path: Path):
        body = path.read_bytes()
        self.send_response(status)
        self.send_header("Content-Type", self.guess_type(str(path)))
        if path.suffix in COMPRESSED:
            self.send_header("Vary", "Accept-Encoding")
            if self.compress and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body, compresslevel=6, mtime=0)
                self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that stops reading (a new page, a closed tab) is no error."""


class SiteServer:
    """``with SiteServer(outdir) as server: server.url`` serves ``outdir`` on a free local port
    (``compress=False``: as a host without compression)."""

    def __init__(self, directory: Path, compress: bool = True) -> None:
        handler = type("Handler", (SiteHandler,), {"compress": compress})
        self._httpd = _Server(("127.0.0.1", 0), partial(handler, directory=str(directory)))
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}/"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
