"""Write a file whole or not at all: a temporary file, then a rename.

In an output folder the temporary files live in one place, `.sopgen-tmp/`,
and only while the folder's lock is held. So whoever holds the lock knows
that anything left there is from a run that was killed, and removes it; on
release the place and the lock file go too, and an archivist who hands on
the folder hands on only the documents and the manifest.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_NAME = ".sopgen.lock"
TMP_NAME = ".sopgen-tmp"


def write_atomic(path: Path, write: Callable[[Path], None], *, tmp_dir: Path | None = None) -> None:
    """Let `write` fill a temporary file, then move it into place at `path`.

    The rename is atomic on one file system, so a reader (or a second sopgen
    run) sees the old file or the new one, never half of either. Without
    `tmp_dir` the temporary file is a hidden sibling of `path`.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = tmp_dir if tmp_dir is not None else path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        try:
            os.replace(tmp, path)
        except OSError as err:
            if err.errno != errno.EXDEV or tmp_dir is None:
                raise
            write_bytes_atomic(path, tmp.read_bytes())  # on another disk: a sibling instead
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


def write_bytes_atomic(path: Path, data: bytes, *, tmp_dir: Path | None = None) -> None:
    def write(tmp: Path) -> None:
        tmp.write_bytes(data)

    write_atomic(path, write, tmp_dir=tmp_dir)


@contextlib.contextmanager
def folder_lock(folder: Path) -> Iterator[Path]:
    """An exclusive lock on an output folder, shared by every sopgen process.

    Yields the folder's place for temporary files, emptied of what killed
    runs left. The lock file is removed on release; a process that was
    waiting on the removed file notices and locks the new one instead.
    """
    folder.mkdir(parents=True, exist_ok=True)
    lock = folder / LOCK_NAME
    fd = _acquire(lock)
    tmp = folder / TMP_NAME
    try:
        _empty(tmp)
        yield tmp
    finally:
        with contextlib.suppress(OSError):
            tmp.rmdir()  # only when empty: nothing of a writer is lost
        with contextlib.suppress(OSError):
            lock.unlink()
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _acquire(lock: Path) -> int:
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            held, there = os.fstat(fd), os.stat(lock)
        except FileNotFoundError:
            there = None
        if there is not None and (held.st_dev, held.st_ino) == (there.st_dev, there.st_ino):
            return fd
        os.close(fd)  # the previous holder removed this file: lock the current one


def _empty(tmp: Path) -> None:
    """Remove what a killed run left in the temporary place (only lock holders write there)."""
    if not tmp.is_dir():
        return
    for leftover in tmp.iterdir():
        with contextlib.suppress(OSError):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()


def remove_stale_siblings(target: Path) -> None:
    """Temporary siblings `.NAME.XXXX.tmp` that earlier versions left beside a target."""
    with contextlib.suppress(OSError):
        for leftover in target.parent.glob(f".{target.name}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()
