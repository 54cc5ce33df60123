"""Earlier versions of a model, for ``protocolwizard bijwerken``: where they are kept and how they chain.

The model that ships keeps its earlier versions in the package (``protocol.model.MODELS_DIR``,
``<versie>.yaml``). A school board's own model (``--model MODEL.yaml``) keeps them the same way in a folder
``modellen`` beside it; the shipped versions are never used for another model. A version is looked up only
by its well-formed name (``2026.1``), so a version written in an answers file cannot point elsewhere.
"""

from __future__ import annotations

import re
from pathlib import Path

from protocol.model import MODELS_DIR, Model, load_model

_VERSION = re.compile(r"[0-9]{4}\.[0-9]+")


def version_key(version: str) -> tuple[int, int] | None:
    """(year, number) of a well-formed version, else None."""
    if not _VERSION.fullmatch(version):
        return None
    year, number = version.split(".")
    return int(year), int(number)


def versions_folder(model_path: Path | None) -> Path:
    """Where the earlier versions of a model are kept: the package's for the shipped model."""
    return MODELS_DIR if model_path is None else Path(model_path).parent / "modellen"


def kept_version(version: str, folder: Path) -> Model | None:
    """The kept model of ``version`` in ``folder`` (checked like any model), or None when there is none.
    A kept file that does not check raises the checker's Dutch error."""
    if version_key(version) is None:
        return None
    path = folder / f"{version}.yaml"
    if not path.is_file():
        return None
    return load_model(path)


def chain(new: Model, base: str, folder: Path) -> tuple[tuple[Model, ...], bool]:
    """The models whose change logs lead from version ``base`` to ``new`` (oldest first, ending with ``new``),
    and whether the chain is complete (every version in between was found)."""
    models = [new]
    current = new
    seen = {new.version}
    while current.previous_version and current.previous_version != base:
        if current.previous_version in seen:
            return tuple(models), False
        seen.add(current.previous_version)
        earlier = kept_version(current.previous_version, folder)
        if earlier is None:
            return tuple(models), False
        models.insert(0, earlier)
        current = earlier
    return tuple(models), current.previous_version == base
