"""Writing the site: all or nothing, and only what changed.

The site is built in a fresh folder beside the target, then swapped into place, so a
failure (a full disk, Ctrl-C, a bad record) leaves the previous site as it was and never a
half-written one. Each file is written with a content key, kept in a manifest at the
site's root: on the next build a file whose key has not changed is hard-linked from the
previous site instead of rendered and written again, so a changed record rewrites only the
pages that show it (the unchanged files keep their inode, and their time stamp, which a
sync to a static host compares).

The manifest also tells an earlier site from any other folder: a folder that is neither
empty nor an earlier site is refused unless the user says ``--force``, because the swap
replaces everything in it.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from contextlib import suppress
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from coopgraph.errors import UsageError

__all__ = ["MANIFEST", "SiteWriter", "content_key"]

#: The file at the site's root that lists every file, its content key and its size.
MANIFEST = ".coopgraph-site.json"
_FORMAT = "coopgraph-site/1"
#: Marks a staging or replaced folder as a build's own, so a killed build's leftover can be
#: told from a folder of the user's that happens to have a similar name.
_MARK = ".coopgraph-build"


def content_key(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _previous(target: Path, force: bool, keep_out: Iterable[Path]) -> dict[str, Any]:
    """The manifest of the site at ``target``, after checking it may be replaced."""
    if not target.exists():
        return {}
    if not target.is_dir():
        raise UsageError(f"{target}: exists and is not a folder; choose a folder for the site")
    if os.path.ismount(target):  # the swap renames the folder, which a mount point refuses
        raise UsageError(f"{target}: is a mount point; choose a folder inside it for the site")
    resolved = target.resolve()
    # the current and the home folder are never a site's to replace, whoever calls
    for inside in [*keep_out, Path.cwd(), Path.home()]:
        if inside.resolve().is_relative_to(resolved):
            raise UsageError(
                f"{target}: holds {inside}; the site replaces the whole folder, so choose "
                "another one"
            )
    manifest = target / MANIFEST
    try:
        found = json.loads(manifest.read_text(encoding="utf-8"))
        if _well_formed(found):
            return dict(found)
    except (OSError, ValueError, AttributeError):
        pass
    if force or not any(target.iterdir()):
        return {}
    raise UsageError(
        f"{target}: is not empty and is not a site coopgraph wrote; the site replaces "
        "everything in it: choose an empty or new folder, or add --force"
    )


def _well_formed(found: Any) -> bool:
    """Whether a manifest read from disk is one a build wrote: its parts are trusted later
    (files linked by key, downloads listed on the home page), so a damaged one is no site."""
    if not isinstance(found, dict) or found.get("format") != _FORMAT:
        return False
    files, extra = found.get("files"), found.get("extra", {})
    if not isinstance(files, dict) or not all(isinstance(k, str) for k in files.values()):
        return False
    if not isinstance(extra, dict):
        return False
    downloads = extra.get("downloads", [])
    return isinstance(downloads, list) and all(
        isinstance(d, dict)
        and isinstance(d.get("href"), str)
        and d.get("href") in files
        and isinstance(d.get("label"), dict)
        and isinstance(d.get("size"), int)
        for d in downloads
    )


def _lock(path: Path, target: Path) -> IO[bytes]:
    """Hold the site's lock file: two builds into one folder would swap each other out."""
    import fcntl

    handle = path.open("ab")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise UsageError(f"{target}: another coopgraph site is writing it; try again") from None
    return handle


def _remove_leftovers(parent: Path, name: str) -> None:
    """Staging and old folders of builds that were killed (the lock says none is running):
    only those holding the build's mark; a ``.site.backup`` of the user's stays."""
    for entry in parent.glob(f".{glob.escape(name)}.*"):
        if entry.is_dir() and not entry.is_symlink() and (entry / _MARK).is_file():
            shutil.rmtree(entry, ignore_errors=True)


def _remove(folder: Path, *, in_background: bool) -> None:
    """Delete the replaced site; in the background the user does not wait for it (at 10,000
    agreements, 70,000 files and folders take seconds), at the lowest CPU priority, so that
    the next command (a rebuild after the next edit) does not wait for it either. A leftover
    is removed next time."""
    if not in_background:
        shutil.rmtree(folder, ignore_errors=True)
        return
    code = (
        "import os, shutil, sys\n"
        "if hasattr(os, 'nice'): os.nice(19)\n"
        "shutil.rmtree(sys.argv[1], ignore_errors=True)"
    )
    subprocess.Popen(
        [sys.executable, "-c", code, str(folder)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _modes(folder: Path) -> tuple[int, int]:
    """The modes a new file and a new folder get here (``0o100644``, ``0o40755`` under umask
    022), read off two probes rather than by setting the umask, which other threads share."""
    probe = folder / ".probe"
    probe.mkdir()
    (probe / "file").touch()
    modes = os.lstat(probe / "file").st_mode, os.lstat(probe).st_mode
    shutil.rmtree(probe)
    return modes


class SiteWriter:
    """Collects the site's files in a staging folder, then swaps it in place of the target."""

    def __init__(
        self,
        target: Path,
        *,
        force: bool = False,
        keep_out: Iterable[Path] = (),
        clean_in_background: bool = False,
    ) -> None:
        if target.is_symlink() or target.name in ("", ".."):
            # a published folder is often a link (/var/www/coopgraph -> /srv/coopgraph):
            # swapping the link for a folder would leave the one it names stale; and "."
            # or "x/.." name no folder to put the staging folder and lock beside
            try:
                target = target.resolve()
            except (OSError, RuntimeError) as error:  # a loop: RuntimeError before 3.13
                raise UsageError(f"{target}: cannot write the site there ({error})") from None
        if not target.name:
            raise UsageError(f"{target}: the site replaces the whole folder, so choose another one")
        self.target = target
        self.clean_in_background = clean_in_background
        parent = target.absolute().parent
        try:
            parent.mkdir(parents=True, exist_ok=True)
            self._lock = _lock(parent / f".{target.name}.lock", target)
        except OSError as error:
            reason = error.strerror or str(error)
            raise UsageError(f"{target}: cannot write the site there ({reason})") from None
        staging = None
        try:
            manifest = _previous(target, force, keep_out)
            _remove_leftovers(parent, target.name)
            staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=parent))
            (staging / _MARK).touch()
            self._mode, self._folder_mode = _modes(staging)
        except BaseException as error:  # SIGTERM may come now too: leave no staging folder
            if staging is not None:
                shutil.rmtree(staging, ignore_errors=True)
            self._lock.close()
            if isinstance(error, OSError):
                reason = error.strerror or str(error)
                raise UsageError(f"{target}: cannot write the site there ({reason})") from None
            raise
        self.staging = staging
        self.earlier_site = bool(manifest)
        self.previous: dict[str, str] = manifest.get("files", {})
        self.previous_extra: dict[str, Any] = manifest.get("extra", {})
        self.extra: dict[str, Any] = {}  # what the next build needs to know, kept in the manifest
        self.files: dict[str, str] = {}
        self.written = 0
        self.kept = 0
        self.bytes = 0
        self._made: set[str] = set()
        self.carried: list[str] = []  # what the user added to the earlier site, kept

    def __enter__(self) -> SiteWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            if kind is None:
                self.commit()
        except BaseException:
            shutil.rmtree(self.staging, ignore_errors=True)
            raise
        else:
            if kind is not None:
                shutil.rmtree(self.staging, ignore_errors=True)
        finally:
            self._lock.close()

    def part(self) -> SiteWriter:
        """A writer into the same staging folder for a worker process; its files and counts
        come back to this one through :meth:`absorb`. It never commits."""
        part = object.__new__(SiteWriter)
        part.target, part.staging, part._lock = self.target, self.staging, self._lock
        part.previous, part.previous_extra = self.previous, self.previous_extra
        part.extra, part.files, part._made, part._mode = {}, {}, set(), self._mode
        part.earlier_site, part.carried = self.earlier_site, []
        part.written = part.kept = part.bytes = 0
        return part

    def absorb(self, files: dict[str, str], written: int, kept: int, size: int) -> None:
        """Take over what a :meth:`part` wrote."""
        clash = files.keys() & self.files.keys()
        if clash:
            raise ValueError(f"two files of the site at {min(clash)}")
        self.files.update(files)
        self.written += written
        self.kept += kept
        self.bytes += size

    def link_unchanged(self, path: str, key: str) -> bool:
        """Link ``path`` from the previous site if its key is unchanged; whether it was."""
        if not self.unchanged(path, key) or path in self.files:
            return False
        destination = self._destination(path)
        size = self._link(path, destination)
        if size is None:
            return False
        self.files[path] = f"{key} {size}"
        self.kept += 1
        self.bytes += size
        return True

    def _link(self, path: str, destination: str) -> int | None:
        """Hard-link the previous site's file; its size, or None if it is not a plain file
        with the mode this build writes files with.

        A symbolic link found there (put by someone, not by a build) is not carried over: a
        web server would publish what it names, and writing the page afresh through a
        dangling one would write outside the site. A file whose mode was changed (chmod 0, a
        copy by another tool) is written afresh, as a new build would write it.

        Paths are plain strings here: at 10,000 agreements pathlib's objects for 50,000
        links took half a second.
        """
        try:
            os.link(f"{self.target}/{path}", destination, follow_symlinks=False)
        except OSError:
            return None
        found = os.lstat(destination)
        size = self.previous.get(path, "").partition(" ")[2]  # none in older manifests
        if found.st_mode == self._mode and (not size or int(size) == found.st_size):
            return found.st_size
        os.unlink(destination)  # noqa: PTH108 - changed since (cut short, chmod): made afresh
        return None

    def forget(self, paths: Iterable[str]) -> None:
        """Take back files linked from the previous site, to produce them afresh."""
        for path in paths:
            if self.files.pop(path, None) is not None:
                self.kept -= 1
                destination = self.staging / path
                self.bytes -= destination.stat().st_size
                destination.unlink()

    def unchanged(self, path: str, key: str) -> bool:
        """Whether ``path`` has ``key`` in the previous site (then :meth:`put` links it)."""
        return self.previous.get(path, "").partition(" ")[0] == key

    def keep(self, paths: Sequence[str]) -> bool:
        """Link each of ``paths`` from the previous site as it was there; whether all were.
        If one cannot be (gone, changed since), none is kept: the caller makes them anew."""
        kept: list[str] = []
        for path in paths:
            key = self.previous.get(path, "").partition(" ")[0]
            if not key or not self.link_unchanged(path, key):
                self.forget(kept)
                return False
            kept.append(path)
        return True

    def previous_file(self, path: str) -> bytes | None:
        """The bytes of ``path`` in the previous site, if the build listed it and it is a
        plain file there (not a link a user put in its place)."""
        if path not in self.previous:
            return None
        try:
            handle = os.open(f"{self.target}/{path}", os.O_RDONLY | os.O_NOFOLLOW)
        except OSError:
            return None
        with os.fdopen(handle, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return None
            return file.read()

    def _destination(self, path: str) -> str:
        """Where ``path`` goes in the staging folder, its folder made (once per build)."""
        self._folder(path.rpartition("/")[0])
        return f"{self.staging}/{path}"

    def _folder(self, folder: str) -> None:
        """Make ``folder`` and those above it in the staging folder, each once: one
        ``mkdir`` a page (``os.makedirs`` also looks at the folder above, every time)."""
        if not folder or folder in self._made:
            return
        self._folder(folder.rpartition("/")[0])
        with suppress(FileExistsError):  # made by another worker (``downloads/``, ``static/``)
            os.mkdir(f"{self.staging}/{folder}")  # noqa: PTH102 - a string path: 2x faster
        self._made.add(folder)

    def put(self, path: str, key: str, produce: Callable[[], bytes]) -> None:
        """The file at ``path`` with content key ``key``; ``produce`` is called only if new."""
        if path in self.files:
            raise ValueError(f"two files of the site at {path}")
        destination = self._destination(path)
        if self.unchanged(path, key):
            size = self._link(path, destination)
            if size is not None:
                self.files[path] = f"{key} {size}"
                self.kept += 1
                self.bytes += size
                return
        data = produce()
        self.files[path] = f"{key} {len(data)}"
        with open(destination, "wb") as handle:  # noqa: PTH123
            handle.write(data)
        self.written += 1
        self.bytes += len(data)

    def put_bytes(self, path: str, data: bytes) -> None:
        """A file whose content is at hand: its key is its digest."""
        self.put(path, content_key(data), lambda: data)

    def _carry_user_files(self) -> None:
        """Keep what the user added at the top of an earlier site (a ``CNAME`` for GitHub
        Pages, an ``.htaccess``): names no build wrote there. (With ``--force`` over a
        folder that was no site, everything is replaced, as the refusal said.)"""
        if not self.earlier_site or not self.target.is_dir():
            return
        ours = {path.split("/", 1)[0] for path in self.previous} | {MANIFEST}
        for entry in sorted(os.scandir(self.target), key=lambda e: e.name):
            destination = self.staging / entry.name
            if entry.name in ours or os.path.lexists(destination):
                continue
            if entry.is_symlink():
                destination.symlink_to(Path(entry.path).readlink())
            elif entry.is_dir():
                shutil.copytree(entry.path, destination, symlinks=True, copy_function=os.link)
            else:
                os.link(entry.path, destination)
            self.carried.append(entry.name)

    def commit(self) -> None:
        """Write the manifest and swap the staging folder in place of the target."""
        manifest = {
            "format": _FORMAT,
            "extra": self.extra,
            "files": dict(sorted(self.files.items())),
        }
        (self.staging / MANIFEST).write_text(
            json.dumps(manifest, indent=0, ensure_ascii=False), encoding="utf-8"
        )
        self._carry_user_files()
        (self.staging / _MARK).unlink()
        self.staging.chmod(self._folder_mode)  # mkdtemp made it private, unlike its folders
        old = None
        if self.target.exists():
            parent = self.staging.parent
            old = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old.", dir=parent))
            (old / _MARK).touch()
            try:
                self.target.replace(old / "site")
            except OSError:
                shutil.rmtree(old)
                raise
        try:
            self.staging.replace(self.target)
        except OSError:
            if old is not None:  # put the previous site back
                (old / "site").replace(self.target)
                shutil.rmtree(old)
            raise
        if old is not None:
            _remove(old, in_background=self.clean_in_background)
