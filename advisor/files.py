"""Files a user hands us or we write for them: reading at most a limit, from a regular file only;
writing through a temporary file and an atomic rename; TOML errors in a few words with their line;
text escaped so a terminal shows no hidden or reordered characters."""

from __future__ import annotations

import os
import re
import stat
import tempfile
from pathlib import Path

from advisor.errors import AdvisorError, PlanError


MAX_FILE_BYTES = 50 * 1024 * 1024


def read_input(path: Path, what: str, limit: int = MAX_FILE_BYTES, *, error: type[AdvisorError] = PlanError) -> bytes:
    """The bytes of a file a user gave us: a regular file only (a FIFO, device or folder is
    refused by kind at once: the open does not wait for a FIFO's writer), at most ``limit``
    bytes, checked by size before reading and again while reading (``/proc`` files and files
    that grow say size 0)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise error("no such file", file=path, hint="check the path") from None
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", file=path) from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise error(f"is {file_kind(st.st_mode)}, not a {what}", file=path)
        if st.st_size > limit:
            raise error(f"is {_size(st.st_size)}; a {what} may be at most {_size(limit)}", file=path)
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        if size > limit:
            raise error(f"is more than {_size(limit)}; a {what} may be at most {_size(limit)}", file=path)
        return b"".join(chunks)
    except OSError as exc:
        raise error(f"cannot read: {exc.strerror or exc}", file=path) from None
    finally:
        os.close(fd)


def _size(n: int) -> str:
    mib = 1024 * 1024
    return f"{n // mib} MiB" if n % mib == 0 else f"{n:,} bytes"


def toml_value_error(exc: ValueError) -> str:
    """tomllib raises a plain ValueError (not TOMLDecodeError) for an integer of more than 4300
    digits, from Python's limit on converting text to int; say that in a few words."""
    text = str(exc)
    if "digits" in text:
        return "a number has more than 4300 digits"
    return text.split(";")[0][:200]


def long_number_line(text: str) -> int | None:
    """The line of the first integer too long for tomllib, if any."""
    m = re.search(r"(?<![0-9_])[0-9_]{4301,}", text)  # from a run's start: linear
    return text.count("\n", 0, m.start()) + 1 if m else None


_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)\s*$")


def split_toml_error(text: str) -> tuple[str, int | None, int | None]:
    """"Invalid value (at line 3, column 7)" -> ("Invalid value", 3, 7). Searched from the last
    "(at line": a lazy ``^(.*?)\\s*`` was quadratic on spaces."""
    at = text.rfind("(at line ")
    m = _TOML_POS.match(text, at) if at >= 0 else None
    if not m:
        return text, None, None
    return text[:at].rstrip(), int(m.group(1)), int(m.group(2))


def parse_toml(text: str, source: str | Path, error: type[AdvisorError] = PlanError,
               deep: str = "is nested too deeply") -> dict:
    """``tomllib.loads`` with each of its failures as one ``error`` naming the file, line and
    column: a syntax error, nesting too deep (``deep`` says it), an integer too long to read."""
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        msg, line, col = split_toml_error(str(exc))
        raise error(f"is not valid TOML: {msg}", file=source, line=line, column=col) from None
    except RecursionError:
        raise error(deep, file=source) from None
    except ValueError as exc:  # tomllib: an integer of more than 4300 digits
        raise error(f"is not valid TOML: {toml_value_error(exc)}", file=source,
                    line=long_number_line(text)) from None


_C1 = re.compile("[\x7f-\x9f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff"
                 "\u1160\u3164\uffa0\U000e0000-\U000e007f]")


def escape_c1(text: str, *, json: bool = False) -> str:
    """DEL, C1 controls, bidi controls and marks, zero-width characters, line separators, the
    Hangul fillers and the tag characters as escapes: for TOML and (``json``) JSON text, where
    they occur inside quoted strings only (bare keys are ASCII letters, digits, - and _), so the
    text reads back the same and shows no hidden or reordered text in a terminal. A tag
    character is ``\\U000e0041`` in TOML, a surrogate pair in JSON."""
    return _C1.sub(_json_escape if json else _toml_escape, text)


def _toml_escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _json_escape(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xd800 + (code >> 10):04x}\\u{0xdc00 + (code & 0x3ff):04x}"


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words (for "is a FIFO, not a plan file")."""
    return next((word for test, word in _KINDS if test(mode)), "not a regular file")


def write_target(path: Path) -> Path:
    """The file a write to ``path`` may create or replace: ``path`` itself, or the regular file
    a symbolic link points to. Refuses anything else, so a write never replaces a device, a FIFO
    or a folder and never creates the target of a dangling link (``/dev/full``, a planted link)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return path
    except OSError as exc:
        raise AdvisorError(f"cannot write: {exc.strerror or exc}", file=path) from None
    if stat.S_ISLNK(st.st_mode):
        try:
            st = os.stat(path)
        except OSError:
            raise AdvisorError("is a symbolic link to nothing; not following it", file=path,
                               hint="remove the link or choose another name") from None
        path = Path(os.path.realpath(path))
    if not stat.S_ISREG(st.st_mode):
        raise AdvisorError(f"is {file_kind(st.st_mode)}, not a regular file; not replacing it", file=path,
                           hint="choose a file name")
    return path


def temp_name(path: Path) -> str:
    """The prefix of the temporary files written next to ``path``: ``.NAME.PID.``, recognisable
    and tied to the process, so a later run can remove what a killed one left."""
    return f".{path.name}.{os.getpid()}."


def remove_stale_temps(path: Path) -> None:
    """Delete temporary files next to ``path`` left by processes that no longer run."""
    folder = path.parent if str(path.parent) else Path(".")
    pattern = re.compile(re.escape(f".{path.name}.") + r"([0-9]+)\.[^/]*\.tmp(-wal|-shm|-journal)?$")
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        m = pattern.match(name)
        if m and not _alive(m.group(1)):
            try:
                os.unlink(folder / name)
            except OSError:
                pass


MAX_PID = 1 << 22


def _alive(digits: str) -> bool:
    """Whether the process a temporary file's name names may still be writing it. A number no
    process can have (0, above ``MAX_PID``, 20 digits: ``os.kill`` overflowed on those) names
    none, so the file is stale."""
    if len(digits) > 7:
        return False
    pid = int(digits)
    if pid <= 0 or pid > MAX_PID:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OSError, OverflowError, ValueError):
        return True
    return True


def private_dir(folder: Path) -> None:
    """Create ``folder`` and any missing parents as 0700 whatever the umask (config, data and
    log folders hold the user's plans and notes)."""
    old = os.umask(0o077)
    try:
        Path(folder).mkdir(parents=True, exist_ok=True, mode=0o700)
    finally:
        os.umask(old)


def write_atomic(path: Path, data: bytes, mode: int = 0o644, *, overwrite: bool = True) -> None:
    """Write ``path`` so that a reader sees the old file or the whole new one, never half.

    Only a regular file is created or replaced (:func:`write_target`); the temporary file sits in
    the same folder (``.NAME.PID.XXXX.tmp``) and one left by a killed run is removed next time.
    ``overwrite=False`` never replaces a file, not even one that appeared while writing: the name
    is taken by a hard link of the finished temporary file, which fails if the name exists."""
    path = write_target(path)
    folder = path.parent if str(path.parent) else Path(".")
    remove_stale_temps(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_name(path), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise AdvisorError(f"cannot write here: {exc.strerror or exc}", file=path) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        if overwrite:
            write_target(path)  # still a regular file (or nothing) right before the rename
            os.replace(tmp, path)
        else:
            os.link(tmp, path)
    except FileExistsError:
        raise AdvisorError("already exists; not overwriting it", file=path) from None
    except OSError as exc:
        raise AdvisorError(f"cannot write: {exc.strerror or exc}", file=path) from None
    finally:
        try:
            os.unlink(tmp)  # gone already after a replace; the link's source otherwise
        except OSError:
            pass
