"""How to call ``protocolwizard`` on this machine, for every command the wizard prints.

A printed instruction ("Ga verder met: protocolwizard start --hervat antwoorden.yaml") must run
as printed when the user copies it into a new terminal. ``protocolwizard`` alone does only when
the shell finds this same program on its ``PATH`` (after ``make installeer``, or in an active
virtual environment); otherwise the instruction names the program by its full path, or, when
there is no program file (``python -m protocolwizard`` in a checkout), the Python that runs it.
File names in an instruction are quoted for the shell (:func:`shell_command`).
"""

from __future__ import annotations

import os
import shlex
import shutil
import sys
from pathlib import Path

from .files import same_file

NAME = "protocolwizard"


def _program() -> Path | None:
    """The ``protocolwizard`` program file that runs now, or the one installed with this Python."""
    started = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if started is not None and started.name == NAME and started.is_file():
        return started.absolute()
    beside = Path(sys.executable).parent / NAME
    return beside.absolute() if beside.is_file() and os.access(beside, os.X_OK) else None


def command() -> str:
    """What to type in a new shell to run this protocolwizard: ``protocolwizard`` if the ``PATH``
    leads to this same program, else its full path, else ``<python> -m protocolwizard``."""
    program = _program()
    if program is None:
        return f"{shlex.quote(sys.executable)} -m {NAME}"
    found = shutil.which(NAME)
    if found is not None and same_file(found, program):
        return NAME
    return shlex.quote(str(program))


def shell_command(*arguments: object) -> str:
    """A whole instruction: :func:`command` with its arguments, each quoted for the shell where needed.

    >>> shell_command("start", "--hervat", "mijn antwoorden.yaml").endswith("start --hervat 'mijn antwoorden.yaml'")
    True
    """
    return " ".join([command(), *(shlex.quote(_argument(argument)) for argument in arguments)])


def _argument(argument: object) -> str:
    """A file name that starts with a dash would be read as an option: it gets ``./`` in front."""
    text = str(argument)
    return f"./{text}" if isinstance(argument, Path) and text.startswith("-") else text
