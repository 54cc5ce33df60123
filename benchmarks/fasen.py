"""Processor time per phase of one sphinx-build, for ``tools/bench.py --fasen``.

Run as ``python benchmarks/fasen.py RESULT.json [sphinx-build arguments]``: it runs
sphinx-build in this process and writes to RESULT.json, in processor seconds (user +
system): when each phase ended (since the process started: the first phase includes starting Python), and the time spent in
every event handler and every transform an extension registered, and in a few
functions of the handbook's extension (``FUNCTIONS``). Not a profiler: two clock
readings per call, so the build runs at about its normal speed.
"""

from __future__ import annotations

import functools
import importlib
import json
import sys
import time
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.cmd.build import main as sphinx_build

#: Functions of the extension whose processor time is added up (module, attribute path).
FUNCTIONS = (
    ("handboek.kaarten", "env_cards"),
    ("handboek.kaarten", "cards_changed"),
    ("sphinx.builders.html", "StandaloneHTMLBuilder.get_doc_context"),
    ("sphinx.builders.html", "StandaloneHTMLBuilder.handle_page"),
    ("sphinx.builders.html", "StandaloneHTMLBuilder.index_page"),
    ("sphinx.builders.html", "StandaloneHTMLBuilder.write_doc"),
    ("sphinx.environment", "BuildEnvironment.get_and_resolve_doctree"),
    ("sphinx.jinja2glue", "BuiltinTemplateLoader.render"),
)

marks: dict[str, float] = {}
spent: dict[str, float] = {}


def _mark(name: str, *_args: object) -> None:
    """Note the end of phase ``name`` (the first time only)."""
    marks.setdefault(name, time.process_time())


def _timed(name: str, function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.process_time() - start
    return wrapper


def _wrap_functions() -> None:
    """Wrap the functions in FUNCTIONS, also where a module imported them by name (a bare build has none)."""
    for module_name, attribute in FUNCTIONS:
        try:
            owner = importlib.import_module(module_name)
        except ImportError:
            continue
        *path, name = attribute.split(".")
        for part in path:
            owner = getattr(owner, part)
        original = getattr(owner, name)
        wrapped = _timed(f"{module_name}.{attribute}", original)
        setattr(owner, name, wrapped)
        for module in list(sys.modules.values()) if not path else ():
            if getattr(module, name, None) is original:
                setattr(module, name, wrapped)


_init_builder = Sphinx._init_builder


def _name(thing: object) -> str:
    return f"{getattr(thing, '__module__', '?')}.{getattr(thing, '__qualname__', repr(thing))}"


def _wrap_handlers(app: Sphinx) -> None:
    """Time every event handler connected so far (all of them: extensions connect in setup)."""
    for event, listeners in app.events.listeners.items():
        listeners[:] = [listener._replace(handler=_timed(f"{event}: {_name(listener.handler)}", listener.handler))
                        for listener in listeners]


def _wrap_transforms(app: Sphinx) -> None:
    """Time the transforms and post-transforms extensions registered (a bare build has MyST's only)."""
    for transform in {*app.registry.get_transforms(), *app.registry.get_post_transforms()}:
        if "apply" in transform.__dict__ or "run" in transform.__dict__:
            method = "run" if "run" in transform.__dict__ else "apply"
            setattr(transform, method, _timed(f"transform: {_name(transform)}", transform.__dict__[method]))


def _init_builder_with_marks(self: Sphinx) -> None:
    _mark("opstarten: Python, Sphinx, conf.py, extensies, omgeving")
    _wrap_functions()
    _wrap_handlers(self)
    _wrap_transforms(self)
    self.connect("env-before-read-docs", lambda *a: _mark("bepalen wat gelezen moet worden"), priority=0)
    self.connect("env-updated", lambda *a: _mark("pagina's lezen"), priority=0)
    self.connect("build-finished", lambda *a: _mark("pagina's schrijven, zoekindex, statische bestanden"), priority=0)
    _init_builder(self)


def main(argv: list[str]) -> int:
    result = Path(argv[0])
    Sphinx._init_builder = _init_builder_with_marks  # type: ignore[method-assign]
    code = sphinx_build(argv[1:])
    _mark("afronden (build-finished: o.a. downloads)")
    result.write_text(json.dumps({"fasen": marks, "functies": spent}, indent=1), encoding="utf-8")
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
