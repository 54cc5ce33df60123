"""CPython's cycle collector during a build: far less often, as mypy does for its builds.

A build holds every page's doctree (nodes with links to their parents: cycles) and
the extension's data of all cards. CPython's collector runs a young collection
every 700 new container objects and, after enough of those, an older one that scans
every object that survived the young ones again; a clean build of 60 cards spent almost
a quarter of its processor time there (measured with ``gc.callbacks``, see
benchmarks/README.md). Most of what a build makes lives until the build ends, so the
collector finds little to free: during the build it runs once per million new container
objects instead. A clean build of 60 cards makes fewer than that and runs no collection
while it builds (0.3 s less processor time than at 20 000, four runs each: 3.93 against
4.22 s; a peak of 182 MB instead of 131 MB); a larger handbook still collects, once per
million objects, so memory stays bounded. The threshold is set when the builder starts and
put back when the build ends (the tests run many builds in one process); what the build
made then joins the oldest generation, rather than being scanned at once by the first
young collection under Python's own threshold. ``handboek_gc_drempel = 0`` keeps Python's own.

When the builder starts, everything already loaded (the modules, and on a rebuild
the saved environment with every card) is also set aside from the collector
(``gc.freeze``) until the build ends: a rebuild after one card changed spent a third
of its collection time scanning the environment it had just loaded, which holds no
garbage (measured with ``gc.callbacks``: 0.14 s against 0.09 s at 60 cards).
"""

from __future__ import annotations

import gc

from sphinx.application import Sphinx

#: New container objects between two young collections during a build (Python's default: 700).
GC_THRESHOLD = 1_000_000

_SAVED = "handboek_gc_saved"


def _raise_threshold(app: Sphinx) -> None:
    threshold = app.config.handboek_gc_drempel
    if threshold and threshold > gc.get_threshold()[0]:
        app.__dict__[_SAVED] = gc.get_threshold()
        gc.set_threshold(threshold, *gc.get_threshold()[1:])
        gc.freeze()


def _restore_threshold(app: Sphinx, exception: Exception | None) -> None:
    saved = app.__dict__.pop(_SAVED, None)
    if saved is not None:
        # What the build made is set aside first, so that Python's own threshold does not start with a
        # young collection of all of it (0.3 s at 60 cards); it joins the oldest generation instead.
        gc.freeze()
        gc.set_threshold(*saved)
        gc.unfreeze()


def setup_geheugenbeheer(app: Sphinx) -> None:
    app.add_config_value("handboek_gc_drempel", GC_THRESHOLD, "", types=(int,))
    app.connect("builder-inited", _raise_threshold)
    app.connect("build-finished", _restore_threshold, priority=900)
