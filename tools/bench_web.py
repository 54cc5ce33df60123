"""Load on the browser wizard: ``make bench-web`` (not part of ``make test``).

Starts ``protocolwizard web --workers 2`` on 127.0.0.1 and runs simulated discussion leaders concurrently
(asyncio + httpx) for a fixed time. Half of them upload an answers file and go through the review to a few
changes; the other half fill in the school, the session and every kwestie of the cards. Each ends with the
review, the results page and a Word download, and starts again. Because the server keeps nothing, every
request carries the whole answers file; the requests are recorded once from a real walk through the pages
(``tests/webwizard.py``) and replayed, so the leaders cost the machine little besides sending.

Prints requests per second, p50/p95/p99 per kind of request, errors, the server's memory (all its processes)
over the run, and the page weights. Budgets (issue 14, on a 2-core machine): 50 sessions, p95 ≤ 300 ms for a
step, ≤ 1.5 s for a Word download, 0 errors, memory flat. Exit code 1 when a budget is missed.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tools"), str(ROOT / "tests")]

from webwizard import EXAMPLE, fill, multipart, read_form  # noqa: E402

BUDGET_STEP, BUDGET_WORD = 0.300, 1.5
STEP_KINDS = ("start", "stap", "upload", "overzicht", "resultaat")


@dataclass
class Request:
    kind: str
    method: str
    path: str
    files: list | None = None


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    sessions: int = 0
    cpu: float = 0.0  # processor seconds the server used during the run

    def add(self, kind: str, seconds: float) -> None:
        self.latencies.setdefault(kind, []).append(seconds)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def record(client: httpx.Client) -> tuple[list[Request], list[Request], dict[str, tuple[int, int]]]:
    """Two sessions walked once through the real pages: (filling in, uploading), and each page's weight."""
    weights: dict[str, tuple[int, int]] = {}

    def send(request: Request) -> httpx.Response:
        response = client.request(request.method, request.path, files=request.files)
        response.raise_for_status()
        if response.headers["content-type"].startswith("text/html"):
            name = read_form(response.text).step.partition(":")[0] if "data-bewaar" in response.text else request.kind
            size = (len(response.content), len(gzip.compress(response.content)))
            weights[name] = max(weights.get(name, (0, 0)), size)  # the largest page of each kind
        return response

    fill_in = [Request("start", "GET", "/")]
    send(fill_in[0])
    first = Request("stap", "POST", "/stap", multipart({"antwoorden": "", "stap": "start", "naar": "volgende"}))
    fill_in.append(first)
    page = send(first)
    for number in range(200):
        form = read_form(page.text)
        if form.step == "overzicht":
            break
        values = {**fill(form, number), "naar": "volgende"}
        request = Request("stap", "POST", "/stap", multipart(values))
        fill_in.append(request)
        page = send(request)
    text = read_form(page.text).values["antwoorden"]
    fill_in += finish(text, send)

    upload = [Request("start", "GET", "/"),
              Request("upload", "POST", "/upload", [("bestand", (EXAMPLE.name, EXAMPLE.read_bytes(), "application/yaml"))])]
    review = send(upload[1])
    form = read_form(review.text)
    rule = next(b["value"] for b in form.soup.select("button[name=naar]") if b["value"].startswith("regel:"))
    change = Request("stap", "POST", "/stap", multipart({**form.values, "naar": rule}))
    page = send(change)
    values = {**fill(read_form(page.text), 1), "naar": "volgende"}
    back = Request("overzicht", "POST", "/stap", multipart(values))
    upload += [change, back]
    text = read_form(send(back).text).values["antwoorden"]
    upload += finish(text, send)
    return fill_in, upload, weights


def finish(text: str, send) -> list[Request]:
    """The review, the results page and the Word download of the answers ``text``."""
    requests = [Request("overzicht", "POST", "/stap", multipart({"antwoorden": text, "stap": "nieuw", "naar": "overzicht"})),
                Request("resultaat", "POST", "/stap", multipart({"antwoorden": text, "stap": "overzicht", "naar": "resultaat"})),
                Request("word", "POST", "/download/protocol.docx", multipart({"antwoorden": text}))]
    for request in requests:
        send(request)
    return requests


async def leader(client: httpx.AsyncClient, script: list[Request], until: float, think: float,
                 results: Results, rng: random.Random) -> None:
    await asyncio.sleep(rng.uniform(0, think))  # leaders do not all start at the same moment
    while time.monotonic() < until:
        for request in script:
            if time.monotonic() >= until:
                return
            started = time.perf_counter()
            try:
                response = await client.request(request.method, request.path, files=request.files)
                if response.status_code != 200:
                    results.errors.append(f"{request.kind} {request.path}: {response.status_code}")
            except httpx.HTTPError as error:
                results.errors.append(f"{request.kind} {request.path}: {type(error).__name__}")
            else:
                results.add(request.kind, time.perf_counter() - started)
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
        results.sessions += 1


def process_tree(pid: int) -> list[int]:
    """A process and all its descendants (the uvicorn workers), from /proc."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _summed(pid: int, read) -> float:
    """``read(pid)`` summed over the server's processes; a process that just ended counts 0."""
    total = 0.0
    for current in process_tree(pid):
        try:
            total += read(current)
        except (OSError, StopIteration, IndexError, ValueError):
            continue
    return total


def _rss_kib(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))


def _cpu_ticks(pid: int) -> int:
    fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def memory_kib(pid: int) -> int:
    """Resident memory of the server, all its processes (KiB)."""
    return int(_summed(pid, _rss_kib))


def cpu_seconds(pid: int) -> float:
    """Processor time (user + system) the server's processes have used so far."""
    return _summed(pid, _cpu_ticks) / os.sysconf("SC_CLK_TCK")


async def sample_memory(pid: int, until: float, samples: list[tuple[float, int]]) -> None:
    start = time.monotonic()
    while time.monotonic() < until:
        samples.append((time.monotonic() - start, memory_kib(pid)))
        await asyncio.sleep(1.0)
    samples.append((time.monotonic() - start, memory_kib(pid)))


async def run_load(url: str, pid: int, scripts: tuple[list[Request], list[Request]], sessions: int, seconds: float,
                   think: float) -> tuple[Results, list[tuple[float, int]], float]:
    results, samples = Results(), []
    # Idle connections are dropped before uvicorn's keep-alive timeout (5 s) would close them under a request.
    limits = httpx.Limits(max_connections=sessions, max_keepalive_connections=sessions, keepalive_expiry=4)
    started = time.monotonic()
    until = started + seconds
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=60) as client:
        rng = random.Random(14)
        tasks = [leader(client, scripts[index % 2], until, think, results, random.Random(rng.random()))
                 for index in range(sessions)]
        cpu = cpu_seconds(pid)
        await asyncio.gather(sample_memory(pid, until, samples), *tasks)
        results.cpu = cpu_seconds(pid) - cpu
    return results, samples, time.monotonic() - started


def cpu_per_kind(url: str, pid: int, scripts: tuple[list[Request], list[Request]], rounds: int = 3) -> dict[str, float]:
    """The server's processor time per request of each kind, sent one at a time (ms): unlike the latencies,
    this hardly depends on what else the machine is doing."""
    costs: dict[str, list[float]] = {}
    with httpx.Client(base_url=url, timeout=120) as client:
        for _ in range(rounds):
            for script in scripts:
                for request in script:
                    before = cpu_seconds(pid)
                    client.request(request.method, request.path, files=request.files).raise_for_status()
                    costs.setdefault(request.kind, []).append(cpu_seconds(pid) - before)
    return {kind: statistics.mean(values) * 1000 for kind, values in costs.items()}


def percentile(values: list[float], share: int) -> float:
    if len(values) < 2:
        return values[0] if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[share - 1]


def report(results: Results, samples: list[tuple[float, int]], elapsed: float, weights: dict[str, tuple[int, int]],
           static: dict[str, int], arguments) -> list[str]:
    total = sum(len(v) for v in results.latencies.values())
    print(f"\n{arguments.sessies} gelijktijdige gespreksleiders, {arguments.seconden:.0f} s, denktijd gemiddeld "
          f"{arguments.denktijd:.1f} s, {arguments.workers} workers{', server met voorrang (nice -10)' if arguments.voorrang else ''}; "
          f"{results.sessions} sessies afgerond")
    print(f"  {total} verzoeken in {elapsed:.1f} s: {total / elapsed:.1f} verzoeken per seconde; "
          f"{len(results.errors)} fouten")
    load = os.getloadavg()[0]
    per_request = results.cpu / total if total else 0
    print(f"  processortijd van de server: {results.cpu:.1f} s, {per_request * 1000:.0f} ms per verzoek "
          f"(2 vrije cores: hoogstens {2 / per_request if per_request else 0:.0f} verzoeken per seconde); "
          f"belasting van de machine (load average, 1 min) aan het eind: {load:.1f} op {os.cpu_count()} cores")
    print(f"  {'soort':<10} {'aantal':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    missed = []
    for kind in (*STEP_KINDS, "word"):
        values = results.latencies.get(kind, [])
        if not values:
            continue
        p50, p95, p99 = (percentile(values, share) * 1000 for share in (50, 95, 99))
        print(f"  {kind:<10} {len(values):>7} {p50:8.0f} {p95:8.0f} {p99:8.0f} {max(values) * 1000:8.0f}")
        budget = BUDGET_WORD if kind == "word" else BUDGET_STEP
        if p95 / 1000 > budget:
            missed.append(f"p95 van '{kind}' is {p95:.0f} ms (budget {budget * 1000:.0f} ms)")
    for error in sorted(set(results.errors))[:10]:
        print(f"  fout: {error}")
    if results.errors:
        missed.append(f"{len(results.errors)} fouten")
    print("\nGeheugen van de server (alle processen, MiB):")
    marks = [samples[round(i * (len(samples) - 1) / 4)] for i in range(5)]
    print("  " + "   ".join(f"{t:4.0f} s: {kib / 1024:6.1f}" for t, kib in marks))
    # The first half warms up: every worker imports the renderers, starts its threads, sees every kind of page.
    settled = samples[len(samples) // 2][1]
    growth = (samples[-1][1] - settled) / settled if settled else 0
    print(f"  groei in de tweede helft van de meting: {growth * 100:+.1f} %")
    if growth > 0.10:
        missed.append(f"geheugen groeit {growth * 100:.0f} % in de tweede helft")
    print("\nPaginagewicht: de grootste pagina van elke soort (HTML), en de CSS en het script die elke pagina laadt:")
    for name, (size, packed) in sorted(weights.items()):
        print(f"  {name:<40} {size / 1024:6.1f} KiB ({packed / 1024:.1f} KiB met gzip)")
    for name, (size, packed) in static.items():
        print(f"  {name:<40} {size / 1024:6.1f} KiB ({packed / 1024:.1f} KiB met gzip)")
    return missed


def static_weights() -> dict[str, tuple[int, int]]:
    folder = ROOT / "tools" / "protocolwizard" / "web" / "static"
    return {f"/static/{p.name}": (p.stat().st_size, len(gzip.compress(p.read_bytes()))) for p in sorted(folder.iterdir())}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--sessies", type=int, default=50, help="gelijktijdige gespreksleiders (standaard 50)")
    parser.add_argument("--seconden", type=float, default=120, help="duur van de meting (standaard 120)")
    parser.add_argument("--denktijd", type=float, default=2.0,
                        help="gemiddelde tijd tussen twee klikken van een leider, in s (standaard 2; 0 = zonder pauze)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--voorrang", action="store_true",
                        help="de server voorrang geven boven andere processen (nice -10; als root), om op een gedeelde "
                        "machine te benaderen wat hij op een eigen machine doet")
    arguments = parser.parse_args(argv)
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tools")}
    server = subprocess.Popen([sys.executable, "-m", "protocolwizard", "web", "--port", str(port), "--workers",
                               str(arguments.workers)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                              preexec_fn=(lambda: os.nice(-10)) if arguments.voorrang else None)
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                httpx.get(url + "/gezond", timeout=1).raise_for_status()
                break
            except httpx.HTTPError:
                time.sleep(0.2)
        with httpx.Client(base_url=url, timeout=60) as client:
            fill_in, upload, weights = record(client)
        print(f"Opgenomen: invullen {len(fill_in)} verzoeken, uploaden {len(upload)} verzoeken per sessie")
        results, samples, elapsed = asyncio.run(run_load(url, server.pid, (fill_in, upload), arguments.sessies,
                                                         arguments.seconden, arguments.denktijd))
        costs = cpu_per_kind(url, server.pid, (fill_in, upload))
    finally:
        server.terminate()
        server.wait(15)
    missed = report(results, samples, elapsed, weights, static_weights(), arguments)
    print("\nProcessortijd van de server per verzoek, één verzoek tegelijk (ms, gemiddelde van 3 rondes):")
    print("  " + "   ".join(f"{kind} {cost:.0f}" for kind, cost in costs.items()))
    per_session = sum(costs[r.kind] for r in fill_in) / 2 + sum(costs[r.kind] for r in upload) / 2
    seconds = (len(fill_in) + len(upload)) / 2 * arguments.denktijd
    print(f"  een sessie kost gemiddeld {per_session:.0f} ms processortijd over {seconds:.0f} s; {arguments.sessies} "
          f"leiders vragen dus {arguments.sessies * per_session / 1000 / seconds:.2f} core")
    if missed:
        print("\nBuiten het budget:\n  " + "\n  ".join(missed))
        return 1
    print("\nAlles binnen het budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
