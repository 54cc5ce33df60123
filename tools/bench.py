"""make bench: build times, and every page measured by Lighthouse against the budgets.

Measured in one run, on this machine:

- the clean build (``make html`` into an empty folder) and the rebuild after
  touching one card, each also for a bare ``sphinx-build`` of the same sources
  (only the MyST parser, which is needed to read them at all: no other
  extension, no theme; in Dutch), and the ratio of the two; in processor
  seconds (user and system), which another program on the machine changes far
  less than the time on the clock; five runs, the two builds of a run one right
  after the other, and the median of the runs' ratios;
- the same for a handbook of 60 cards: the real ones and copies of them, each
  with its own id and title (targets: both ratios at most 1.5);
- every page of the site with Lighthouse (mobile emulation, its default
  simulated slow 4G and CPU), three runs each, the median of each score;
  served on 127.0.0.1 by ``tests/webserver.py`` (gzip, as a web host);
- each page's requests and bytes (all of them, uncompressed) from Lighthouse's
  network log, also for the same page of the bare build, and their ratio.

Budgets: performance >= 0.98, accessibility = 1.00, best practices = 1.00,
SEO >= 0.95, at most 15 requests and 250 KiB a page. The search page asks
search engines not to index it (``noindex``, as Sphinx's search page should);
Lighthouse's "is-crawlable" audit fails there by design, so for a page that
says noindex the SEO budget is checked without that one audit (both figures
are printed). Exits 1 if a budget is not met.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))  # the test server (tests/webserver.py) serves the site for Lighthouse too

from webserver import SiteServer, site_pages  # noqa: E402  (the test server, in tests/)

PYTHON = sys.executable
LIGHTHOUSE = ROOT / "benchmarks" / "node_modules" / ".bin" / "lighthouse"  # benchmarks/package.json
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = ("--headless=new --no-sandbox --disable-gpu --disable-background-networking "
                "--disable-component-update --disable-sync --no-first-run")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
BUDGET_SCORES = {"performance": 0.98, "accessibility": 1.0, "best-practices": 1.0, "seo": 0.95}
MAX_REQUESTS = 15
MAX_BYTES = 250 * 1024
RUNS = 3
TOUCHED_CARD = "kaarten/populaire-hiphopleraar.md"
#: Cards in the large handbook of the scale test, and the ratio to a bare build it must stay within.
MANY_CARDS = 60
MAX_RATIO = 1.5
#: What the bare build needs to read the same sources: the MyST parser and its syntax, in Dutch
#: (so both builds make a Dutch search index).
BARE_OPTIONS = [
    "-C", "-D", "extensions=myst_parser", "-D", "language=nl",
    "-D", "myst_enable_extensions=colon_fence,deflist,fieldlist,substitution",
    "-D", "exclude_patterns=_build,_gedeeld,_templates,_static,_locale,**/README.md,handboek.md,over-dit-handboek.md",
]


@dataclass
class PageResult:
    page: str
    scores: dict[str, float] = field(default_factory=dict)
    seo_without_crawlable: float | None = None
    requests: int = 0
    bytes: int = 0
    transferred: int = 0
    noindex: bool = False
    bare_requests: int | None = None
    bare_bytes: int | None = None

    def failures(self) -> list[str]:
        failed = []
        for category, minimum in BUDGET_SCORES.items():
            score = self.scores[category]
            if category == "seo" and self.noindex and self.seo_without_crawlable is not None:
                score = self.seo_without_crawlable
            if score < minimum:
                failed.append(f"{category} {score:.2f} < {minimum:.2f}")
        if self.requests > MAX_REQUESTS:
            failed.append(f"{self.requests} verzoeken > {MAX_REQUESTS}")
        if self.bytes > MAX_BYTES:
            failed.append(f"{self.bytes / 1024:.0f} KiB > {MAX_BYTES // 1024} KiB")
        return failed


def timed(command: list[str]) -> float:
    """Processor seconds (user and system) the command took. The machine may be shared: its
    processor time depends far less on what else runs than the time on the clock does."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def with_card_copies(sources: Path, count: int) -> None:
    """Fill ``sources/kaarten`` up to ``count`` cards: the real ones, and copies of them in turn,
    each with its own id, title and card number (the links between the real cards still resolve)."""
    folder = sources / "kaarten"
    originals = sorted(folder.glob("*.md"))
    for number in range(len(originals), count):
        original = originals[number % len(originals)]
        _, front_matter, body = original.read_text(encoding="utf-8").split("---\n", 2)
        front_matter = re.sub(r"^kaartnummer: .*$", f"kaartnummer: {1000 + number}", front_matter, flags=re.MULTILINE)
        body = re.sub(r"^# (.+)$", rf"# \1 (kopie {number})", body, count=1, flags=re.MULTILINE)
        text = f"---\n{front_matter}---\n{body}"
        (folder / f"kopie-{number:02d}-{original.name}").write_text(text, encoding="utf-8")


def build_times(work: Path, repeat: int, cards: int | None = None, options: tuple[str, ...] = ()) -> dict[str, list[float]]:
    """Seconds of the clean build and of the rebuild after touching one card, ours and bare, one
    value per run (``cards``: the handbook with that many cards, see :func:`with_card_copies`;
    ``options``: more sphinx-build options for ours). The two builds take turns, and which of the
    two goes first alternates, so that a change in what else the machine runs weighs on both alike."""
    sources = work / f"bron-{cards or 'echt'}"
    shutil.copytree(ROOT / "docs", sources)
    if cards:
        with_card_copies(sources, cards)
    ours = [PYTHON, "-m", "sphinx", "-c", str(ROOT), "-W", "--keep-going", "-n", *options, "-b", "html", str(sources)]
    bare = [PYTHON, "-m", "sphinx", *BARE_OPTIONS, "-b", "html", str(sources)]
    times: dict[str, list[float]] = {}
    for run in range(repeat):
        builds = [("handboek", ours), ("kaal", bare)]
        for name, command in builds if run % 2 == 0 else reversed(builds):
            out = work / f"{name}-{cards or 'echt'}-{run}"
            times.setdefault(f"{name} schoon", []).append(timed([*command, str(out)]))
            (sources / TOUCHED_CARD).touch()
            times.setdefault(f"{name} na wijziging", []).append(timed([*command, str(out)]))
    return times


PHASES = ROOT / "benchmarks" / "fasen.py"


def phase_times(work: Path, cards: int, options: tuple[str, ...] = ()) -> dict[str, dict]:
    """One clean build of the handbook with ``cards`` cards, ours and bare, timed per phase
    (``benchmarks/fasen.py``): processor seconds per phase, event handler and transform."""
    sources = work / f"fasen-bron-{cards}"
    shutil.copytree(ROOT / "docs", sources)
    with_card_copies(sources, cards)
    results = {}
    for name, arguments in (("handboek", ["-c", str(ROOT), "-W", "--keep-going", "-n", *options]), ("kaal", BARE_OPTIONS)):
        result = work / f"fasen-{name}.json"
        subprocess.run([PYTHON, str(PHASES), str(result), *arguments, "-b", "html", str(sources), str(work / f"fasen-{name}")],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        results[name] = json.loads(result.read_text(encoding="utf-8"))
    return results


def print_phase_times(results: dict[str, dict], cards: int, shown: int = 15) -> None:
    """Per phase, the processor time of our build and the bare one; then what costs most in ours."""
    print(f"\nBouwtijd per fase, schone bouw, {cards} kaarten (processortijd in s, één run)")
    print(f"  {'fase':<56} {'handboek':>8} {'kaal':>8} {'verschil':>8}")
    previous = {"handboek": 0.0, "kaal": 0.0}
    for phase in results["handboek"]["fasen"]:
        spent = {}
        for name in previous:
            end = results[name]["fasen"].get(phase, previous[name])
            spent[name], previous[name] = end - previous[name], end
        print(f"  {phase:<56} {spent['handboek']:8.2f} {spent['kaal']:8.2f} {spent['handboek'] - spent['kaal']:8.2f}")
    print(f"\n  Het duurst in de bouw van het handboek (kaal ernaast; overlapt: een functie telt ook wat ze aanroept):")
    ours, bare = results["handboek"]["functies"], results["kaal"]["functies"]
    for name, seconds in sorted(ours.items(), key=lambda item: -item[1])[:shown]:
        print(f"  {seconds:8.2f} {bare.get(name, 0.0):8.2f}  {name}")


def print_build_times(title: str, times: dict[str, list[float]]) -> dict[str, float]:
    """Print the median times and return the ratios (handbook / bare) per kind of build: the median
    of the ratios of the runs, each run's two builds made one right after the other (on a shared
    machine the speed drifts between runs more than between two builds of one run)."""
    print(f"\n{title}")
    ratios = {}
    for kind in ("schoon", "na wijziging"):
        ours, bare = times[f"handboek {kind}"], times[f"kaal {kind}"]
        ratios[kind] = statistics.median(a / b for a, b in zip(ours, bare))
        spread = ", ".join(f"{a / b:.2f}" for a, b in zip(ours, bare))
        print(f"  {kind:<13} handboek {statistics.median(ours):6.2f} s   kale sphinx-build {statistics.median(bare):6.2f} s"
              f"   verhouding {ratios[kind]:5.2f}   (per run: {spread})")
    print("  (processortijd: user + system; mediaan van de tijden, en van de verhoudingen per run)")
    return ratios


def lighthouse(url: str, output: Path, categories: tuple[str, ...] = CATEGORIES) -> dict:
    environment = dict(os.environ, CHROME_PATH=CHROMIUM)
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
         f"--only-categories={','.join(categories)}", f"--chrome-flags={CHROME_FLAGS}"],
        check=True, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    return json.loads(output.read_text(encoding="utf-8"))


def seo_without(report: dict, audit: str) -> float:
    references = [ref for ref in report["categories"]["seo"]["auditRefs"] if ref["weight"] and ref["id"] != audit]
    scored = [(ref["weight"], report["audits"][ref["id"]]["score"]) for ref in references
              if report["audits"][ref["id"]]["score"] is not None]
    return sum(weight * score for weight, score in scored) / sum(weight for weight, _ in scored)


def network(report: dict) -> tuple[int, int, int]:
    """Requests, bytes (uncompressed) and bytes over the wire of the page in a Lighthouse report."""
    requests = [item for item in report["audits"]["network-requests"]["details"]["items"]
                if not item["url"].startswith("data:")]
    return (len(requests), sum(item.get("resourceSize") or 0 for item in requests),
            sum(item.get("transferSize") or 0 for item in requests))


def measure_page(url: str, page: str, work: Path, runs: int) -> PageResult:
    reports = [lighthouse(url + page, work / f"lighthouse-{run}.json") for run in range(runs)]
    result = PageResult(page)
    for category in CATEGORIES:
        result.scores[category] = statistics.median(report["categories"][category]["score"] for report in reports)
    result.noindex = reports[0]["audits"]["is-crawlable"]["score"] == 0
    result.seo_without_crawlable = statistics.median(seo_without(report, "is-crawlable") for report in reports)
    result.requests, result.bytes, result.transferred = network(reports[0])
    return result


def machine() -> str:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "onbekend")
    return f"{os.cpu_count()} cores, {model}, {platform.system()} {platform.release()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--runs", type=int, default=RUNS, help="Lighthouse-runs per pagina (standaard 3)")
    parser.add_argument("--builds", type=int, default=5, help="bouwruns per meting (standaard 5, de mediaan telt)")
    parser.add_argument("--zonder-compressie", action="store_true",
                        help="serveer zonder gzip, als een host die niet comprimeert (ter vergelijking)")
    parser.add_argument("--alleen-bouwtijd", action="store_true", help="alleen de bouwtijden meten, zonder Lighthouse")
    parser.add_argument("--gc-standaard", action="store_true",
                        help="bouw het handboek met Pythons eigen GC-drempel (handboek_gc_drempel = 0), ter vergelijking")
    parser.add_argument("--fasen", action="store_true",
                        help=f"alleen de schone bouw van {MANY_CARDS} kaarten per fase (benchmarks/fasen.py), één run")
    arguments = parser.parse_args(argv)
    lighthouse_wanted = not (arguments.alleen_bouwtijd or arguments.fasen)
    if lighthouse_wanted and not LIGHTHOUSE.exists():
        print("Lighthouse ontbreekt: 'make bench' installeert het (benchmarks/package.json).", file=sys.stderr)
        return 2
    if lighthouse_wanted and not Path(CHROMIUM).exists():
        print("Chromium ontbreekt: installeer het met 'make browser' (Debian-pakket chromium).", file=sys.stderr)
        return 2

    print(f"Meting van {date.today().isoformat()} op {machine()}")
    failed: dict[str, list[str]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-") as folder:
        work = Path(folder)
        options = ("-D", "handboek_gc_drempel=0") if arguments.gc_standaard else ()
        if options:
            print("Het handboek wordt gebouwd met Pythons eigen GC-drempel (--gc-standaard).")
        if arguments.fasen:
            print_phase_times(phase_times(work, MANY_CARDS, options), MANY_CARDS)
            return 0
        print_build_times(f"Bouwtijd, dit handboek (mediaan van {arguments.builds} runs)",
                          build_times(work, arguments.builds, options=options))
        many = build_times(work, arguments.builds, cards=MANY_CARDS, options=options)
        ratios = print_build_times(
            f"Bouwtijd, {MANY_CARDS} kaarten (kopieën van de echte; mediaan van {arguments.builds} runs)", many)
        for kind, ratio in ratios.items():
            if ratio > MAX_RATIO:
                failed[f"{MANY_CARDS} kaarten, {kind}"] = [f"verhouding {ratio:.2f} > {MAX_RATIO:.2f}"]
        if not lighthouse_wanted:
            return report(failed)

        site, bare_site = work / "handboek-echt-0", work / "kaal-echt-0"
        compress = not arguments.zonder_compressie
        results = []
        with SiteServer(site, compress=compress) as server:
            for page in site_pages(site):
                results.append(measure_page(server.url, page, work, arguments.runs))
                print(f"  gemeten: {page}", file=sys.stderr)
        with SiteServer(bare_site, compress=compress) as server:
            for result in results:
                if (bare_site / result.page).is_file():
                    bare_report = lighthouse(server.url + result.page, work / "kaal.json", ("performance",))
                    result.bare_requests, result.bare_bytes, _ = network(bare_report)

    served = "zonder compressie" if arguments.zonder_compressie else "met gzip"
    print(f"\nLighthouse, mobiel, mediaan van {arguments.runs} runs, {served}; "
          "verzoeken en bytes (onverpakt / over de lijn)")
    print(f"  {'pagina':<36} {'prest.':>6} {'toeg.':>6} {'best.':>6} {'seo':>6} {'verz.':>5} {'KiB':>6} "
          f"{'KiB lijn':>8} {'verz./kaal':>10} {'KiB/kaal':>9}")
    for result in results:
        seo = f"{result.scores['seo']:.2f}" + ("*" if result.noindex else "")
        ratios = (f"{result.requests / result.bare_requests:10.2f} {result.bytes / result.bare_bytes:9.2f}"
                  if result.bare_requests else f"{'-':>10} {'-':>9}")
        print(f"  {result.page:<36} {result.scores['performance']:6.2f} {result.scores['accessibility']:6.2f} "
              f"{result.scores['best-practices']:6.2f} {seo:>6} {result.requests:5d} {result.bytes / 1024:6.1f} "
              f"{result.transferred / 1024:8.1f} {ratios}")
        if problems := result.failures():
            failed[result.page] = problems
    if any(result.noindex for result in results):
        print("  * noindex (bewust): SEO zonder de audit 'is-crawlable' is "
              + ", ".join(f"{r.page} {r.seo_without_crawlable:.2f}" for r in results if r.noindex))
    return report(failed)


def report(failed: dict[str, list[str]]) -> int:
    if failed:
        print("\nBuiten het budget:")
        for what, problems in failed.items():
            print(f"  {what}: {'; '.join(problems)}")
        return 1
    print("\nAlles binnen het budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
