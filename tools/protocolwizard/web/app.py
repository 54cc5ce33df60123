"""The browser wizard as a Starlette application: routes, error pages and the safety layers.

Routes: ``GET /`` the start page; ``POST /stap`` every step (the answers come with the form);
``POST /upload`` an answers file to continue with; ``GET /kwestie/<kwestie id>`` the wizard at one kwestie
(the handbook links there); ``POST /download/<file>`` a file of the draft; ``GET /gezond`` for a load
balancer; ``/static`` the site's own CSS and script. Configuration comes from the environment, so that every
uvicorn worker builds the same application (:func:`create_app`).
"""

from __future__ import annotations

import contextlib
import logging
import os
from pathlib import Path, PurePath

import anyio.to_thread
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from protocol.strict_yaml import MAX_BYTES

from ..answers import Context
from ..output import ANSWERS_FILE
from ..services import context as default_context
from . import downloads
from .carried import Refused, read_answers
from .pages import Page, Wizard, environment
from .forms import Submitted
from .security import MAX_BODY, BodyLimit, Hosts, SecurityHeaders
from .server import configured_hosts, default_hosts

STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger("protocolwizard.web")


def allowed_hosts() -> list[str]:
    """The Host names to answer: ``PROTOCOLWIZARD_HOSTS`` (comma-separated), else localhost and 127.0.0.1."""
    return configured_hosts() or default_hosts("127.0.0.1")


def upload_name(filename: str | None) -> str:
    """The uploaded file's own name for messages, if it is a plain one; else ``antwoorden.yaml``."""
    name = PurePath((filename or "").replace("\\", "/")).name
    if name and len(name) <= 100 and name.isprintable():
        return name
    return ANSWERS_FILE


def create_app(context: Context | None = None, hosts: list[str] | None = None) -> Starlette:
    context = context or default_context()
    wizard = Wizard(context)
    env = environment()

    def render(page: Page) -> HTMLResponse:
        return HTMLResponse(env.get_template(page.template).render(**page.values), status_code=page.status)

    def error_page(status: int, title: str, message: str, headers: dict | None = None) -> HTMLResponse:
        html = env.get_template("fout.html").render(title=title, message=message, status=status, step="fout")
        return HTMLResponse(html, status_code=status, headers=headers)

    def form_of(request: Request):
        """The submitted form, closed (temporary files and all) when the ``async with`` ends."""
        return request.form(max_part_size=MAX_BYTES + 100_000)

    async def start(request: Request) -> Response:
        return render(wizard.start())

    async def step(request: Request) -> Response:
        async with form_of(request) as form:
            result = await run_in_threadpool(wizard.submit, Submitted(form))
        if isinstance(result, Page):
            return render(result)
        return attachment(result)

    async def upload(request: Request) -> Response:
        async with form_of(request) as form:
            sent = form.get("bestand")
            if sent is None or isinstance(sent, str) or not sent.filename:
                return render(wizard.start(["Kies eerst een antwoordbestand (.yaml) om te uploaden."], status=400))
            raw = await sent.read(MAX_BYTES + 1)
            name = upload_name(sent.filename)
        return render(await run_in_threadpool(uploaded, raw, name))

    def uploaded(raw: bytes, name: str) -> Page:
        try:
            answers = read_answers(raw, context, name)
        except Refused as refused:
            return wizard.start(refused.problems, status=400)
        page = wizard.page(answers, wizard.carry(answers), "overzicht")
        page.values["warnings"] = answers.warnings
        return page

    async def kwestie(request: Request) -> Response:
        page = await run_in_threadpool(wizard.open_kwestie, request.path_params["kwestie"])
        if page is None:
            raise HTTPException(404)
        return render(page)

    async def download(request: Request) -> Response:
        name = request.path_params["bestand"]
        if not downloads.known(name):
            raise HTTPException(404)
        async with form_of(request) as form:
            text = Submitted(form).text("antwoorden")
        try:
            answers = read_answers(text, context)
            made = await run_in_threadpool(downloads.make_file, name, text, context, wizard.handbook(answers))
        except Refused:
            return render(await run_in_threadpool(_result_with_problems, text))
        except downloads.Busy:
            return error_page(503, "Even geduld", "Er worden nu te veel pdf's tegelijk gemaakt. Probeer het over "
                              "een halve minuut nog eens, of download het concept in Word.",
                              headers={"Retry-After": str(downloads.RETRY_AFTER)})
        except downloads.NotMade as error:
            return error_page(503, "Geen pdf", f"{error} Download het concept in Word of als webpagina.",
                              headers={"Retry-After": str(downloads.RETRY_AFTER)})
        log.info("download %s (%d bytes)", name, len(made.content))
        return attachment(made)

    def _result_with_problems(text: str) -> Page:
        try:
            answers = read_answers(text, context)
        except Refused as refused:
            return wizard.start(refused.problems, status=400)
        page = wizard.page(answers, text, "resultaat")
        page.status = 400
        return page

    async def healthy(request: Request) -> Response:
        return JSONResponse({"status": "gezond", "kaarten": len(context.cards)})

    async def not_found(request: Request, exc: Exception) -> Response:
        return error_page(404, "Pagina niet gevonden", "Deze pagina bestaat niet. Begin opnieuw op de startpagina.")

    async def not_allowed(request: Request, exc: Exception) -> Response:
        return error_page(405, "Niet zo te openen", "Deze pagina opent alleen via een knop van de wizard. "
                          "Begin op de startpagina; je antwoorden staan nog in je browser.")

    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("interne fout bij %s %s: %s", request.method, request.url.path, type(exc).__name__)
        return error_page(500, "Er ging iets mis", "Er ging iets mis in de wizard. Je antwoorden staan nog in je "
                          "browser; probeer het opnieuw vanaf de startpagina.")

    routes = [
        Route("/", start),
        Route("/stap", step, methods=["POST"]),
        Route("/upload", upload, methods=["POST"]),
        Route("/kwestie/{kwestie:path}", kwestie),
        Route("/download/{bestand}", download, methods=["POST"]),
        Route("/gezond", healthy),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
    middleware = [
        Middleware(SecurityHeaders),
        Middleware(Hosts, allowed=hosts or allowed_hosts(), error_page=error_page),
        Middleware(BodyLimit, error_page=error_page, limit=MAX_BODY),
    ]
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                     exception_handlers={404: not_found, 405: not_allowed, 500: server_error})


#: Requests one process works on at the same time (reading, checking, rendering); more wait their turn.
#: The work holds the GIL, so more threads add memory, not speed.
THREADS = int(os.environ.get("PROTOCOLWIZARD_THREADS", "4"))


@contextlib.asynccontextmanager
async def lifespan(app: Starlette):
    anyio.to_thread.current_default_thread_limiter().total_tokens = THREADS
    yield


def attachment(made: downloads.File) -> Response:
    return Response(made.content, media_type=made.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{made.name}"'})
