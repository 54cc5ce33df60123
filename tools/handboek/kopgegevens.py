"""MyST reads each page's front matter (``---`` YAML at the top) with libyaml, as ``kern.loader`` does.

MyST parses a page's front matter twice, once for the page's own MyST settings and once for
its metadata, each time with ``yaml.safe_load``: PyYAML's pure-Python safe loader. PyYAML also
ships the same safe loader on libyaml (``yaml.CSafeLoader``: the same constructors and tag
resolution, the same exception classes), which ``kern.loader`` already uses to read the cards'
front matter. It reads the 61 front matters of a 60-card handbook about twelve times faster
(0.11 s against 0.009 s of processor time for the two passes, benchmarks/README.md), and with it
MyST and the card loader read a card's front matter with one parser.

MyST offers no setting for its YAML loader, so ``yaml.safe_load`` itself is replaced, and only
for the build: when the builder starts, put back when the build ends (the tests run many builds
in one process). Without libyaml nothing changes.
"""

from __future__ import annotations

from typing import Any

import yaml
from sphinx.application import Sphinx

_SAVED = "handboek_yaml_safe_load"


def _safe_load_with_libyaml(stream: Any) -> Any:
    return yaml.load(stream, Loader=yaml.CSafeLoader)


def _use_libyaml(app: Sphinx) -> None:
    if hasattr(yaml, "CSafeLoader") and yaml.safe_load is not _safe_load_with_libyaml:
        app.__dict__[_SAVED] = yaml.safe_load
        yaml.safe_load = _safe_load_with_libyaml


def _restore(app: Sphinx, exception: Exception | None) -> None:
    saved = app.__dict__.pop(_SAVED, None)
    if saved is not None:
        yaml.safe_load = saved


def setup_kopgegevens(app: Sphinx) -> None:
    app.connect("builder-inited", _use_libyaml)
    app.connect("build-finished", _restore, priority=900)
