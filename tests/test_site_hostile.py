"""``coopgraph site`` under hostile input: odd folders, odd records, rebuilds in other processes.

A review that tries to break the site as a demanding user and a security-minded reader
would. Each record made here is the bundled data (data/agreements.yaml) changed with
``dataclasses.replace``; what the pages must show is worked out from those changes by hand.
The pages are read with the link check's parser (test_site_links.py).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.test_site_links import ABSOLUTE, Parsed, parse, resolve

from coopgraph.index import Index
from coopgraph.models import Agency, Agreement, Citation, Dataset, Name, Party, Source, TechField
from coopgraph.site import build_site
from coopgraph.site.output import MANIFEST

REPO = Path(__file__).parents[1]

#: Text that must come out as text: a line separator, HTML that closes the JSON-LD script,
#: template syntax of Jinja2 and of JavaScript, and right-to-left text with an override.
HOSTILE = (
    "Line\u2028break </script><script>alert(1)</script><img src=x onerror=alert(2)> "
    "{{ 7*7 }} {% if 1 %}jinja{% endif %} ${7*7} \u202eevil\u202c שלום עולם"
)


def all_pages(root: Path) -> dict[str, Parsed]:
    return {path.relative_to(root).as_posix(): parse(path) for path in sorted(root.rglob("*.html"))}


def h1_texts(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", m).strip() for m in re.findall(r"<h1>(.*?)</h1>", html, re.S)]


def check_site(root: Path) -> list[str]:
    """Problems a reader would meet: a broken link, a page without a heading or title, a
    JSON-LD block that does not parse."""
    pages = all_pages(root)
    problems: list[str] = []
    for path, page in pages.items():
        html = (root / path).read_text("utf-8")
        headings = h1_texts(html)
        if len(headings) != 1 or not headings[0]:
            problems.append(f"{path}: h1 {headings}")
        if not page.title.strip(" ·"):
            problems.append(f"{path}: empty title")
        for block in page.jsonld:
            try:
                json.loads(block)
            except ValueError as error:
                problems.append(f"{path}: JSON-LD {error}")
        for tag, attribute, value in page.urls:
            if ABSOLUTE.match(value):
                continue
            target, _ = resolve(path, value)
            if target.startswith("..") or not (root / target).is_file():
                problems.append(f"{path}: <{tag} {attribute}={value!r}> names no file")
    return problems


# --- records at the edges ------------------------------------------------------------------


def edges(dataset: Dataset) -> Dataset:
    """The bundled data plus records at the edges of what the data allows.

    - agency ``9.x_y`` (an id starting with a digit, with ``.`` and ``_``), named only in
      Japanese, and that name is :data:`HOSTILE`;
    - source ``bare``: no title, publisher, address or date;
    - agreement ``1.odd_id``: titled only in Japanese with :data:`HOSTILE`, no date, no
      fields, between ``9.x_y`` and KRISS, quoting ``bare`` with a 10,000-character quote;
    - fields ``chain-0`` … ``chain-29``, each narrower than the one before.
    """
    bare = Source(id="bare", kind="news", language="ja")
    long_quote = ("長い引用。" * 2000)[:10_000]
    agency = Agency(
        id="9.x_y",
        names=[Name(text=HOSTILE, lang="ja")],
        country="JP",
        kind="institute",
        sources=[Citation(source="bare", quote=HOSTILE)],
    )
    agreement = Agreement(
        id="1.odd_id",
        type="mou",
        title={"ja": HOSTILE},
        parties=[Party(agency="9.x_y"), Party(agency="KRISS")],
        status="signed",
        sources=[Citation(source="bare", quote=long_quote)],
    )
    chain = [
        TechField(
            id=f"chain-{i}",
            label={"en": f"Chain {i}"},
            broader=f"chain-{i - 1}" if i else None,
        )
        for i in range(30)
    ]
    return dataclasses.replace(
        dataset,
        agencies=[*dataset.agencies, agency],
        agreements=[*dataset.agreements, agreement],
        fields=[*dataset.fields, *chain],
        sources=[*dataset.sources, bare],
    )


@pytest.fixture(scope="module")
def edge_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from coopgraph.load import load_dataset

    root = tmp_path_factory.mktemp("edges") / "site"
    build_site(Index(edges(load_dataset(None))), root, parallel=False)
    return root


def test_records_at_the_edges_have_pages_that_link_and_have_a_heading(edge_site: Path) -> None:
    for path in (
        "agency/9.x_y/index.html",
        "ko/agency/9.x_y/index.html",
        "agreement/1.odd_id/index.html",
        "source/bare/index.html",
        "field/chain-29/index.html",
    ):
        assert (edge_site / path).is_file(), path
    assert check_site(edge_site) == []


def test_text_from_the_data_is_never_markup_or_a_template(edge_site: Path) -> None:
    escaped = (
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;"
    )
    for path in ("agreement/1.odd_id/index.html", "agency/9.x_y/index.html", "index.html"):
        html = (edge_site / path).read_text("utf-8")
        assert "<script>alert(1)" not in html, path
        assert "<img src=x" not in html, path
        assert "49" not in re.sub(r"[0-9a-f]{32}", "", "".join(h1_texts(html))), path
    agreement = (edge_site / "agreement/1.odd_id/index.html").read_text("utf-8")
    assert escaped in agreement
    assert "{{ 7*7 }} {% if 1 %}jinja{% endif %} ${7*7}" in agreement
    # the agency page quotes the same text from source "bare", as text
    agency = (edge_site / "agency/9.x_y/index.html").read_text("utf-8")
    assert f"<blockquote>{escaped}" not in agency  # the whole HOSTILE, escaped once
    assert escaped in agency and "&amp;lt;" not in agency


def test_a_source_with_no_title_or_publisher_is_named_by_its_id(edge_site: Path) -> None:
    html = (edge_site / "source/bare/index.html").read_text("utf-8")
    assert h1_texts(html) == ["bare"]
    assert ("長い引用。" * 2000)[:10_000] in html  # the whole quote, not cut
    assert 'class="external"' not in html  # no address to link to


def test_a_field_deep_in_a_chain_lists_every_broader_field(edge_site: Path) -> None:
    html = (edge_site / "field/chain-29/index.html").read_text("utf-8")
    for i in range(29):
        assert f"../../field/chain-{i}/index.html" in html


def test_a_site_without_agreements_is_still_whole(dataset: Dataset, tmp_path: Path) -> None:
    empty = dataclasses.replace(
        dataset,
        agreements=[],
        events=[dataclasses.replace(e, part_of=e.part_of) for e in dataset.events],
    )
    build_site(Index(empty), tmp_path / "site", parallel=False)
    assert check_site(tmp_path / "site") == []
    assert not (tmp_path / "site" / "country-pair").exists()


# --- languages -----------------------------------------------------------------------------


def test_korean_first_puts_english_under_en_and_every_link_resolves(
    index: Index, tmp_path: Path
) -> None:
    root = tmp_path / "site"
    build_site(index, root, langs=("ko", "en"), parallel=False)
    assert (root / "agency/KRISS/index.html").is_file()
    assert (root / "en/agency/KRISS/index.html").is_file()
    assert not (root / "ko").exists()
    assert check_site(root) == []
    english = parse(root / "en/agency/KRISS/index.html")
    assert english.lang == "en"
    assert ("ko", "../../../agency/KRISS/index.html") in english.switches


def test_korean_only_has_no_link_to_an_english_page(index: Index, tmp_path: Path) -> None:
    root = tmp_path / "site"
    build_site(index, root, langs=("ko",), parallel=False)
    assert not (root / "en").exists() and not (root / "ko").exists()
    assert check_site(root) == []
    assert parse(root / "agency/KRISS/index.html").switches == []


def test_switching_languages_leaves_no_stale_pages(index: Index, tmp_path: Path) -> None:
    root = tmp_path / "site"
    build_site(index, root, langs=("en", "ko"), parallel=False)
    build_site(index, root, langs=("ko", "en"), parallel=False)
    assert not (root / "ko").exists()
    assert parse(root / "agency/KRISS/index.html").lang == "ko"
    listed = set(json.loads((root / MANIFEST).read_text("utf-8"))["files"])
    on_disk = {
        p.relative_to(root).as_posix()
        for p in root.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    assert on_disk == listed


# --- the folder ----------------------------------------------------------------------------


def test_a_symlink_to_a_site_updates_the_folder_it_points_to(index: Index, tmp_path: Path) -> None:
    """A published folder is often a link (``/var/www/coopgraph -> /srv/sites/coopgraph``):
    the build must write the folder it points to and leave the link a link."""
    real = tmp_path / "real"
    build_site(index, real, langs=("en",), parallel=False)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    build_site(index, link, langs=("en", "ko"), parallel=False)
    assert link.is_symlink()
    assert (real / "ko/agency/KRISS/index.html").is_file()


@pytest.mark.parametrize(
    "manifest",
    ['{"format": "coopgraph-site/1", "files": {"index.ht', '{"format": "coopgraph-site/9"}', "[]"],
    ids=["truncated", "future-format", "a-list"],
)
def test_a_folder_with_a_broken_manifest_is_refused_without_force(
    run, tmp_path: Path, manifest: str
) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    (folder / MANIFEST).write_text(manifest, "utf-8")
    outcome = run("site", "-o", folder, "--lang", "en")
    assert outcome.code == 2
    assert "Traceback" not in outcome.err
    assert "not a site coopgraph wrote" in outcome.err
    assert (folder / MANIFEST).read_text("utf-8") == manifest
    forced = run("site", "-o", folder, "--lang", "en", "--force")
    assert forced.code == 0, forced.err
    assert (folder / "agency/KRISS/index.html").is_file()


def test_force_replaces_a_folder_with_subfolders(run, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "deep/er").mkdir(parents=True)
    (folder / "deep/er/notes.txt").write_text("x", "utf-8")
    outcome = run("site", "-o", folder, "--lang", "en", "--force")
    assert outcome.code == 0, outcome.err
    assert not (folder / "deep").exists()
    beside = sorted(p.name for p in tmp_path.iterdir())
    # the replaced folder (.site.old.*) is removed in the background: not waited for here
    assert [n for n in beside if not n.startswith(".site.old.")] == [".site.lock", "site"]


def test_an_unreadable_previous_page_is_drawn_again(index: Index, tmp_path: Path) -> None:
    """A page made unreadable in the previous site (chmod, a copy by another tool) must not
    be carried over as it is: a web server could not serve it, build after build. Checked by
    its mode, as root reads any file."""
    root = tmp_path / "site"
    build_site(index, root, langs=("en",), parallel=False)
    fresh = (root / "agency/NIST/index.html").stat().st_mode
    (root / "agency/KRISS/index.html").chmod(0)
    build_site(index, root, langs=("en",), parallel=False)
    assert (root / "agency/KRISS/index.html").stat().st_mode == fresh
    assert "KRISS" in (root / "agency/KRISS/index.html").read_text("utf-8")


@pytest.mark.parametrize(
    "url",
    [
        "/a?b=1",
        "/a#top",
        "/사이트/",
        "/a b/",
        "http://",
        "https://example.org//",
        "/coopgraph/#",
        "https://example.org/x?y",
        "javascript:alert(1)//",
    ],
    ids=[
        "query",
        "fragment",
        "unicode",
        "space",
        "no-host",
        "double-slash",
        "hash",
        "url-query",
        "javascript",
    ],
)
def test_a_base_url_that_is_not_a_url_path_is_refused(run, tmp_path: Path, url: str) -> None:
    outcome = run("site", "-o", tmp_path / "site", "--base-url", url)
    assert outcome.code == 2
    assert "--base-url" in outcome.err and "Traceback" not in outcome.err
    assert not (tmp_path / "site").exists()


# --- content keys and determinism ----------------------------------------------------------


def test_a_changed_source_title_rewrites_the_pages_quoting_it(
    dataset: Dataset, tmp_path: Path
) -> None:
    """seed-2022-12-09 has no publisher, so its title (and date) is how every quote names it.
    data/agreements.yaml quotes it for agency KIAT, event kr-us-industrial-tech-forum-2022
    and agreement kiat-nist-loi-2022 (between KIAT and NIST, so NIST's partners list shows
    the quotes too). KRISS and the KATS-NIST MOU do not quote it."""
    root = tmp_path / "site"
    build_site(Index(dataset), root, langs=("en",), parallel=False)
    shown = [
        "source/seed-2022-12-09/index.html",
        "agreement/kiat-nist-loi-2022/index.html",
        "agency/KIAT/index.html",
        "agency/NIST/index.html",
        "event/kr-us-industrial-tech-forum-2022/index.html",
    ]
    not_shown = ["agency/KRISS/index.html", "agreement/kats-nist-mou-2024/index.html"]
    before = {path: (root / path).stat().st_ino for path in shown + not_shown}
    sources = [
        dataclasses.replace(s, title="A new title") if s.id == "seed-2022-12-09" else s
        for s in dataset.sources
    ]
    changed = dataclasses.replace(dataset, sources=sources)
    build_site(Index(changed), root, langs=("en",), parallel=False)
    for path in shown:
        assert (root / path).stat().st_ino != before[path], path
        assert "A new title" in (root / path).read_text("utf-8"), path
    for path in not_shown:
        assert (root / path).stat().st_ino == before[path], path


BUILD = """
import sys
from pathlib import Path
from coopgraph.index import Index
from coopgraph.load import load_dataset
from coopgraph.site import build_site
build_site(Index(load_dataset(sys.argv[1] if len(sys.argv) > 2 else None)), Path(sys.argv[-1]),
           parallel=False)
"""


def test_builds_in_processes_with_other_hash_seeds_are_byte_identical(tmp_path: Path) -> None:
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run([sys.executable, "-c", BUILD, str(tmp_path / seed)], env=env, check=True)
    one, two = (json.loads((tmp_path / s / MANIFEST).read_text("utf-8")) for s in ("1", "2"))
    assert one == two
    for path in one["files"]:
        assert (tmp_path / "1" / path).read_bytes() == (tmp_path / "2" / path).read_bytes(), path


def test_a_build_killed_by_sigterm_leaves_the_previous_site_and_no_staging(tmp_path: Path) -> None:
    data = tmp_path / "data.yaml"
    subprocess.run(
        [
            sys.executable,
            str(REPO / "benchmarks/generate.py"),
            "--agencies",
            "40",
            "--agreements",
            "500",
            "-o",
            str(data),
        ],
        check=True,
        capture_output=True,
    )
    root = tmp_path / "site"
    subprocess.run([sys.executable, "-c", BUILD, str(data), "x", str(root)], check=True)
    before = (root / MANIFEST).read_bytes()
    command = [sys.executable, "-m", "coopgraph", "site", "--data", str(data), "--no-cache"]
    process = subprocess.Popen([*command, "-o", str(root)], stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until it stages, then stop it
        if any(p.name.startswith(".site.") and p.is_dir() for p in tmp_path.iterdir()):
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 128 + signal.SIGTERM  # stopped, not finished
    assert b"Traceback" not in err
    assert (root / MANIFEST).read_bytes() == before
    left = sorted(p.name for p in tmp_path.iterdir() if p.is_dir())
    assert left == ["site"], left


# --- what the previous site holds ----------------------------------------------------------


def test_a_link_planted_in_the_previous_site_is_not_carried_over(
    index: Index, tmp_path: Path
) -> None:
    """Unchanged files are hard-linked from the previous site: a symbolic link someone put
    there in place of a page must not become part of the new site (a web server following
    it would publish what it names)."""
    root = tmp_path / "site"
    build_site(index, root, langs=("en",), parallel=False)
    css = (root / "static/site.css").read_bytes()
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET", "utf-8")
    (root / "static/site.css").unlink()
    (root / "static/site.css").symlink_to(secret)
    build_site(index, root, langs=("en",), parallel=False)
    assert not (root / "static/site.css").is_symlink()
    assert (root / "static/site.css").read_bytes() == css


def test_a_dangling_link_in_the_previous_site_is_not_written_through(
    index: Index, tmp_path: Path
) -> None:
    root = tmp_path / "site"
    build_site(index, root, langs=("en",), parallel=False)
    outside = tmp_path / "outside.txt"
    (root / "static/site.css").unlink()
    (root / "static/site.css").symlink_to(outside)
    build_site(index, root, langs=("en",), parallel=False)
    assert not outside.exists()  # the build wrote inside its folder only
    assert not (root / "static/site.css").is_symlink()
    assert (root / "static/site.css").stat().st_size > 1000


def test_a_folder_of_the_user_beside_the_site_is_not_taken_for_a_leftover(
    index: Index, tmp_path: Path
) -> None:
    mine = tmp_path / ".site.backup"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me", "utf-8")
    build_site(index, tmp_path / "site", langs=("en",), parallel=False)
    assert (mine / "notes.txt").read_text("utf-8") == "keep me"


def test_a_file_added_to_an_earlier_site_is_not_deleted_without_force(run, tmp_path: Path) -> None:
    folder = tmp_path / "site"
    assert run("site", "-o", folder, "--lang", "en").code == 0
    (folder / "CNAME").write_text("coopgraph.example.org\n", "utf-8")
    outcome = run("site", "-o", folder, "--lang", "en")
    assert outcome.code == 0, outcome.err
    assert (folder / "CNAME").read_text("utf-8") == "coopgraph.example.org\n"
    assert "kept CNAME: added to the earlier site" in outcome.err


def test_a_full_disk_is_a_clear_message_not_an_internal_error(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from coopgraph.site.render import Renderer

    def full(self: Renderer, *args: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Renderer, "render", full)
    outcome = run("site", "-o", tmp_path / "site", "--lang", "en")
    assert outcome.code == 1
    assert "No space left on device" in outcome.err
    assert "Internal error" not in outcome.err and "please report" not in outcome.err
    assert "Traceback" not in outcome.err
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock"]


@pytest.mark.parametrize("failing", [1, 2], ids=["moving-the-old-site", "moving-the-new-site"])
def test_a_swap_that_fails_leaves_the_previous_site_and_no_scraps(
    index: Index, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: int
) -> None:
    """The swap is two renames (the old site aside, the new one in); either can fail (a
    mount point is busy, a folder is taken away): the previous site stays, nothing else."""
    root = tmp_path / "site"
    build_site(index, root, langs=("en",), parallel=False)
    before = (root / MANIFEST).read_bytes()
    real = Path.replace
    calls = 0

    def replace(self: Path, target: Path) -> Path:
        nonlocal calls
        calls += 1
        if calls == failing:
            raise OSError(16, "Device or resource busy")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", replace)
    with pytest.raises(OSError, match="busy"):
        build_site(Index(edges(index.dataset)), root, langs=("en",), parallel=False)
    monkeypatch.undo()
    assert (root / MANIFEST).read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".site.lock", "site"]


def test_a_mount_point_is_refused_before_any_work(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A mounted volume (docker run -v ...:/site) cannot be swapped away: say so at once."""
    folder = tmp_path / "volume"
    folder.mkdir()
    real = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == folder or real(p))
    outcome = run("site", "-o", folder, "--lang", "en")
    assert outcome.code == 2
    assert "mount point" in outcome.err and "folder inside it" in outcome.err
    assert sorted(p.name for p in tmp_path.iterdir()) == [".volume.lock", "volume"]
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(
    "extra",
    ['"garbage"', '{"downloads": "x"}', '{"downloads": [1]}', '{"downloads": [{"href": 1}]}'],
    ids=["extra-text", "downloads-text", "download-number", "href-number"],
)
def test_a_manifest_of_the_right_format_but_damaged_is_no_crash(
    run, tmp_path: Path, extra: str
) -> None:
    """A manifest that parses and names the format but whose content is damaged (edited by
    hand, a bad copy) is not an earlier site: refused without --force, rebuilt with it."""
    folder = tmp_path / "site"
    folder.mkdir()
    manifest = f'{{"format": "coopgraph-site/1", "files": {{}}, "extra": {extra}}}'
    (folder / MANIFEST).write_text(manifest, "utf-8")
    outcome = run("site", "-o", folder, "--lang", "en")
    assert outcome.code == 2, outcome.err
    assert "not a site coopgraph wrote" in outcome.err
    forced = run("site", "-o", folder, "--lang", "en", "--force")
    assert forced.code == 0, forced.err
    assert (folder / "agency/KRISS/index.html").is_file()


def test_a_page_cut_short_in_the_previous_site_is_drawn_again(index: Index, tmp_path: Path) -> None:
    root = tmp_path / "site"
    build_site(index, root, langs=("en",), parallel=False)
    whole = (root / "agency/KRISS/index.html").read_bytes()
    with (root / "agency/KRISS/index.html").open("r+b") as page:
        page.truncate(100)
    build_site(index, root, langs=("en",), parallel=False)
    assert (root / "agency/KRISS/index.html").read_bytes() == whole


def test_a_sitemap_names_only_absolute_addresses(index: Index, tmp_path: Path) -> None:
    """sitemaps.org: each <loc> begins with the protocol. A --base-url that is a path only
    (/coopgraph/) cannot give one, so there is no sitemap then; with an address, there is."""
    build_site(index, tmp_path / "path", langs=("en",), base_url="/coopgraph/", parallel=False)
    assert not (tmp_path / "path/sitemap.xml").exists()
    build_site(index, tmp_path / "url", langs=("en",), base_url="https://e.org/c/", parallel=False)
    locs = re.findall(r"<loc>(.*?)</loc>", (tmp_path / "url/sitemap.xml").read_text("utf-8"))
    assert locs and all(loc.startswith("https://e.org/c/") for loc in locs)


def test_a_link_that_loops_is_refused_in_one_line(run, tmp_path: Path) -> None:
    (tmp_path / "loop").symlink_to(tmp_path / "loop")
    outcome = run("site", "-o", tmp_path / "loop", "--lang", "en")
    assert outcome.code == 2
    assert "cannot write the site there" in outcome.err
    assert "Internal error" not in outcome.err and "Traceback" not in outcome.err
    assert (tmp_path / "loop").is_symlink()


def test_the_current_folder_as_dot_is_refused_without_litter(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    outcome = run("site", "-o", ".", "--lang", "en")
    assert outcome.code == 2
    assert "choose another one" in outcome.err
    # the lock (which stays, by design) is named after the folder, not "..lock"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".here.lock", "here"]
    assert list(here.iterdir()) == []


def test_the_root_folder_is_refused_before_anything_is_written(index: Index) -> None:
    from coopgraph.errors import UsageError

    # without --force: were the check gone, the build would still stop at "not empty"
    with pytest.raises(UsageError, match="choose another one"):
        build_site(index, Path("/"))
    assert not Path("/..lock").exists()  # nor the lock of a folder without a name
