"""What makes the wizard safe to host: the Host check, a cap on request bodies, strict response headers.

- Host: Starlette's ``TrustedHostMiddleware`` against the configured names; its refusal is put in Dutch.
- Bodies: a declared or streamed body over :data:`MAX_BODY` gets a Dutch 413 page, nothing more is read.
- Headers: a Content-Security-Policy of ``'self'`` with no inline script or style, no framing, no referrer,
  and no caching of pages that carry answers.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from starlette.datastructures import Headers, MutableHeaders
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.responses import HTMLResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from protocol.strict_yaml import MAX_BYTES

#: The largest request body: an answers file at its maximum size with a page's own fields, as multipart.
MAX_BODY = 2 * MAX_BYTES + 500_000

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
       "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}

ErrorPage = Callable[[int, str, str], HTMLResponse]


class SecurityHeaders:
    """Adds :data:`HEADERS` to every response, and ``Cache-Control: no-store`` (pages and files carry answers)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
                if not scope["path"].startswith("/static/"):
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuses a body larger than ``limit`` with the Dutch 413 page, whether declared or streamed."""

    def __init__(self, app: ASGIApp, error_page: ErrorPage, limit: int = MAX_BODY) -> None:
        self.app = app
        self.limit = limit
        self.error_page = error_page

    def refusal(self) -> HTMLResponse:
        megabytes = f"{self.limit / 1_000_000:.1f}".replace(".", ",")
        return self.error_page(413, "Te veel gegevens", f"Wat je verstuurde is groter dan {megabytes} MB; "
                               "dat neemt de wizard niet aan. Een antwoordbestand is hoogstens 1 MB.")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self.refusal()(scope, receive, send)
            return
        received, started = 0, False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise _TooLarge()
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except _TooLarge:
            if not started:
                await self.refusal()(scope, receive, send)


class Hosts:
    """Starlette's ``TrustedHostMiddleware``, with its refusal as a Dutch page."""

    def __init__(self, app: ASGIApp, allowed: Sequence[str], error_page: ErrorPage) -> None:
        async def passed(scope: Scope, receive: Receive, send: Send) -> None:
            scope["protocolwizard.host"] = True  # the name was allowed
            await app(scope, receive, send)

        self.checked = TrustedHostMiddleware(passed, allowed_hosts=list(allowed), www_redirect=False)
        self.error_page = error_page

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        refused = False

        async def dutch(message: Message) -> None:
            nonlocal refused
            if message["type"] == "http.response.start" and message["status"] == 400 and not scope.get("protocolwizard.host"):
                refused = True  # the middleware answered before the application saw the request
                return
            if refused:
                if not message.get("more_body"):
                    page = self.error_page(400, "Onbekend adres", "Deze server is niet ingesteld voor dit adres. "
                                           "Gebruik het adres dat de beheerder heeft opgegeven.")
                    await page(scope, receive, send)
                return
            await send(message)

        await self.checked(scope, receive, dutch)
