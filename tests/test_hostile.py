"""Hostile and broken input, as an attacker or a careless user would give it.

Every case: an exit code other than 0, the exact one-line message, no traceback, nothing read
from outside the content folder, no name looked up and no connection made, no file outside
--out touched, old PDFs unchanged. Most cases fail before anything is rendered; the few that
render build one small job.
"""
import base64
import os
import shutil
import socket
import sqlite3
import struct
import threading
import zlib
from pathlib import Path

import pytest

from brochure_builder.batch.manifest import Entry, Manifest

from .catalog_edit import po_path, set_translation
from .conftest import REPO, pdf_names, run_cli

MARKER = "OUTSIDE-SECRET-7F3A"
ONE_JOB = ("--clinic", "retiro-madrid", "--lang", "es", "--brochure", "chemical-peels")


# --- the network: nothing is looked up, nothing is connected to ---------------------------------

@pytest.fixture(autouse=True)
def network(monkeypatch):
    """Records every name lookup and connection attempt (and refuses them); a listener counts visitors."""
    attempts = []

    def refuse(what):
        def record(*args, **kwargs):
            attempts.append((what, args[:2]))
            raise OSError(f"network use refused in tests: {what}")
        return record

    for name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "gethostbyaddr", "create_connection"):
        monkeypatch.setattr(socket, name, refuse(name))
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    visitors = []

    def accept() -> None:
        try:
            visitors.append(listener.accept())
        except OSError:  # closed at the end of the test, with nobody having come
            pass

    threading.Thread(target=accept, daemon=True).start()
    yield listener.getsockname()[1]
    listener.close()
    assert attempts == [] and visitors == []


def build(root: Path, *args: str, out: Path | None = None):
    out = out or root / "out"
    return run_cli("build", "--root", str(root), "--out", str(out), *(args or ONE_JOB))


def one_error(err: str) -> str:
    """The single error line of a run that must say exactly one thing."""
    assert "Traceback" not in err
    lines = [line for line in err.splitlines() if line.startswith("error: ")]
    assert len(lines) == 1 and len(err.splitlines()) == 1, err
    return lines[0]


def outside(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text)
    return path


def no_marker_in_outputs(out: Path) -> None:
    for path in out.rglob("*") if out.exists() else ():
        if path.is_file():
            data = path.read_bytes()
            assert MARKER.encode() not in data and MARKER.encode() not in zlib_members(data), path


def zlib_members(data: bytes) -> bytes:
    """The inflated streams of a PDF, where text would be."""
    found = b""
    for start in range(len(data)):
        if data.startswith(b"stream", start):
            try:
                found += zlib.decompressobj().decompress(data[start + 7:start + 7 + 200_000])
            except zlib.error:
                pass
    return found


# --- nothing outside the content folder is read ---------------------------------------------------

def _link_file(root: Path, relative: str, target: Path) -> None:
    (root / relative).unlink()
    os.symlink(target, root / relative)


SYMLINKED_FILES = [
    ("templates/sections/text.html", "<p>" + MARKER + "</p>"),
    ("templates/partials/contact.html", "<p>" + MARKER + "</p>"),
    ("templates/leaflet.css", "body::before { content: '" + MARKER + "' }"),
    ("templates/formats/trifold.css", "body::before { content: '" + MARKER + "' }"),
]


@pytest.mark.parametrize("relative, text", SYMLINKED_FILES)
@pytest.mark.parametrize("profile", ["office", "press"])
def test_a_symlinked_template_is_refused(project_copy, tmp_path, relative, text, profile):
    _link_file(project_copy, relative, outside(tmp_path, "t", text))
    code, _, err = build(project_copy, *ONE_JOB, "--profile", profile)
    assert code == 2
    assert one_error(err) == f"error: {relative}: leads outside the content folder"
    no_marker_in_outputs(project_copy / "out")


def test_a_symlinked_templates_folder_is_refused(project_copy, tmp_path):
    shutil.copytree(project_copy / "templates", tmp_path / "elsewhere")
    shutil.rmtree(project_copy / "templates")
    os.symlink(tmp_path / "elsewhere", project_copy / "templates")
    code, _, err = build(project_copy)
    assert code == 2 and one_error(err) == "error: templates: leads outside the content folder"


def test_a_symlinked_leaflet_is_refused_by_build_and_check(project_copy, tmp_path):
    text = (project_copy / "brochures" / "chemical-peels.yaml").read_text().replace("Chemical peels", MARKER)
    _link_file(project_copy, "brochures/chemical-peels.yaml", outside(tmp_path, "peels.yaml", text))
    code, _, err = build(project_copy)
    assert code == 2 and one_error(err) == "error: brochures/chemical-peels.yaml: leads outside the content folder"
    code, _, err = run_cli("check", "--root", str(project_copy))
    assert code == 1 and "error: brochures/chemical-peels.yaml: leads outside the content folder" in err
    no_marker_in_outputs(project_copy / "out")


@pytest.mark.parametrize("link_folder", [False, True])
def test_a_symlinked_catalog_is_refused(project_copy, tmp_path, link_folder):
    if link_folder:
        shutil.move(project_copy / "locales" / "es", tmp_path / "es")
        os.symlink(tmp_path / "es", project_copy / "locales" / "es")
    else:
        _link_file(project_copy, "locales/es/LC_MESSAGES/brochures.po",
                   outside(tmp_path, "es.po", po_path(project_copy, "es").read_text()))
    code, _, err = build(project_copy)
    assert code == 2
    assert one_error(err) == "error: locales/es/LC_MESSAGES/brochures.po: leads outside the content folder"


def test_a_symlinked_font_is_refused(project_copy, tmp_path):
    shutil.copy(project_copy / "fonts" / "NotoSans-Regular.ttf", tmp_path / "font.ttf")
    _link_file(project_copy, "fonts/NotoSans-Regular.ttf", tmp_path / "font.ttf")
    code, _, err = build(project_copy)
    assert code == 2
    assert one_error(err) == ("error: fonts/fonts.yaml:18: families[0].faces[0].file: fonts/NotoSans-Regular.ttf "
                              "leads outside the content folder")


@pytest.mark.parametrize("profile", ["office", "press"])
def test_a_symlinked_logo_is_refused_in_every_profile(project_copy, tmp_path, profile):
    logo = (project_copy / "clinics" / "retiro-madrid" / "logo.svg").read_text().replace("</svg>",
                                                                                        f"<!--{MARKER}--></svg>")
    _link_file(project_copy, "clinics/retiro-madrid/logo.svg", outside(tmp_path, "logo.svg", logo))
    code, _, err = build(project_copy, *ONE_JOB, "--profile", profile)
    assert code == 2
    assert one_error(err) == "error: clinics/retiro-madrid.yaml: logo: logo file leads outside the content folder"
    no_marker_in_outputs(project_copy / "out")


def test_a_symlinked_clinic_file_is_refused(project_copy, tmp_path):
    _link_file(project_copy, "clinics/retiro-madrid.yaml",
               outside(tmp_path, "c.yaml", (project_copy / "clinics" / "retiro-madrid.yaml").read_text()))
    code, _, err = build(project_copy)
    assert code == 2 and one_error(err) == "error: clinics/retiro-madrid.yaml: leads outside the content folder"


# --- URLs with a host are refused before any lookup -----------------------------------------------

def _svg(body: str) -> str:
    return ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
            f'width="10" height="10">{body}</svg>')


def _nested(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()


@pytest.mark.parametrize("body, problem", [
    ('<image xlink:href="file://evil.example/x.png"/>', "'file://evil.example/x.png'"),
    ('<image href="file://127.0.0.1/etc/hostname"/>', "'file://127.0.0.1/etc/hostname'"),
    ('<image href="http://127.0.0.1:{port}/x.png"/>', "'http://127.0.0.1:{port}/x.png'"),
    ('<image href="{nested}"/>', "'file://evil.example/x.png' (in an embedded SVG image)"),
    ('<image href="{nested2}"/>', "'file://evil.example/x.png' (in an embedded SVG image) (in an embedded SVG image)"),
])
def test_a_logo_reaching_for_a_host_is_refused_by_check_and_build(project_copy, network, body, problem):
    inner = _svg('<image xlink:href="file://evil.example/x.png"/>')
    body = body.format(port=network, nested=_nested(inner), nested2=_nested(_svg(f'<image href="{_nested(inner)}"/>')))
    (project_copy / "clinics" / "retiro-madrid" / "logo.svg").write_text(_svg(body))
    expected = (f"error: clinics/retiro-madrid.yaml: logo: SVG logo refers to an external resource: "
                f"{problem.format(port=network)}")
    code, _, err = build(project_copy, *ONE_JOB, "--profile", "press")
    assert code == 2 and one_error(err) == expected
    code, _, err = run_cli("check", "--root", str(project_copy))
    assert code == 1 and expected in err.splitlines()


@pytest.mark.parametrize("url", ["file://evil.example/etc/hostname", "file://localhost/etc/hostname",
                                 "file://127.0.0.1/{root}/templates/leaflet.css"])
def test_the_renderer_refuses_file_urls_that_name_a_host(project_copy, url):
    from brochure_builder.errors import BrochureError
    from brochure_builder.pdf.renderer import html_to_pdf
    from brochure_builder.project import Project

    url = url.format(root=str(project_copy).lstrip("/"))
    with pytest.raises(BrochureError) as caught:
        html_to_pdf(f'<link rel="stylesheet" href="{url}"><p>x</p>', Project(project_copy).files,
                    project_copy / "templates", name="probe")
    assert caught.value.lines() == [f"probe: refused to fetch {url!r}: a file URL may not name a host"]


# --- translators cannot change the document -------------------------------------------------------

RAW_HTML = [
    ("Leaflet", "<style>main{display:none}</style>Φυλλάδιο", "'<style', '</style'"),
    ("Leaflet", 'Φυλλάδιο <a href="javascript:alert(1)">x</a>', "'<a', '</a'"),
    ("Leaflet", '<a href="file:///etc/passwd">Φυλλάδιο</a>', "'<a', '</a'"),
    ("Leaflet", 'Φυλλάδιο<link rel="attachment" href="../clinics/lykavittos-athens.yaml">', "'<link'"),
    ("Version", 'Έκδοση<img src="file://evil.example/x.png">', "'<img'"),
    ("Version", "Έκδοση<script>alert(1)</script>", "'<script', '</script'"),
    ("Contact us", "Επικοινωνία<!-- -->", "'<!'"),
    ("Types of peel", "<b>Τύποι</b> πίλινγκ", "'<b', '</b'"),
]


@pytest.mark.parametrize("msgid, msgstr, tags", RAW_HTML)
def test_html_in_a_translation_is_refused_by_check_and_build(project_copy, msgid, msgstr, tags):
    set_translation(project_copy, "el", msgid, msgstr)
    code, _, err = run_cli("check", "--root", str(project_copy))
    expected = (f": el: \"{msgid}\": HTML is not allowed in a translation ({tags}); use the inline markup of "
                "the source")
    found = [line for line in err.splitlines() if line.endswith(expected)]
    assert code == 1 and len(found) == 1 and found[0].startswith("error: locales/el/LC_MESSAGES/brochures.po:")
    code, _, err = build(project_copy, "--clinic", "lykavittos-athens", "--lang", "el", "--brochure", "chemical-peels")
    assert code == 1 and found[0] in err.splitlines() and not pdf_names(project_copy / "out")


def test_a_translation_is_printed_as_text_even_if_checks_are_bypassed():
    from brochure_builder.catalogs.translator import Translator
    from brochure_builder.content.leaflet import validate_leaflet
    from brochure_builder.fonts import load_fonts
    from brochure_builder.project import Project
    from brochure_builder.render.html import load_templates, render_html

    from .content.test_leaflet import VALID

    project = Project.at(Path(__file__).resolve().parent.parent)
    html = render_html(load_templates(project, load_fonts(project.files)),
                       validate_leaflet(VALID, "brochures/demo.yaml"),
                       Translator("el", {"Leaflet": "<style>main{display:none}</style>", "Version": "<b>V</b>"}))
    assert "<style>main" not in html and "&lt;style&gt;main{display:none}&lt;/style&gt;" in html
    assert "<b>V</b>" not in html


@pytest.mark.parametrize("context", [False, True])
def test_a_msgid_given_twice_is_an_error_unless_the_context_differs(project_copy, context):
    path = po_path(project_copy, "es")
    extra = ('\nmsgctxt "other"\n' if context else "\n") + 'msgid "Leaflet"\nmsgstr "Otro folleto"\n'
    path.write_text(path.read_text() + extra)
    code, _, err = run_cli("check", "--root", str(project_copy))
    if context:
        assert code == 0, err
        return
    line = len(path.read_text().splitlines()) - 1
    assert code == 1
    assert f'error: locales/es/LC_MESSAGES/brochures.po:{line}: es: "Leaflet": given again (first on line ' in err
    code, _, err = build(project_copy)
    assert code == 2 and "a msgid may appear once, as GNU msgfmt requires" in one_error(err)


# --- nothing deleted that is not ours -------------------------------------------------------------

def test_only_this_tools_own_stale_temporaries_are_removed(project_copy, tmp_path):
    out = tmp_path / "shared"
    theirs = [out / "reports" / "2026" / ".annual-report.docx.tmp", out / "other-team" / ".sync.tmp",
              out / ".chemical-peels.es.pdf.tmp", out / "retiro-madrid" / ".notes.tmp",
              out / "elsewhere" / ".x.pdf.abc.brochure-builder.tmp"]
    ours = out / "retiro-madrid" / ".chemical-peels.es.pdf.k2j3.brochure-builder.tmp"
    for path in [*theirs, ours]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("someone's work")
    os.symlink(theirs[0], out / "retiro-madrid" / ".link.brochure-builder.tmp")
    code, _, err = build(project_copy, out=out)
    assert code == 0, err
    assert all(path.read_text() == "someone's work" for path in theirs)
    assert not ours.exists() and (out / "retiro-madrid" / ".link.brochure-builder.tmp").is_symlink()


# --- bounded work ---------------------------------------------------------------------------------

def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_an_alias_bomb_is_refused_at_once(project_copy):
    # 9 ** 12 copies of "lol" once expanded; the file is under 1 kB.
    bomb = "".join(f"x{i + 1}: &a{i + 1} [{', '.join([f'*a{i}'] * 9)}]\n" for i in range(12))
    path = project_copy / "brochures" / "chemical-peels.yaml"
    path.write_text("x0: &a0 lol\n" + bomb + path.read_text())
    code, _, err = build(project_copy)
    assert code == 2 and one_error(err) == ("error: brochures/chemical-peels.yaml:1: YAML aliases (*name) are not "
                                            "allowed in content files; write the text out where it is needed")


def test_a_single_alias_is_refused_too(project_copy):
    path = project_copy / "clinics" / "retiro-madrid.yaml"
    path.write_text(path.read_text() + "x: &name Retiro\ny: *name\n")
    code, _, err = build(project_copy)
    assert code == 2 and one_error(err).startswith("error: clinics/retiro-madrid.yaml:")
    assert "YAML aliases (*name) are not allowed" in err


def test_an_oversized_content_file_is_refused_before_it_is_parsed(project_copy):
    path = project_copy / "brochures" / "chemical-peels.yaml"
    path.write_text(path.read_text() + "# " + "x" * (1024 * 1024) + "\n")
    code, _, err = build(project_copy)
    assert code == 2
    assert one_error(err) == (f"error: brochures/chemical-peels.yaml: file is {path.stat().st_size / 1024:.0f} KiB; "
                              "a content file may have at most 1024 KiB")


def test_an_oversized_catalog_is_refused(project_copy):
    path = po_path(project_copy, "es")
    path.write_text(path.read_text() + "#" * (5 * 1024 * 1024) + "\n")
    code, _, err = build(project_copy)
    assert code == 2 and one_error(err) == ("error: locales/es/LC_MESSAGES/brochures.po: file is 5.1 MiB; a catalog "
                                            "may have at most 5 MiB")


def test_a_text_too_long_is_refused_with_its_place(project_copy):
    _replace(project_copy / "brochures" / "chemical-peels.yaml", "lead: ", "lead: " + "Very long. " * 200)
    code, _, err = build(project_copy)
    assert code == 2
    assert one_error(err).startswith("error: brochures/chemical-peels.yaml:7: lead.text: is 2,")
    assert err.rstrip().endswith("characters long; a text may have at most 2,000 (split it into paragraphs or items)")


def test_a_leaflet_too_long_in_all_is_refused(project_copy):
    path = project_copy / "brochures" / "chemical-peels.yaml"
    extra = "".join(f"  - kind: text\n    heading: Part {i}\n    items:\n      - {'Words and more words. ' * 80}\n"
                    for i in range(30))
    _replace(path, "sections:\n", "sections:\n" + extra)
    code, _, err = build(project_copy)
    assert code == 2 and one_error(err).endswith("characters in all; a leaflet may have at most 40,000")


def test_a_translation_far_longer_than_its_source_is_refused(project_copy):
    set_translation(project_copy, "es", "Version", "Versión " * 100)
    code, _, err = run_cli("check", "--root", str(project_copy))
    assert code == 1 and ('es: "Version": the translation is 800 characters long, more than three times the source '
                          "(7)") in err


def _png(width: int, height: int) -> bytes:
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"")) + chunk(b"IEND", b"")


@pytest.mark.parametrize("size, message", [
    ((40000, 40000), "logo has more than 179 million pixels; the limit is 25 million"),
    ((6000, 6000), "logo is 6000x6000 px (36 million pixels); the limit is 25 million"),
])
def test_a_decompression_bomb_logo_is_refused_without_decoding_it(project_copy, size, message):
    (project_copy / "clinics" / "retiro-madrid" / "logo.png").write_bytes(_png(*size))
    _replace(project_copy / "clinics" / "retiro-madrid.yaml", "logo: logo.svg", "logo: logo.png")
    code, _, err = build(project_copy)
    assert code == 2 and one_error(err) == f"error: clinics/retiro-madrid.yaml: logo: {message}"


def test_a_leaflet_that_would_take_too_many_pages_fails_with_one_line(project_copy):
    from brochure_builder.errors import BrochureError
    from brochure_builder.pdf.renderer import MAX_PAGES, html_to_pdf
    from brochure_builder.project import Project

    html = "<style>p { break-after: page }</style>" + "<p>x</p>" * (MAX_PAGES + 1)
    with pytest.raises(BrochureError) as caught:
        html_to_pdf(html, Project(project_copy).files, project_copy / "templates", name="probe")
    assert caught.value.lines() == [f"probe: the leaflet takes {MAX_PAGES + 1} pages; a leaflet may have at most "
                                    f"{MAX_PAGES}"]


# --- one line, never a traceback ------------------------------------------------------------------

def test_an_impossible_date_is_one_line(project_copy):
    _replace(project_copy / "brochures" / "chemical-peels.yaml", "reviewed: 2026-11-01", "reviewed: 2029-02-30")
    code, _, err = build(project_copy)
    assert code == 2
    assert one_error(err) == "error: brochures/chemical-peels.yaml:3: reviewed: not a date (use YYYY-MM-DD)"


@pytest.mark.parametrize("damage", ["missing", "corrupt"])
def test_a_missing_or_corrupt_bundled_font_is_one_line_in_check_and_build(project_copy, damage):
    font = project_copy / "fonts" / "NotoSansArabic-Bold.ttf"
    font.unlink() if damage == "missing" else font.write_bytes(b"not a font at all")
    expected = ("error: fonts/fonts.yaml:26: families[1].faces[1].file: " +
                ("font file not found: fonts/NotoSansArabic-Bold.ttf" if damage == "missing" else
                 "fonts/NotoSansArabic-Bold.ttf is not a readable font "
                 "(Not a TrueType or OpenType font (bad sfntVersion))"))
    for command in (("check",), ("build", *ONE_JOB, "--out", str(project_copy / "out"))):
        code, _, err = run_cli(*command, "--root", str(project_copy))
        assert code == 2 and one_error(err) == expected


def test_an_output_folder_that_cannot_be_written_is_one_line_and_keeps_old_pdfs(project_copy, tmp_path, monkeypatch):
    from brochure_builder.batch import run

    out = tmp_path / "out"
    assert build(project_copy, out=out)[0] == 0
    before = {name: (out / name).read_bytes() for name in pdf_names(out)}
    set_translation(project_copy, "es", "Version", "Versión nueva")
    for errno, reason in ((13, "Permission denied"), (28, "No space left on device")):
        def refused(path, data, errno=errno, reason=reason):  # the tests may run as root, who may write anywhere
            raise OSError(errno, reason, str(path))

        monkeypatch.setattr(run, "write_atomic", refused)
        code, stdout, err = build(project_copy, out=out)
        assert code == 1
        assert one_error(err) == f"error: {out}/retiro-madrid/chemical-peels.es.pdf: cannot write: {reason}"
        assert stdout.splitlines()[-1] == "0 built, 0 up to date, 0 refused, 1 failed"
        assert {name: (out / name).read_bytes() for name in pdf_names(out)} == before


@pytest.mark.parametrize("manifest", ['{"format": 2, "outputs": []}', '{"format": 2, "outputs": {"a.pdf": 3}}',
                                      "[1, 2]", "not json", '{"format": 2, "outputs": {}, "messages": [1]}',
                                      '{"format": 1, "outputs": {}}'])
def test_an_old_manifest_of_the_wrong_shape_or_an_older_format_means_rebuild_everything(tmp_path, manifest):
    out = tmp_path / "out"
    out.mkdir()
    (out / "manifest.json").write_text(manifest)
    code, stdout, err = run_cli("plan", "--root", str(REPO), "--out", str(out), *ONE_JOB)
    assert code == 0 and stdout.splitlines()[-1] == "1 jobs, 1 to build", err  # 'build' shares the plan
    assert err.startswith("note: ") and len(err.splitlines()) == 1  # what it made of the file, in one line
    assert (out / "manifest.json").read_text() == manifest  # not ours to remove


@pytest.mark.parametrize("damage", ["garbage", "another database", "cut short", "symlink"])
def test_a_broken_manifest_means_rebuild_everything_and_is_replaced(project_copy, tmp_path, damage):
    """Checked on plans (no render): the file is never believed, written through or crashed on."""
    out = tmp_path / "out"
    out.mkdir()
    target = out / "manifest.sqlite"
    elsewhere = tmp_path / "elsewhere.sqlite"
    if damage == "garbage":
        target.write_bytes(b"SQLite format 3\0" + os.urandom(4000))
    elif damage == "another database":
        with sqlite3.connect(target) as connection:
            connection.execute("CREATE TABLE outputs (path TEXT, input_hash TEXT, size INTEGER)")
    elif damage == "cut short":
        with sqlite3.connect(target) as connection:
            connection.executescript("CREATE TABLE a (b TEXT); INSERT INTO a VALUES (zeroblob(20000));")
        target.write_bytes(target.read_bytes()[:5000])
    else:
        elsewhere.write_bytes(b"not ours")
        target.symlink_to(elsewhere)
    code, stdout, err = run_cli("plan", "--root", str(project_copy), "--out", str(out), *ONE_JOB)
    assert code == 0 and stdout.splitlines()[-1] == "1 jobs, 1 to build", err
    assert err.startswith(f"note: {target}: ") and err.endswith("every output is built again and the file replaced\n")
    assert len(err.splitlines()) == 1
    manifest = Manifest.load(out)  # what a build does with it: starts afresh, replaces the file atomically
    manifest.record(out / "x.pdf", Entry("h", {}, 1, "l", "en", None, "office", "a4", False, "t", "en", "1", "d", "d",
                                         False, None, None))
    manifest.save()
    manifest.close()
    assert not target.is_symlink() and list(Manifest.load(out).entries()) == ["x.pdf"]
    if damage == "symlink":
        assert elsewhere.read_bytes() == b"not ours"


def test_a_folder_where_the_manifest_goes_is_one_line(project_copy, tmp_path):
    out = tmp_path / "out"
    (out / "manifest.sqlite").mkdir(parents=True)
    code, _, err = build(project_copy, out=out)
    assert code == 2
    assert one_error(err) == f"error: {out}/manifest.sqlite: is a folder; the build keeps its manifest there"


@pytest.mark.parametrize("where", ["file", "under a file"])
def test_out_naming_a_file_is_one_line(project_copy, tmp_path, where):
    (tmp_path / "notes.txt").write_text("keep me")
    out = tmp_path / "notes.txt" if where == "file" else tmp_path / "notes.txt" / "out"
    code, _, err = build(project_copy, out=out)
    assert code == 2
    assert one_error(err) == f"error: --out: {tmp_path}/notes.txt is a file, not a folder"
    assert (tmp_path / "notes.txt").read_text() == "keep me"


@pytest.mark.parametrize("change, expected", [
    (("sections/text.html", "{% for", "{% fro"), "error: templates/sections/text.html:3: template syntax error: "),
    (("partials/contact.html", "{{ brand.phone }}", "{{ brand.fax }}"),
     "error: templates/partials/contact.html:8: undefined in the template: "),
    (("leaflet.html", "{% endif %}", "{% endfor %}"), "error: templates/leaflet.html:"),
])
def test_a_broken_template_is_one_line_naming_it(project_copy, change, expected):
    name, old, new = change
    _replace(project_copy / "templates" / name, old, new)
    code, _, err = build(project_copy)
    assert code == 2 and one_error(err).startswith(expected)


@pytest.mark.parametrize("folder", ["xx", "en-GB!"])
def test_a_stray_locale_folder_is_named(project_copy, folder):
    path = project_copy / "locales" / folder / "LC_MESSAGES"
    path.mkdir(parents=True)
    shutil.copy(po_path(project_copy, "es"), path / "brochures.po")
    code, _, err = run_cli("status", "--root", str(project_copy))
    assert code == 2
    assert one_error(err).startswith(f"error: locales/{folder}: not a language code")


@pytest.mark.parametrize("name", ["Bad Name.yaml", "peels_v2.yaml", "ÄÖ.yaml"])
def test_an_invalid_leaflet_file_name_is_named(project_copy, name):
    shutil.copy(project_copy / "brochures" / "chemical-peels.yaml", project_copy / "brochures" / name)
    code, _, err = build(project_copy)
    assert code == 2
    assert one_error(err).startswith(f"error: brochures/{name}: the file name is not a valid leaflet id")


@pytest.mark.parametrize("content", [b"not a pdf", b"%PDF-1.7\n garbage", b""])
def test_check_pdf_on_something_that_is_not_a_pdf(tmp_path, content):
    path = tmp_path / "x.pdf"
    path.write_bytes(content)
    code, out, err = run_cli("check", "--pdf", str(path))
    assert code == 1 and out == "0 of 1 PDF passed preflight\n"
    assert err.splitlines() and all(line.startswith(f"error: {path}: ") for line in err.splitlines())


def test_check_pdf_on_a_missing_file(tmp_path):
    code, _, err = run_cli("check", "--pdf", str(tmp_path / "none.pdf"))
    assert code == 1 and one_error(err).startswith(f"error: {tmp_path}/none.pdf: cannot read PDF: ")


# --- content fields keep what was written ---------------------------------------------------------

@pytest.mark.parametrize("yaml_text, field, expected", [
    ("version: 1.10", "version", "1.10"),
    ("version: 2.0", "version", "2.0"),
    ("version: 010", "version", "10"),
])
def test_unquoted_versions_keep_what_was_written(project_copy, yaml_text, field, expected):
    from brochure_builder.content.leaflet import load_leaflet
    from brochure_builder.project import Project

    _replace(project_copy / "brochures" / "chemical-peels.yaml", 'version: "1.1"', yaml_text)
    assert getattr(load_leaflet(Project.at(project_copy), "chemical-peels"), field) == expected


@pytest.mark.parametrize("word", ["Yes", "on", "No", "off", "y", "1.10", "9:30", "2029-02-30"])
def test_what_yaml_1_1_would_turn_into_something_else_stays_text(project_copy, word):
    from brochure_builder.content.leaflet import load_leaflet
    from brochure_builder.project import Project

    _replace(project_copy / "brochures" / "chemical-peels.yaml", "title: Chemical peels", f"title: {word}")
    assert load_leaflet(Project.at(project_copy), "chemical-peels").title.text == word


def test_a_real_boolean_in_a_text_field_says_how_to_quote_it(project_copy):
    _replace(project_copy / "brochures" / "chemical-peels.yaml", "title: Chemical peels", "title: true")
    code, _, err = build(project_copy)
    assert code == 2 and one_error(err) == ("error: brochures/chemical-peels.yaml:5: title: YAML read true or false "
                                            'here; put the text in quotes, e.g. "true"')


def test_clinic_hours_like_9_30_stay_text(project_copy):
    from brochure_builder.clinics.clinic import load_clinic
    from brochure_builder.project import Project

    _replace(project_copy / "clinics" / "retiro-madrid.yaml",
             "short_name:\n  es: Clínica Retiro\n  en: Retiro Clinic\n  fr: Clinique Retiro\n", "short_name: 9:30\n")
    clinic, _ = load_clinic(Project.at(project_copy), "retiro-madrid")
    assert clinic.short_name == {"*": "9:30"}
