"""Writing files so that nothing is lost: atomically, and never over an existing file by surprise.

Every file-system fault becomes a :class:`FileProblem` with a Dutch message
(no permission, disk full, a file where a folder should be, a name too long),
and a set of files is written all or nothing.
"""

from __future__ import annotations

import errno
import fcntl
import os
import stat
import tempfile
from pathlib import Path

_REASONS = {
    errno.EACCES: "je hebt geen toestemming om daar te schrijven",
    errno.EPERM: "je hebt geen toestemming om daar te schrijven",
    errno.EROFS: "op de schijf mag niet geschreven worden (alleen lezen)",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "je schijfruimte is op",
    errno.EFBIG: "het bestand is te groot voor deze schijf",
    errno.ENOTDIR: "een deel van het pad is een bestand, geen map",
    errno.EISDIR: "daar staat een map",
    errno.ENAMETOOLONG: "de naam is te lang",
    errno.ENOENT: "de map bestaat niet",
    errno.ELOOP: "het pad verwijst in een kring naar zichzelf",
    errno.EEXIST: "daar staat al iets",
}


class FileProblem(OSError):
    """A file could not be written; ``str()`` is the Dutch message."""

    def __str__(self) -> str:
        return str(self.args[0])


def describe(error: OSError, path: Path | str) -> str:
    """A Dutch sentence for a file-system fault at ``path``."""
    reason = _REASONS.get(error.errno or 0, error.strerror or str(error))
    return f"kan {path} niet schrijven: {reason}."


def replaceable(path: Path) -> bool:
    """False when something other than a regular file (a folder, pipe, device, socket) is at ``path``."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except FileNotFoundError:
        return True
    except OSError as error:
        raise FileProblem(describe(error, path)) from None


def exists(path: Path) -> bool:
    """``path.exists()`` that reports a name that is too long (or any other fault) in Dutch."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as error:
        raise FileProblem(describe(error, path)) from None
    return True


def _staged(path: Path, raw: bytes) -> str:
    """``raw`` in a hidden temporary file beside ``path``, flushed to disk; returns its name."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(raw)
            stream.flush()
            os.fsync(stream.fileno())
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return temporary


def _raw(data: bytes | str) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def atomic_write(path: Path, data: bytes | str) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it into place.

    A crash or a killed process leaves either the old file or the new one,
    never half of one. Only a regular file is ever replaced.
    """
    write_all({Path(path): data})


def write_all(files: dict[Path, bytes | str]) -> None:
    """Write several files all or nothing: every one is staged beside its target first.

    If any cannot be staged (no permission, disk full, ...) the temporary files
    are removed and no target is touched; only then are all renamed into place.
    Raises :class:`FileProblem` with a Dutch message.
    """
    for path in files:
        if not replaceable(path):
            raise FileProblem(f"{path} is geen gewoon bestand; dat wordt niet vervangen.")
    staged: list[tuple[str, Path]] = []
    current = None
    try:
        for path, data in files.items():
            current = path
            staged.append((_staged(path, _raw(data)), path))
        for temporary, path in staged:
            current = path
            os.replace(temporary, path)
    except OSError as error:
        raise FileProblem(describe(error, current)) from None
    finally:
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)


def make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and missing parents; returns those created (to remove them again on failure)."""
    missing = []
    for candidate in (folder, *folder.parents):
        if exists(candidate):
            break
        missing.append(candidate)
    try:
        for candidate in reversed(missing):
            candidate.mkdir()
    except OSError as error:
        remove_folders(missing)
        raise FileProblem(describe(error, folder)) from None
    return missing


def remove_folders(folders: list[Path]) -> None:
    """Remove folders this run created, innermost first, as far as they are still empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            pass


class Lock:
    """An exclusive lock on a file, held through a lock file beside it (``.NAME.lock``).

    ``flock`` is released by the kernel when the process ends, however it ends,
    so a crash never leaves a stale lock; the lock file itself is removed on
    :meth:`release`. Creating it also proves the folder can be written before
    anything is asked. Raises :class:`FileProblem` (Dutch) when another process
    holds the lock or the folder cannot be written.
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(f".{self.path.name}.lock")
        self.descriptor: int | None = None

    def acquire(self) -> Lock:
        if not exists(self.path.parent):
            raise FileProblem(f"de map {self.path.parent} bestaat niet; maak hem eerst of kies een andere plek.")
        if not self.path.parent.is_dir():
            raise FileProblem(f"{self.path.parent} is geen map.")
        if not replaceable(self.path):
            raise FileProblem(f"{self.path} is geen gewoon bestand; kies een andere naam.")
        while True:
            try:
                descriptor = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
            except OSError as error:
                raise FileProblem(describe(error, self.path)) from None
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                os.close(descriptor)
                raise FileProblem(
                    f"{self.path} is al geopend in een andere protocolwizard. Sluit die eerst, of kies een andere naam."
                ) from None
            try:  # the holder before us may have removed the lock file just now: then lock the new one
                if os.stat(self.lock_path).st_ino == os.fstat(descriptor).st_ino:
                    self.descriptor = descriptor
                    return self
            except FileNotFoundError:
                pass
            os.close(descriptor)

    def release(self) -> None:
        if self.descriptor is not None:
            Path(self.lock_path).unlink(missing_ok=True)
            os.close(self.descriptor)
            self.descriptor = None

    def __enter__(self) -> Lock:
        return self.acquire()

    def __exit__(self, *exc: object) -> None:
        self.release()


def same_file(one: str | Path, other: str | Path) -> bool:
    """Whether two paths name the same existing file (False when either cannot be found)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False
