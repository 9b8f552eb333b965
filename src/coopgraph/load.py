"""Read data files into a validated :class:`~coopgraph.models.Dataset`, fast, with exact errors.

The happy path is built for size: files are parsed by a Rust YAML parser (``yaml_rs``,
about 50x faster than pure-Python PyYAML) with the garbage collector paused. Keeping the
result between commands is the job of :mod:`coopgraph.store`, which calls
:func:`load_contents` with the bytes it has already read and hashed.
Positions cost nothing until something is wrong: then the text is re-read with PyYAML's
composer (:mod:`coopgraph.locate`) to name the line and column of every problem.

All problems are reported at once: syntax and encoding per file, types and vocabularies
per record, and cross-references over what remains valid.
"""

from __future__ import annotations

import codecs
import gc
import hashlib
import marshal
import os
import re
import stat
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coopgraph.errors import DataError, Issue, UsageError
from coopgraph.messages import describe, kind_of
from coopgraph.models import (
    REFERENCE_ERROR,
    SECTIONS,
    Dataset,
    reference_problems,
    validate_dataset,
    validate_record,
)

if TYPE_CHECKING:
    from pydantic import ValidationError

    from coopgraph.locate import Locator

__all__ = [
    "Loaded",
    "data_files",
    "default_data_path",
    "load_contents",
    "load_dataset",
    "load_unchecked",
    "parse_records",
    "paused_gc",
    "raw_digest",
    "read_files",
    "read_regular_file",
    "require_regular_file",
    "with_ascii_dates",
]

DATA_ENV = "COOPGRAPH_DATA"
_YAML_SUFFIXES = (".yaml", ".yml")  # in any case: c.YAML is read, not skipped

#: Files larger than this are refused before they are read. The 100,000 agreements of the
#: load benchmark are 48 MB of YAML and take 1 GB in memory, so this (about a million
#: agreements in one file) is far beyond real data, and far below what exhausts memory.
MAX_FILE_BYTES = 256 * 1024 * 1024
_LINE_COLUMN = re.compile(r"line (\d+),? column (\d+)")

#: What YAML 1.2 does not allow in a stream (outside its printable set): C0 and C1 controls
#: but tab, line feed, carriage return and NEL; DEL; U+FFFE and U+FFFF. The fast parser
#: stops reading at a NUL without a word, so they are refused before it sees the text.
_FORBIDDEN = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

#: What may be an anchor (``&a``), an alias (``*a``) or a tag (``!x``): the character after
#: a space, a line break or a flow indicator, before a name. Searched in the bytes (UTF-8
#: never puts an ASCII byte inside another character), so the fast path pays a few ms per
#: 5 MB; a hit only means that PyYAML's event parser takes a careful look.
_NODE_PROPERTY = re.compile(rb"[&*!](?<=[\s\[{,:][&*!])[^\s\[\]{},]")
_NODE_PROPERTY_FIRST = re.compile(rb"[&*!][^\s\[\]{},]")

#: A line that may open deep nesting: a block collection sits right of its parent, so
#: nesting deeper than a few hundred levels needs a line that starts with 200 spaces,
#: dashes or question marks (``- - - - ...``). The fast parser crashes the process (a stack
#: overflow, not an exception) at about 20,000 levels, which a 40 KB line reaches.
_DEEP_LINE = re.compile(rb"\n[ \t?-]{200}")
_DEEP_FIRST_LINE = re.compile(rb"[ \t?-]{200}")

#: Deeper than this is refused by the careful look; records are nested fewer than 10 deep.
_MAX_DEPTH = 100

#: The only tags allowed, by the kind of node they may be on: YAML's core schema.
_CORE_TAGS = {
    "scalar": frozenset(f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null")),
    "sequence": frozenset({"tag:yaml.org,2002:seq"}),
    "mapping": frozenset({"tag:yaml.org,2002:map"}),
}

#: Where the model keeps dates (the test suite checks this against the models): for each
#: section, the record's own date fields, and the lists of parts with dates of their own.
_DATE_FIELDS: dict[str, tuple[tuple[str, ...], dict[str, tuple[str, ...]]]] = {
    "agencies": ((), {"names": ("valid_from", "valid_until"),
                      "part_of": ("valid_from", "valid_until")}),
    "agreements": (("date", "ended"), {"history": ("date",)}),
    "events": (("date",), {}),
    "sources": (("published",), {}),
}  # fmt: skip

Path_ = tuple[str | int, ...]


def default_data_path() -> Path:
    """``$COOPGRAPH_DATA`` if set, else the data shipped inside the package.

    A non-editable install carries the data as ``coopgraph/data``; a source checkout
    (editable install, tests) finds it at the repository's ``data/``.
    """
    configured = os.environ.get(DATA_ENV)
    if configured:
        return Path(configured)
    packaged = Path(__file__).parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "data"


def data_files(path: Path) -> list[Path]:
    """The YAML files ``path`` stands for: the file itself, or a directory's YAML files.

    A directory stands for its ``*.yaml`` and ``*.yml`` files in any case (``c.YAML`` too:
    skipping a file whose name differs by case would lose its records without a word), but
    not its hidden ones (``.#a.yaml``, an editor's lock file), as the shell's ``*.yaml``.
    Anything that is not a regular file (a device, a named pipe, a directory named
    ``x.yaml``) is a usage error before anything is opened: ``/dev/zero`` would be read
    until memory runs out, and opening a named pipe waits for a writer forever.
    """
    status = _status(path)
    if stat.S_ISDIR(status.st_mode):
        files = sorted(
            p
            for p in path.iterdir()
            if p.suffix.lower() in _YAML_SUFFIXES and not p.name.startswith(".")
        )
        if not files:
            raise DataError([Issue(str(path), "the directory holds no .yaml or .yml file")])
        for file in files:
            require_regular_file(file, "a data directory holds YAML files", _status(file))
        return files
    require_regular_file(path, "--data takes a YAML file or a directory of them", status)
    return [path]


def _status(path: Path) -> os.stat_result:
    """``os.stat`` of ``path`` (following links), or a DataError naming it."""
    try:
        return path.stat()
    except FileNotFoundError:
        missing = "a symbolic link to nothing" if path.is_symlink() else "no such file or directory"
        raise DataError([Issue(str(path), missing)]) from None
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        raise DataError([Issue(str(path), message)]) from None


#: What a path is when it is not a regular file, in words.
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def require_regular_file(path: Path, hint: str, status: os.stat_result | None = None) -> None:
    """A UsageError naming ``path`` unless it is a regular file (or a link to one).

    Checked with ``stat`` before the file is opened: a named pipe is never opened, as
    opening one blocks until something writes to it.
    """
    mode = (status or _status(path)).st_mode
    if stat.S_ISREG(mode):
        return
    kind = next((word for test, word in _KINDS if test(mode)), "not a regular file")
    raise UsageError(f"{str(path)!r} is {kind}, not a regular file: {hint}")


def read_regular_file(path: Path, hint: str, what: str = "data files") -> bytes:
    """The bytes of the regular file at ``path``, at most :data:`MAX_FILE_BYTES` of them.

    Not a regular file: a UsageError (see :func:`require_regular_file`). Missing,
    unreadable or too large: a DataError naming the file. The size is checked before
    reading, and again by reading one byte more than allowed, as a file may grow meanwhile.
    """
    limit = MAX_FILE_BYTES
    status = _status(path)
    require_regular_file(path, hint, status)
    if status.st_size > limit:
        raise DataError([_too_large(path, status.st_size, limit, what)])
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        # O_NONBLOCK: should the path have become a named pipe since the stat, opening
        # it does not wait for a writer; for a regular file it changes nothing
        handle = os.fdopen(os.open(path, flags | getattr(os, "O_NONBLOCK", 0)), "rb")
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        raise DataError([Issue(str(path), message)]) from None
    with handle:
        require_regular_file(path, hint, os.fstat(handle.fileno()))
        try:
            data = handle.read(limit + 1)
        except OSError as error:
            message = f"cannot read the file: {error.strerror or error}"
            raise DataError([Issue(str(path), message)]) from None
    if len(data) > limit:
        raise DataError([_too_large(path, len(data), limit, what)])
    return data


def _too_large(path: Path, size: int, limit: int, what: str) -> Issue:
    megabytes = limit // (1024 * 1024)
    return Issue(
        str(path),
        f"the file is larger than {megabytes} MB ({size:,} bytes or more); coopgraph reads "
        f"{what} up to {megabytes} MB: split it into several files",
    )


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of objects are created.

    Loading allocates many objects and no cycles worth collecting; with the collector
    running, validation time grows superlinearly (6 µs per agreement at 10k, 18 µs at 100k).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_dataset(path: Path | str | None = None) -> Dataset:
    """Load, merge and validate the data at ``path`` (file or directory of YAML files).

    Raises :class:`~coopgraph.errors.DataError` listing every problem found, each with
    its file, line, column and path in the document.
    """
    files = data_files(Path(path) if path is not None else default_data_path())
    return load_contents(read_files(files)).dataset


def read_files(files: Sequence[Path]) -> list[tuple[Path, bytes]]:
    """Each file with its bytes; an unreadable file is a DataError naming it."""
    return [(file, _read_bytes(file)) for file in files]


@dataclass(frozen=True)
class Loaded:
    """A validated dataset and, for each record, the file it was written in.

    ``files[section][i]`` is the file of ``getattr(dataset, section)[i]``: the store keeps
    each file's records apart so that a changed file is re-read on its own.
    """

    dataset: Dataset
    files: dict[str, list[str]]
    #: ``raws[section][i]``: the :func:`raw_digest` of that record as the file gives it
    raws: dict[str, list[str]] = field(default_factory=dict)


def raw_digest(raw: Any) -> str:
    """A digest of one record as parsed, before validation: the store tells an unchanged
    record of a changed file by it, without validating it again.

    marshal's format 2 has no back-references, so equal plain values give equal bytes; a
    value marshal cannot write (none the parser gives today) is digested by its ``repr``.
    """
    try:
        data = marshal.dumps(raw, 2)
    except ValueError:
        data = repr(raw).encode("utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _raws_of(merged: dict[str, list[Any]]) -> dict[str, list[str]]:
    return {section: [raw_digest(raw) for raw in merged[section]] for section in SECTIONS}


def parse_records(contents: Sequence[tuple[Path, bytes]]) -> dict[str, list[Any]] | None:
    """The records of some files as parsed, not validated: per section, in data order,
    ``(file, position in the file's section, raw record)``; None if a file does not parse
    (the caller then loads every file with :func:`load_contents`, which says where)."""
    with paused_gc():
        parsed = _parse_all(contents)
    if parsed is None:
        return None
    merged, origins = parsed
    return {
        section: [
            (document.name, position, raw)
            for (document, position), raw in zip(origins[section], merged[section], strict=True)
        ]
        for section in SECTIONS
    }


def load_contents(contents: Sequence[tuple[Path, bytes]]) -> Loaded:
    """Parse and validate files already read, with the garbage collector paused."""
    with paused_gc():
        loaded = _parse_and_validate(contents)
    gc.freeze()  # the dataset lives as long as the command: keep it out of later collections
    return loaded


def load_unchecked(contents: Sequence[tuple[Path, bytes]]) -> Loaded | None:
    """Parse and validate each record of some files, without the whole-dataset rules.

    For updating a store one file at a time: the caller joins these records with the
    others and checks the whole. None when anything is wrong: the caller then loads every
    file with :func:`load_contents`, which reports each problem with its location.
    """
    from pydantic import ValidationError

    with paused_gc():
        parsed = _parse_all(contents)
        if parsed is None:
            return None
        merged, origins = parsed
        try:
            sections = {
                section: [validate_record(section, raw) for raw in merged[section]]
                for section in SECTIONS
            }
        except (ValidationError, ValueError, TypeError):
            return None
    return Loaded(Dataset.unchecked(**sections), _files_of(origins), _raws_of(merged))


def _parse_all(
    contents: Sequence[tuple[Path, bytes]],
) -> tuple[dict[str, list[Any]], dict[str, list[tuple[_Document, int]]]] | None:
    """The files parsed and their sections joined (:func:`_merge`); None if any problem
    (a caller that must say where loads every file with :func:`load_contents`)."""
    issues: list[Issue] = []
    documents = [d for file, data in contents if (d := _parse(str(file), data, issues))]
    merged, origins = _merge(documents, issues)
    return None if issues else (merged, origins)


def _read_bytes(file: Path) -> bytes:
    return read_regular_file(file, "data files are regular YAML files")


@dataclass
class _Document:
    """One file's text and parsed content, with a locator made on first need."""

    name: str
    text: str
    data: dict[str, Any]
    _locator: Locator | None = field(default=None, repr=False)

    @property
    def locator(self) -> Locator:
        """PyYAML's node tree, for positions; made only when a problem must be located.

        The fast parser accepts a few texts PyYAML refuses (``:  key: value`` reads as a
        null key). Such a text is itself the problem: its syntax error, with the place
        PyYAML gives, is reported instead of whatever the fast parser's reading led to.
        """
        if self._locator is None:
            from coopgraph.locate import Locator, YamlSyntaxError

            try:
                self._locator = Locator(self.text)
            except YamlSyntaxError as error:
                found = error.located
                issue = Issue(self.name, found.message, (), found.line, found.column)
                raise DataError([issue]) from None
        return self._locator

    def issue(self, path: Path_, message: str) -> Issue:
        line, column = self.locator.position(path) or (None, None)
        return Issue(self.name, message, path, line, column)


def _parse_and_validate(contents: Sequence[tuple[Path, bytes]]) -> Loaded:
    issues: list[Issue] = []
    documents: list[_Document] = []
    for file, data in contents:
        document = _parse(str(file), data, issues)
        if document is not None:
            documents.append(document)
    merged, origins = _merge(documents, issues)
    if issues:
        raise DataError(issues)
    from pydantic import ValidationError

    try:
        dataset = validate_dataset(merged)
    except ValidationError as error:
        raise DataError(_located(error, merged, origins, documents)) from None
    return Loaded(dataset, _files_of(origins), _raws_of(merged))


def _files_of(origins: dict[str, list[tuple[_Document, int]]]) -> dict[str, list[str]]:
    """The file of each record, per section, in data order (for :class:`Loaded`)."""
    return {section: [document.name for document, _ in origins[section]] for section in SECTIONS}


def _located(
    error: ValidationError,
    merged: dict[str, list[Any]],
    origins: dict[str, list[tuple[_Document, int]]],
    documents: Sequence[_Document],
) -> list[Issue]:
    found = _issues_from(error, origins)
    if any(d["type"] != REFERENCE_ERROR for d in error.errors()):
        # the whole-dataset checks did not run: run them on what is valid
        found += _issues_beyond_structure(merged, origins)
    return found + _tag_issues(documents, {issue.file for issue in found})


def _tag_issues(documents: Sequence[_Document], names: set[str]) -> list[Issue]:
    """Tags the fast parser ignored silently, named where they may explain other problems."""
    return [
        Issue(document.name, found.message, found.path, found.line, found.column)
        for document in documents
        if document.name in names
        for found in document.locator.unsafe_tags()
    ]


def _parse(name: str, data: bytes, issues: list[Issue]) -> _Document | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        issues.append(
            Issue(
                name,
                f"not UTF-8: byte 0x{data[error.start]:02x} cannot be decoded; "
                "save the file as UTF-8",
                (),
                line,
                column,
            )
        )
        return None
    if text.startswith("\ufeff"):
        text = text[1:]
    if forbidden := _forbidden_characters(name, text):
        issues.extend(forbidden)
        return None
    if _needs_a_careful_look(data) and (found := _careful_look(name, text)):
        issues.extend(found)
        return None
    import yaml_rs  # the Rust parser: imported here, so a cached load never loads it

    try:
        parsed = yaml_rs.loads(text, parse_datetime=False)
    except yaml_rs.YAMLDecodeError as error:
        issues.extend(_explain_parse_error(name, text, str(error)))
        return None
    if isinstance(parsed, list) and (found := _careful_look(name, text)):
        issues.extend(found)  # more than one document, which the fast parser gives as a list
        return None
    if parsed is None:
        issues.append(
            Issue(
                name,
                "the file is empty: expected a mapping with keys such as "
                "'agencies' and 'agreements'",
                (),
                1,
                1,
            )
        )
        return None
    if not isinstance(parsed, dict):
        issues.append(
            Issue(
                name,
                f"expected a mapping with keys such as 'agencies' and "
                f"'agreements', found {kind_of(parsed)}",
                (),
                1,
                1,
            )
        )
        return None
    document = _Document(name, text, parsed)
    if not text.isascii() and (digits := _non_ascii_digits(document)):
        issues.extend(digits)
        return None
    return document


def _needs_a_careful_look(data: bytes) -> bool:
    """Whether the text may hold what the fast parser must not see; a cheap byte search.

    Anchors and aliases (an alias of an alias of a long text grows a 100 KB file to tens of
    gigabytes), tags other than the core ones (``!!binary``, ``!!set``, ``!custom``: the
    fast parser ignores them silently), merge keys (``<<``) and deep nesting. False
    positives (``x: *important*``) only cost a slower, careful read.
    """
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    return bool(
        (
            (b"&" in data or b"*" in data or b"!" in data)
            and (_NODE_PROPERTY.search(data) or _NODE_PROPERTY_FIRST.match(data, start))
        )
        or (b"<" in data and b"<<" in data)
        or _DEEP_LINE.search(data)
        or _DEEP_FIRST_LINE.match(data, start)
    )


def _careful_look(name: str, text: str, most: int = 5) -> list[Issue]:
    """What the fast parser must not read, found by PyYAML's event parser (the first ``most``).

    Events expand no alias and build no value, so a billion-laughs file is read in time and
    memory proportional to its size, and what its aliases would expand to is counted, not
    made. Refused, each with its line, column and path: aliases that would repeat more than
    :data:`_MAX_REPEATED_NODES` values or four times the file's text (PyYAML writes an alias
    for a list two records share, so aliases as such are allowed), an alias of a node that
    contains it, tags beyond the core ones, merge keys, nesting deeper than
    :data:`_MAX_DEPTH` and a second document. A text PyYAML cannot read is reported with
    PyYAML's position. An empty list: nothing is wrong, the fast parser may read it.
    """
    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found: list[Issue] = []

    def add(mark: Any, message: str, path: Path_ = ()) -> None:
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        found.append(Issue(name, message, path, line, column))

    frames: list[_Open] = []
    sizes: dict[str, tuple[int, int]] = {}  # anchor -> values and characters it stands for
    repeated = (0, 0)  # values and characters that aliases repeat
    budget = (_MAX_REPEATED_NODES, 4 * len(text) + 1_000_000)
    documents = 0
    try:
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    add(event.start_mark, _SECOND_DOCUMENT)
                    break
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                done = frames.pop()
                _ended(frames, sizes, None, done.anchor, (done.values, done.characters))
                continue
            if not isinstance(event, yaml.NodeEvent):
                continue
            path, is_key = _node_path(frames, event)
            mark = event.start_mark
            if (problem := _tag_problem(event)) is not None:
                add(mark, problem, path)
            if is_key and _is_merge_key(event):
                add(mark, "merge keys ('<<') are not supported: write the fields out", path)
            if isinstance(event, yaml.AliasEvent):
                if any(frame.anchor == event.anchor for frame in frames):
                    add(mark, f"alias '*{event.anchor}' is inside the node it names", path)
                    break
                size = sizes.get(event.anchor, (1, 0))
                repeated = (repeated[0] + size[0], repeated[1] + size[1])
                if repeated[0] > budget[0] or repeated[1] > budget[1]:
                    add(mark, _too_many_repeats(event.anchor, repeated, budget), path)
                    break
                _ended(frames, sizes, event, None, size)
            elif isinstance(event, yaml.CollectionStartEvent):
                frames.append(_Open(path, isinstance(event, yaml.MappingStartEvent), event.anchor))
                if len(frames) > _MAX_DEPTH:
                    add(mark, f"nested more than {_MAX_DEPTH} levels deep; records need fewer")
                    break
            else:
                _ended(frames, sizes, event, event.anchor, (1, len(event.value)))
            if len(found) >= most:
                break
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        if documents and "<document start>" in (error.problem or ""):
            add(mark, _SECOND_DOCUMENT)  # one after '...', which the fast parser reads on
        else:
            words = "; ".join(p for p in (error.context, error.problem) if p) or "cannot be read"
            add(mark, f"not valid YAML: {words}")
    except yaml.YAMLError as error:
        add(None, f"not valid YAML: {error}")
    return found[:most]


#: At most this many values may aliases repeat (the fast parser itself stops at 1,000,000).
_MAX_REPEATED_NODES = 500_000


@dataclass(slots=True)
class _Open:
    """A collection the event parser is in: where it is, what it awaits, what it holds.

    ``awaited`` is the index of a list's next item; in a mapping, True while a key is
    awaited, else the key whose value is. ``values`` and ``characters`` count what the
    collection stands for, its aliases expanded.
    """

    path: Path_
    is_mapping: bool
    anchor: str | None
    awaited: Any = None
    values: int = 1
    characters: int = 0

    def __post_init__(self) -> None:
        self.awaited = True if self.is_mapping else 0


def _too_many_repeats(anchor: str, repeated: tuple[int, int], budget: tuple[int, int]) -> str:
    return (
        f"aliases repeat too much: with '*{anchor}', {repeated[0]:,} values and "
        f"{repeated[1]:,} characters are repeated (at most {budget[0]:,} values and "
        f"{budget[1]:,} characters in this file); write the values out"
    )


_SECOND_DOCUMENT = (
    "more than one YAML document: a data file holds one; the second starts here "
    "(remove the '---' or put it in a file of its own)"
)


def _node_path(frames: list[_Open], event: Any) -> tuple[Path_, bool]:
    """The path of the node an event starts, and whether it is a mapping's key."""
    if not frames:
        return (), False
    frame = frames[-1]
    if not frame.is_mapping:
        return (*frame.path, frame.awaited), False
    if frame.awaited is True:  # a key: the path of its entry, when it is a plain name
        value = getattr(event, "value", None)
        return ((*frame.path, value) if isinstance(value, str) else frame.path), True
    return (*frame.path, frame.awaited), False


def _ended(
    frames: list[_Open],
    sizes: dict[str, tuple[int, int]],
    event: Any,
    anchor: str | None,
    size: tuple[int, int],
) -> None:
    """A node ended: remember what its anchor stands for; its collection awaits the next."""
    if anchor is not None:
        sizes[anchor] = size
    if not frames:
        return
    frame = frames[-1]
    frame.values += size[0]
    frame.characters += size[1]
    if not frame.is_mapping:
        frame.awaited += 1
    elif frame.awaited is True:
        value = getattr(event, "value", None)
        frame.awaited = value if isinstance(value, str) else "?"
    else:
        frame.awaited = True


def _tag_problem(event: Any) -> str | None:
    """Why a node's explicit tag is refused, or None when it has none or a core one."""
    import yaml

    tag = getattr(event, "tag", None)
    if isinstance(event, yaml.AliasEvent) or tag is None:
        return None
    if isinstance(event, yaml.ScalarEvent):
        kind = "scalar"
    else:
        kind = "mapping" if isinstance(event, yaml.MappingStartEvent) else "sequence"
    if tag in _CORE_TAGS[kind]:
        return None
    core = "tag:yaml.org,2002:"
    shown = "!!" + tag.removeprefix(core) if tag.startswith(core) else tag
    if any(tag in tags for tags in _CORE_TAGS.values()):
        return f"tag {shown!r} is not allowed on a {kind}; leave the tag out"
    return f"tag {shown!r} is not allowed: {_PLAIN}"


_PLAIN = "data files are plain YAML (of tags, only !!str, !!int, !!float, !!bool, !!null)"


def _is_merge_key(event: Any) -> bool:
    import yaml

    return (
        isinstance(event, yaml.ScalarEvent)
        and event.value == "<<"
        and event.implicit[0]  # plain, not quoted: a quoted '<<' is an unknown field
        and event.tag is None
    )


def _non_ascii_digits(document: _Document) -> list[Issue]:
    """Dates written with digits other than 0-9, located (see :func:`with_ascii_dates`)."""
    return [document.issue(path, message) for path, message in with_ascii_dates(document.data)]


def with_ascii_dates(data: dict[str, Any]) -> Iterator[tuple[Path_, str]]:
    """Each date of ``data`` (records as plain data) written with a digit other than 0-9.

    Python reads ``２０２４-01`` (full-width digits, as an East Asian input method types
    them) or Arabic-Indic digits as the ASCII date silently; a date is refused instead,
    naming the character, as a date written so is rare and may hide a typing slip. Only
    date fields are looked at (text elsewhere may use any digits), and only where the
    model has them (:data:`_DATE_FIELDS`): a walk of 10,000 agreements takes about 5 ms.
    """
    for section, (own, parts) in _DATE_FIELDS.items():
        records = data.get(section)
        if not isinstance(records, list):
            continue
        for i, record in enumerate(records):
            if not isinstance(record, dict):
                continue
            for key in own:
                if (message := _digit_problem(record.get(key))) is not None:
                    yield (section, i, key), message
            for part, keys in parts.items():
                items = record.get(part)
                if not isinstance(items, list):
                    continue
                for j, item in enumerate(items):
                    if isinstance(item, dict):
                        for key in keys:
                            if (message := _digit_problem(item.get(key))) is not None:
                                yield (section, i, part, j, key), message


def _digit_problem(value: Any) -> str | None:
    if not isinstance(value, str) or value.isascii():
        return None
    digit = next((c for c in value if c.isdecimal() and not c.isascii()), None)
    if digit is None:
        return None  # not a date at all: the model says so
    import unicodedata

    return (
        f"{value!r} is written with {digit!r} (U+{ord(digit):04X} "
        f"{unicodedata.name(digit, 'a digit')}); write dates with the digits 0-9"
    )


def _forbidden_characters(name: str, text: str, most: int = 5) -> list[Issue]:
    """Each line with a character YAML forbids (the first ``most``), located."""
    found: list[Issue] = []
    for match in _FORBIDDEN.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        if found and found[-1].line == line:
            continue
        if len(found) == most:
            break
        column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
        code = ord(match[0])
        known = _CONTROL_NAMES.get(code)
        found.append(
            Issue(
                name,
                f"control character U+{code:04X}{f' ({known})' if known else ''} is not "
                "allowed in YAML; remove it",
                (),
                line,
                column,
            )
        )
    return found


#: Names of the control characters people meet (a pasted terminal colour, a C string's end).
_CONTROL_NAMES = {0x00: "NUL", 0x07: "BEL", 0x08: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC",
                  0x7F: "DEL"}  # fmt: skip


def _explain_parse_error(name: str, text: str, message: str) -> list[Issue]:
    """Turn a fast-parser failure into issues with positions, found by PyYAML."""
    from coopgraph.locate import Locator, YamlSyntaxError

    try:
        locator = Locator(text)
    except YamlSyntaxError as error:
        found = error.located
        return [Issue(name, found.message, (), found.line, found.column)]
    located = [*locator.duplicate_keys(), *locator.unsafe_tags()]
    if located:
        return [
            Issue(name, found.message, found.path, found.line, found.column) for found in located
        ]
    first_line = message.strip().splitlines()[0] if message.strip() else "not valid YAML"
    match = _LINE_COLUMN.search(message)
    line, column = (int(match[1]), int(match[2])) if match else (None, None)
    return [Issue(name, f"not valid YAML: {first_line}", (), line, column)]


def _merge(
    documents: Sequence[_Document], issues: list[Issue]
) -> tuple[dict[str, list[Any]], dict[str, list[tuple[_Document, int]]]]:
    """Concatenate the sections of all files, remembering where each item came from."""
    merged: dict[str, list[Any]] = {section: [] for section in SECTIONS}
    origins: dict[str, list[tuple[_Document, int]]] = {section: [] for section in SECTIONS}
    for document in documents:
        for key, value in document.data.items():
            if key not in SECTIONS:
                known = ", ".join(repr(s) for s in SECTIONS)
                issues.append(
                    document.issue((str(key),), f"unknown section {key!r}; expected {known}")
                )
            elif value is None:
                continue
            elif not isinstance(value, list):
                issues.append(
                    document.issue((key,), f"expected a list of records, found {kind_of(value)}")
                )
            else:
                merged[key].extend(value)
                origins[key].extend((document, i) for i in range(len(value)))
    return merged, origins


def _issue_at(
    path: Sequence[str | int],
    message: str,
    origins: dict[str, list[tuple[_Document, int]]],
    *,
    missing: bool = False,
) -> Issue:
    """Map a path in the merged document to its file, its path there, and its line.

    Pydantic adds steps of its own to locations (``function-before[...]``, ``int`` in a
    union, ``[key]``) and models expand shorthands (``parties: [KIAT]`` is read as
    ``{agency: KIAT}``); walking the actual data keeps only the keys and indexes that are
    written in the file. A ``missing`` field keeps its name, pointing at its record.
    """
    section, index, *rest = path
    document, local = origins[str(section)][int(index)]
    node: Any = document.data[section][local]
    kept: list[str | int] = [str(section), local]
    for position, part in enumerate(rest):
        in_mapping = isinstance(node, dict) and part in node
        in_list = isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node)
        if in_mapping or in_list:
            kept.append(part)
            node = node[part]
        elif missing and position == len(rest) - 1:
            kept.append(part)
    return document.issue(tuple(kept), _first_placed(message, document, origins))


#: The model's message for an id used twice; the index is in the merged data.
_DUPLICATE = re.compile(r"duplicate id (?P<id>.+) \(first at (?P<section>\w+)\[(?P<index>\d+)\]\)")


def _first_placed(
    message: str, here: _Document, origins: dict[str, list[tuple[_Document, int]]]
) -> str:
    """A duplicate id's message with the file and line of its first use.

    The model counts records across all files merged; in a directory, "first at
    agencies[0]" would point into whichever file happens to come first, unnamed.
    """
    match = _DUPLICATE.fullmatch(message)
    if match is None or match["section"] not in origins:
        return message
    section, index = match["section"], int(match["index"])
    if index >= len(origins[section]):
        return message
    first, local = origins[section][index]
    line = (first.locator.position((section, local, "id")) or (None, None))[0]
    where = f"line {line}" if first is here else f"{first.name}:{line}"
    return f"duplicate id {match['id']} (first at {where}, {section}[{local}])"


def _issues_from(
    error: ValidationError, origins: dict[str, list[tuple[_Document, int]]]
) -> list[Issue]:
    """Readable issues from pydantic's errors, one per place (alternatives joined by "or")."""
    merged: dict[tuple[str, Path_], Issue] = {}
    for detail in error.errors(include_url=False):
        issue = _issue_at(
            detail["loc"],
            describe(detail),
            origins,
            missing=detail["type"] in {"missing", "missing_keyword_argument"},
        )
        key = (issue.file, issue.path)
        if key not in merged:
            merged[key] = issue
        elif issue.message not in merged[key].message:
            merged[key] = replace(merged[key], message=f"{merged[key].message} or {issue.message}")
    return list(merged.values())


def _issues_beyond_structure(
    merged: dict[str, list[Any]], origins: dict[str, list[tuple[_Document, int]]]
) -> list[Issue]:
    """Cross-reference problems, reported even while some records are still broken.

    Each record is validated on its own; the valid ones form a partial dataset whose
    references are checked, with the ids of broken records counted as known so that one
    broken record does not make every mention of it an error too.
    """
    from pydantic import ValidationError

    valid: dict[str, list[Any]] = {}
    positions: dict[str, list[int]] = {}
    broken_ids: dict[str, set[str]] = {}
    for section in SECTIONS:
        valid[section], positions[section], broken_ids[section] = [], [], set()
        for i, raw in enumerate(merged[section]):
            try:
                valid[section].append(validate_record(section, raw))
                positions[section].append(i)
            except ValidationError:
                if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                    broken_ids[section].add(raw["id"])
    partial = Dataset.unchecked(**valid)
    issues = []
    for path, message in reference_problems(partial, also_known=broken_ids):
        section, index, *rest = path
        original = (section, positions[str(section)][int(index)], *rest)
        if match := _DUPLICATE.fullmatch(message):  # its index counts valid records only
            first = positions[match["section"]][int(match["index"])]
            message = f"duplicate id {match['id']} (first at {match['section']}[{first}])"
        issues.append(_issue_at(original, message, origins))
    return issues
