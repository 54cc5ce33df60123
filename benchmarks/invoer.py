"""How long 'protocolwizard controleer' takes to refuse hostile files under the size cap, and the memory it uses.

Each file is checked by the real command in a fresh process; the script prints
the wall time and the peak resident memory of that process (interpreter, cards
and model included), and, for comparison, the same for the example answers
file. Then the scaling of every command on long adversarial text: the same
answers file with every text field n and 4n characters long (runs of one
character, of spaces, of '@' and '.'); linear work gives a ratio near 4.

    .venv/bin/python benchmarks/invoer.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tests"))

from protocol.strict_yaml import MAX_BYTES  # noqa: E402
from adversarial import UNITS, adversarial_answers, new_rules_that_fit  # noqa: E402

EXAMPLE = ROOT / "examples" / "antwoorden-voorbeeld.yaml"
HEAD = EXAMPLE.read_text(encoding="utf-8").split("besluiten:")[0]


def fill(unit: str, prefix: str = "", suffix: str = "") -> str:
    """``prefix + unit * k + suffix`` as large as fits under the cap."""
    room = MAX_BYTES - len((prefix + suffix).encode()) - 1
    return prefix + unit * (room // len(unit.encode())) + suffix


HOSTILE: dict[str, str] = {
    "diep genest, flow": fill("[", "a: "),
    "diep genest, ingesprongen": "".join(" " * level + "-\n" for level in range(1_400)),
    "veel waarden, flow": fill("a,", "[", "a]"),
    "veel waarden, lijst": fill("- a\n"),
    "veel sleutels": "".join(f"k{index}: 1\n" for index in range(MAX_BYTES // 12)),
    "veel onbekende regels": fill("  - {regel: onbekend-x, besluit: anders}\n", HEAD + "besluiten:\n"),
    "veel onbekende kwesties": HEAD + "notities:\n" + "".join(f"  kaart-{i}/9: x\n" for i in range(MAX_BYTES // 20)),
    "lange naam": HEAD.replace("naam: Oeverlicht College", "naam: " + "N" * (MAX_BYTES - len(HEAD) - 20)),
    "lang e-mailadres": HEAD.replace("email: vertrouwenspersoon@oeverlicht.example",
                                     "email: " + "a@" * ((MAX_BYTES - len(HEAD)) // 2 - 20)),
    "lange spaties in tekst": HEAD.replace("plaats: Middelburg", 'plaats: "x' + " " * (MAX_BYTES - len(HEAD) - 30) + 'x"'),
    "alleen commentaar": fill("# commentaar\n", "versie: 1\n"),
    "veel aliassen": fill("- *a\n", "a: &a x\nb:\n"),
    "tags": fill("- !!python/object x\n", "a:\n"),
    "ongeldige UTF-8 aan het eind": fill("# x\n", "versie: 1\n")[:-2] + "\udcff",
    "losse surrogaat aan het eind": fill("# x\n", "versie: 1\n", 'z: "\\ud800"\n'),
}


def measure(*args: str) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit code of one command in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "protocolwizard", *args], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, env=dict(os.environ, PYTHONPATH=str(ROOT / "tools")))
    _, status, usage = os.wait4(process.pid, 0)
    return time.perf_counter() - started, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="invoer-bench-") as folder:
        folder = Path(folder)
        base = measure("controleer", str(EXAMPLE))
        print(f"{'bestand':<34} {'bytes':>9} {'s':>6} {'MB':>6} code")
        print(f"{'voorbeeld (ter vergelijking)':<34} {EXAMPLE.stat().st_size:>9} {base[0]:>6.2f} {base[1]:>6.1f} {base[2]}")
        slowest = (0.0, 0.0, "")
        for name, text in HOSTILE.items():
            path = folder / "antwoorden.yaml"
            raw = text.encode("utf-8", "surrogateescape")
            assert len(raw) <= MAX_BYTES, (name, len(raw))
            path.write_bytes(raw)
            seconds, megabytes, code = measure("controleer", str(path))
            print(f"{name:<34} {len(raw):>9} {seconds:>6.2f} {megabytes:>6.1f} {code}")
            slowest = max(slowest, (seconds, megabytes, name))
        print(f"traagste: {slowest[2]}: {slowest[0]:.2f} s, {slowest[1]:.1f} MB "
              f"({slowest[0] / base[0]:.1f}x de tijd van het voorbeeld)")
        print()
        print("schaal: elk tekstveld n en 4n tekens (controleer, maak md,html,docx)")
        for unit in UNITS:
            times = []
            count = new_rules_that_fit(unit, 4_000)
            for length in (1_000, 4_000):
                path = folder / f"lang-{length}.yaml"
                path.write_text(adversarial_answers(unit, length, new_rules=count), encoding="utf-8")
                check = measure("controleer", str(path))
                make = measure("maak", str(path), "--uitvoer", str(folder / f"uit-{length}"), "--formaat", "md,html,docx",
                               "--overschrijven")
                times.append((check, make, path.stat().st_size))
            (check1, make1, size1), (check4, make4, size4) = times
            print(f"  {unit!r:>6}: {size1:>7} -> {size4:>7} bytes; controleer {check1[0]:.2f} -> {check4[0]:.2f} s, "
                  f"maak {make1[0]:.2f} -> {make4[0]:.2f} s (x{make4[0] / make1[0]:.1f}), codes {make1[2]}/{make4[2]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
