"""``protocolwizard web``: start the browser wizard with uvicorn (one or more worker processes)."""

from __future__ import annotations

import argparse
import os

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8765
HOSTS_VARIABLE = "PROTOCOLWIZARD_HOSTS"


def default_hosts(host: str) -> list[str]:
    """The names a local server answers to: localhost, 127.0.0.1 and the address it binds to."""
    return list(dict.fromkeys(["localhost", "127.0.0.1", host]))


def configured_hosts() -> list[str]:
    """The names in ``PROTOCOLWIZARD_HOSTS`` (comma-separated)."""
    return [name.strip() for name in os.environ.get(HOSTS_VARIABLE, "").split(",") if name.strip()]

DESCRIPTION = """\
Start de protocolwizard in de browser. Hij luistert standaard alleen op deze computer (127.0.0.1).
Er wordt niets op de server bewaard: de antwoorden gaan met elk formulier mee en staan in de browser.
Op een server achter een reverse proxy: noem met --toegestane-host de naam waaronder scholen hem
openen, en kies met --workers het aantal processen.
"""


def add_web_command(commands: argparse._SubParsersAction) -> None:
    web = commands.add_parser("web", help="de wizard in de browser starten", description=DESCRIPTION,
                              formatter_class=argparse.RawDescriptionHelpFormatter)
    web.add_argument("--host", default=DEFAULT_HOST, metavar="ADRES",
                     help=f"het adres om op te luisteren (standaard: {DEFAULT_HOST}, alleen deze computer)")
    web.add_argument("--port", type=int, default=DEFAULT_PORT, metavar="POORT",
                     help=f"de poort (standaard: {DEFAULT_PORT})")
    web.add_argument("--workers", type=int, default=1, metavar="N", help="aantal processen (standaard: 1)")
    web.add_argument("--toegestane-host", action="append", default=[], metavar="NAAM", dest="hosts",
                     help=f"een naam waaronder de wizard geopend mag worden (herhaalbaar; ook {HOSTS_VARIABLE}, "
                     "gescheiden door komma's); standaard localhost, 127.0.0.1 en het adres van --host")


def hosts_for(args: argparse.Namespace) -> list[str]:
    return list(dict.fromkeys([*args.hosts, *configured_hosts()])) or default_hosts(args.host)


def run_web(args: argparse.Namespace) -> int:
    import uvicorn

    if not 0 < args.port < 65536 or args.workers < 1:
        print("Fout: kies een poort van 1 tot 65535 en minstens 1 worker.", flush=True)
        return 2
    os.environ[HOSTS_VARIABLE] = ",".join(hosts_for(args))  # every worker reads it (app.allowed_hosts)
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"De protocolwizard draait op http://{shown}:{args.port}/ (stoppen met Ctrl-C).", flush=True)
    uvicorn.run("protocolwizard.web.app:create_app", factory=True, host=args.host, port=args.port,
                workers=args.workers, log_level="info", access_log=True, server_header=False)
    return 0
