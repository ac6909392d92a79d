"""Writing a file without ever losing one: the kit's one way to save figures, worksheets, hand-ins.

Every file the kit writes for a student goes through :func:`write_file`:

- **atomic**: the content goes to a temporary file in the same folder, which then takes the
  file's name in one step, so a crash or a full disk never leaves half a file;
- **never overwrites unless asked**: without ``overwrite=True`` an existing file raises
  :class:`FileExistsError` (one exception type for every writer, so a form recognises it by type)
  and is left untouched; where the file system allows it (hard links), even a file that appears
  while writing is not replaced;
- **one file mode**: a new file gets the bits ``open()`` would give it (``0o666`` less the umask),
  always readable and writable by its owner; a replaced file keeps its own bits.

Pyodide (the browser edition) has no ``os.link`` and reports a umask of ``0o777`` while its
``open()`` makes ``0o666`` files: both are handled here, once.
"""

from __future__ import annotations

import os
import stat
import tempfile
from collections.abc import Callable
from os import PathLike
from pathlib import Path
from typing import BinaryIO

__all__ = ["check_path", "existing", "new_file_mode", "write_file"]

Content = str | bytes | Callable[[BinaryIO], None]


def check_path(path: str | PathLike, what: str = "path") -> Path:
    """A file name as a :class:`~pathlib.Path` (``~`` expanded), or a TypeError naming ``what``."""
    if isinstance(path, bool) or not isinstance(path, (str, PathLike)):
        raise TypeError(f"{what} must be a file name (str or path), got {type(path).__name__}")
    if not str(path).strip():
        raise ValueError(f"{what} must not be empty")
    return Path(path).expanduser()


def existing(paths: list[Path]) -> FileExistsError | None:
    """The error to raise when some of ``paths`` exist already, or None when none does."""
    found = [str(p) for p in paths if p.exists()]
    if not found:
        return None
    names = " and ".join(found)
    verb = "exists" if len(found) == 1 else "exist"
    return FileExistsError(
        f"{names} already {verb}; choose another name, or allow replacing (overwrite=True)"
    )


def new_file_mode() -> int:
    """The permission bits of a new file: ``0o666`` less the umask, always owner read-write.

    Returns
    -------
    int
        For example ``0o644`` with the usual umask ``0o022``.
    """
    mask = os.umask(0o022)
    os.umask(mask)
    return (0o666 & ~mask) | 0o600


def write_file(
    path: str | PathLike, content: Content, *, overwrite: bool = False, what: str = "path"
) -> Path:
    """Write ``content`` to ``path`` atomically; never replace a file unless ``overwrite``.

    Parameters
    ----------
    path : str or path
        The file to write. Missing folders are created.
    content : str, bytes or callable
        Text (written as UTF-8, line ends as given), bytes, or a function that writes into the
        binary file handle it is given (for example ``lambda f: fig.savefig(f, format="png")``).
    overwrite : bool, default False
        Replace an existing file. Without it an existing file raises and is left untouched.
    what : str
        The name of the argument, for error messages.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    FileExistsError
        The file exists and ``overwrite`` is False.
    IsADirectoryError
        ``path`` is a folder.
    NotADirectoryError
        A file stands where a folder of ``path`` should be.
    TypeError
        ``path`` is not a file name, ``content`` not text, bytes or a function, or
        ``overwrite`` not a bool.
    OSError
        The file system refused (permission denied, disk full, ...); nothing was replaced.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_file(folder / "note.txt", "直播带货").read_text(encoding="utf-8")
    '直播带货'
    >>> write_file(folder / "note.txt", "again")
    Traceback (most recent call last):
    ...
    FileExistsError: ...note.txt already exists; choose another name, or allow replacing ...
    """
    target = check_path(path, what)
    if not isinstance(overwrite, bool):
        raise TypeError(f"overwrite must be True or False, got {overwrite!r}")
    if not isinstance(content, (str, bytes)) and not callable(content):
        raise TypeError(f"content must be text, bytes or a function, got {type(content).__name__}")
    if target.is_dir():
        raise IsADirectoryError(f"{what}: {target} is a folder, not a file")
    if not overwrite and (problem := existing([target])):
        raise problem
    mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else new_file_mode()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where a folder should be
        raise NotADirectoryError(f"{what}: {target.parent} is not a folder") from None
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            if callable(content):
                content(handle)
            else:
                handle.write(content.encode("utf-8") if isinstance(content, str) else content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)  # mkstemp makes 0o600
        if overwrite:
            os.replace(tmp, target)
        else:
            _place_new(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


def _place_new(tmp: Path, target: Path) -> None:
    """Give ``tmp`` the name ``target`` only if no file has that name (atomic where links exist)."""
    try:
        os.link(tmp, target)  # fails atomically if target exists
    except FileExistsError:
        raise existing([target]) from None
    except (OSError, AttributeError):  # no hard links (some file systems; Pyodide has no os.link)
        if problem := existing([target]):
            raise problem from None
        os.replace(tmp, target)
