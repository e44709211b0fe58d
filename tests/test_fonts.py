"""The project's fonts and only those: declared in fonts/fonts.yaml, checked everywhere, nothing else used."""
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from brochure_builder.errors import BrochureError
from brochure_builder.fonts import load_fonts
from brochure_builder.pdf.renderer import html_to_pdf
from brochure_builder.project import Project

from .conftest import REPO, run_cli
from .pdfs import text_of

HINT = "add a font that covers {} to fonts/ and declare it in fonts/fonts.yaml"
DEJAVU = sorted(Path("/usr/share/fonts").rglob("DejaVuSans*.ttf")) if Path("/usr/share/fonts").is_dir() else []
needs_pdffonts = pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")


def check(root):
    code, _, err = run_cli("check", "--root", str(root))
    return code, [line for line in err.splitlines() if line.startswith("error:")]


def build(root, out, *args):
    code, _, err = run_cli("build", "--unbranded", "--root", str(root), "--out", str(out),
                           "--brochure", "chemical-peels", "--lang", "en", *args)
    return code, err.splitlines()


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def pdffonts(path):
    """Font names in a PDF as poppler lists them, without the subset prefix."""
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout.splitlines()
    return sorted({line.split()[0].split("+")[-1] for line in lines[2:]})


def box_font(path, family, points):
    """A TrueType font drawing every code point in `points` as a rectangle."""
    from fontTools.fontBuilder import FontBuilder
    from fontTools.pens.ttGlyphPen import TTGlyphPen

    def rectangle():
        pen = TTGlyphPen(None)
        pen.moveTo((80, 0))
        pen.lineTo((80, 600))
        pen.lineTo((520, 600))
        pen.lineTo((520, 0))
        pen.closePath()
        return pen.glyph()

    names = [".notdef"] + [f"uni{point:04X}" for point in points]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({point: f"uni{point:04X}" for point in points})
    builder.setupGlyf({name: rectangle() for name in names})
    builder.setupHorizontalMetrics({name: (600, 80) for name in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, sTypoDescender=-200, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.save(str(path))


# --- fonts/fonts.yaml --------------------------------------------------------

def test_the_declared_demo_fonts_give_the_same_font_face_rules_as_before():
    fonts = load_fonts(Project(REPO).files)
    assert fonts.face_css("../fonts/").splitlines()[1] == (
        '@font-face { font-family: "Leaflet Sans"; src: url("../fonts/NotoSans-Bold.ttf"); '
        "font-weight: 700; font-style: normal; }")
    assert len(fonts.face_css("../fonts/").splitlines()) == 16
    assert fonts.typefaces == ["sans", "serif"]
    # the serif families have no character the sans ones lack: a sans leaflet loads no serif font
    assert fonts.families_for("ar") == ["Leaflet Arabic", "Leaflet Sans", "Leaflet Hebrew"]
    assert fonts.families_for("he") == ["Leaflet Hebrew", "Leaflet Sans", "Leaflet Arabic"]
    assert fonts.families_for("el") == ["Leaflet Sans", "Leaflet Arabic", "Leaflet Hebrew"]
    assert len(fonts.face_css("../fonts/", fonts.families_for("el")).splitlines()) == 8


def test_a_typeface_puts_its_own_families_first_and_keeps_the_others_that_add_characters():
    fonts = load_fonts(Project(REPO).files)
    # Noto Sans Arabic has Arabic letters for other languages that Noto Naskh Arabic lacks
    assert fonts.families_for("el", "serif") == ["Leaflet Serif", "Leaflet Naskh", "Leaflet Serif Hebrew",
                                                 "Leaflet Arabic"]
    assert fonts.families_for("ar", "serif")[:2] == ["Leaflet Naskh", "Leaflet Serif"]
    assert fonts.stack_css("he", "serif").startswith('"Leaflet Serif Hebrew", "Leaflet Serif", ')
    # what a language can print does not depend on the typeface
    by_file = fonts.characters
    for lang in ("ar", "el", "he"):
        for typeface in ("sans", "serif"):
            stack = fonts.families_for(lang, typeface)
            points = set().union(*(by_file[f.regular.file] for f in fonts.families if f.family in stack))
            assert points == fonts.covered(lang), (lang, typeface)


def test_a_language_put_first_twice_within_one_typeface_is_an_error(project_copy):
    declaration = project_copy / "fonts" / "fonts.yaml"
    declaration.write_text(declaration.read_text().replace("first_for: [he]\n    faces:\n      - {file: NotoSerifHeb",
                                                           "first_for: [ar]\n    faces:\n      - {file: NotoSerifHeb"))
    code, _, err = run_cli("check", "--root", str(project_copy))
    assert code == 2
    assert "error: fonts/fonts.yaml: families[5].first_for[0]: 'ar' already puts families[4] first in typeface " \
           "'serif'" in err


def _corrupt(root):
    (root / "fonts" / "NotoSansHebrew-Bold.ttf").write_bytes(b"not a font at all")


def _symlink_out(root):
    outside = shutil.copy(root / "fonts" / "NotoSans-Bold.ttf", root.parent / "Outside.ttf")
    (root / "fonts" / "Outside.ttf").symlink_to(outside)
    replace(root / "fonts" / "fonts.yaml", "{file: NotoSans-Bold.ttf, weight: 700}", "{file: Outside.ttf, weight: 700}")


@pytest.mark.parametrize("change, line", [
    (lambda r: replace(r / "fonts" / "fonts.yaml", "NotoSans-Bold.ttf", "Missing.ttf"),
     ":19: families[0].faces[1].file: font file not found: fonts/Missing.ttf"),
    (lambda r: replace(r / "fonts" / "fonts.yaml", "weight: 700, style: italic", "weight: 750, style: italic"),
     ":21: families[0].faces[3].weight: must be one of 100, 200, 300, 400, 500, 600, 700, 800 or 900, not 750"),
    (lambda r: replace(r / "fonts" / "fonts.yaml", "first_for: [he]", "first_for: [he]\n    colour: blue"),
     ":29: families[2].colour: unknown key"),
    (_corrupt, ":31: families[2].faces[1].file: fonts/NotoSansHebrew-Bold.ttf is not a readable font "
               "(Not a TrueType or OpenType font (bad sfntVersion))"),
    (lambda r: replace(r / "fonts" / "fonts.yaml", "NotoSans-Bold.ttf", "../clinics/x.ttf"),
     ":19: families[0].faces[1].file: must be a file inside fonts/, not '../clinics/x.ttf'"),
    (_symlink_out, ":19: families[0].faces[1].file: fonts/Outside.ttf leads outside the content folder"),
    (lambda r: (r / "fonts" / "fonts.yaml").unlink(),
     ": file not found: it declares the fonts leaflets are printed with (see 'Fonts' in the README)"),
], ids=["missing file", "bad weight", "unknown key", "corrupt font", "dot-dot", "symlink out", "no fonts.yaml"])
def test_a_bad_font_declaration_is_one_line_and_exit_2_from_check_and_build(project_copy, tmp_path, change, line):
    change(project_copy)
    expected = [f"error: fonts/fonts.yaml{line}"]
    assert check(project_copy) == (2, expected)
    assert build(project_copy, tmp_path / "out") == (2, expected)
    assert not (tmp_path / "out").exists()


def test_every_problem_of_the_declaration_is_listed_at_once(project_copy):
    yaml = project_copy / "fonts" / "fonts.yaml"
    replace(yaml, "NotoSans-Bold.ttf", "Missing.ttf")
    replace(yaml, "style: italic}", "style: slanted}")
    replace(yaml, "first_for: [ar, fa, ur]", "first_for: [ar, qq]")
    _corrupt(project_copy)
    assert check(project_copy) == (2, [
        "error: fonts/fonts.yaml:19: families[0].faces[1].file: font file not found: fonts/Missing.ttf",
        "error: fonts/fonts.yaml:20: families[0].faces[2].style: must be one of 'normal', 'italic' or 'oblique', "
        "not 'slanted'",
        "error: fonts/fonts.yaml:23: families[1].first_for[1]: unknown language code 'qq'",
        "error: fonts/fonts.yaml:31: families[2].faces[1].file: fonts/NotoSansHebrew-Bold.ttf is not a readable font "
        "(Not a TrueType or OpenType font (bad sfntVersion))",
    ])


# --- coverage of the text that is printed --------------------------------------

def test_a_character_no_font_has_in_an_english_leaflet_fails_check_and_build(project_copy, tmp_path):
    replace(project_copy / "brochures" / "chemical-peels.yaml", "your skin may feel smoother.",
            "your skin may feel smoother ☀.")
    line = ("error: brochures/chemical-peels.yaml: sections[1].items[1].text: no bundled font has U+2600 '☀'; "
            + HINT.format("it"))
    assert check(project_copy) == (1, [line])
    assert build(project_copy, tmp_path / "out") == (2, [line])
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_character_no_font_has_in_clinic_text_fails_check_and_build(project_copy, tmp_path):
    replace(project_copy / "clinics" / "cedar-toronto.yaml", "skin care in Toronto", "skin care in Toronto ✔★")
    line = ("error: clinics/cedar-toronto.yaml: tagline.en: no bundled font has U+2605 '★', U+2714 '✔'; "
            + HINT.format("them"))
    assert check(project_copy) == (1, [line])
    code, _, err = run_cli("build", "--root", str(project_copy), "--out", str(tmp_path / "out"),
                           "--clinic", "cedar-toronto", "--brochure", "chemical-peels", "--lang", "en")
    assert (code, err.splitlines()) == (2, [line])


def test_a_clinic_group_can_add_a_font_for_a_script_the_project_does_not_bundle(project_copy, tmp_path):
    thai = "กขค"  # U+0E01, U+0E02, U+0E04
    replace(project_copy / "brochures" / "chemical-peels.yaml", "your skin may feel smoother.",
            f"your skin may feel smoother. {thai}")
    listed = "U+0E01 'ก', U+0E02 'ข', U+0E04 'ค'"
    assert check(project_copy) == (1, [
        f"error: brochures/chemical-peels.yaml: sections[1].items[1].text: no bundled font has {listed}; "
        + HINT.format("them")])

    box_font(project_copy / "fonts" / "BoxThai-Regular.ttf", "Box Thai", [ord(c) for c in thai])
    with (project_copy / "fonts" / "fonts.yaml").open("a", encoding="utf-8") as declaration:
        declaration.write("  - family: Leaflet Thai\n    first_for: [th]\n    faces:\n"
                          "      - {file: BoxThai-Regular.ttf}\n")
    assert check(project_copy) == (0, [])
    code, lines = build(project_copy, tmp_path / "out")
    assert code == 0, lines
    pdf = tmp_path / "out" / "chemical-peels.en.pdf"
    assert thai in text_of(pdf)
    if shutil.which("pdffonts"):
        assert "Leaflet-Thai" in pdffonts(pdf)


# --- nothing but the declared fonts at render time --------------------------------

@pytest.mark.skipif(not DEJAVU, reason="DejaVu fonts are not installed on this machine")
def test_the_renderer_never_uses_a_system_font(project_copy):
    faces = load_fonts(Project(project_copy).files).face_css("../fonts/")
    html = (f'<html lang="en"><title>x</title><style>{faces}</style>'
            '<p style="font-family: \'DejaVu Sans\'">Hello</p></html>')
    pdf = html_to_pdf(html, Project(project_copy).files, project_copy / "templates", name="probe")
    names = [str(font["/BaseFont"]) for page in PdfReader(io.BytesIO(pdf)).pages
             for font in (page["/Resources"].get("/Font") or {}).values()]
    assert names and not any("DejaVu" in name for name in names), names
    # A character only a system font has is refused by the renderer too, not drawn with that font.
    with pytest.raises(BrochureError) as refused:
        html_to_pdf(html.replace("Hello", "Hello ☀"), Project(project_copy).files, project_copy / "templates",
                    name="probe")
    assert "U+2600" in str(refused.value)


def _fontconfig(path, *dirs, cache=None, rules=None):
    parts = ([f'<include ignore_missing="yes">{rules}</include>'] if rules else []) + [f"<dir>{d}</dir>" for d in dirs]
    parts += [f"<cachedir>{cache}</cachedir>"] if cache else []
    path.write_text(f'<?xml version="1.0"?>\n<fontconfig>{"".join(parts)}</fontconfig>\n')
    return path


@needs_pdffonts
@pytest.mark.skipif(not DEJAVU, reason="DejaVu fonts are not installed on this machine")
def test_the_same_pdf_whatever_fonts_the_machine_has(project_copy, tmp_path):
    home = tmp_path / "home"
    (home / ".fonts").mkdir(parents=True)
    for font in DEJAVU:
        shutil.copy(font, home / ".fonts")
    shutil.copy(REPO / "fonts" / "NotoSansArabic-Regular.ttf", home / ".fonts" / "Copy-NotoSansArabic.ttf")
    base = {k: v for k, v in os.environ.items() if not k.startswith(("FONTCONFIG", "XDG_"))}
    machines = {
        "crowded": {**base, "HOME": str(home), "XDG_CACHE_HOME": str(tmp_path / "cache"),
                    "FONTCONFIG_FILE": str(_fontconfig(tmp_path / "crowded.conf", "/usr/share/fonts", home / ".fonts",
                                                       cache=tmp_path / "cache", rules="/etc/fonts/conf.d"))},
        "empty": {**base, "HOME": str(tmp_path / "nobody"), "FONTCONFIG_FILE": str(_fontconfig(tmp_path / "e.conf"))},
    }
    runs = {name: subprocess.Popen(
        [sys.executable, str(REPO / "make_brochure.py"), "build", "--unbranded", "--root", str(project_copy),
         "--brochure", "chemical-peels", "--lang", "ar", "--out", str(tmp_path / name)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=tmp_path)
        for name, env in machines.items()}
    for name, process in runs.items():
        out, err = process.communicate(timeout=120)
        assert (process.returncode, err) == (0, ""), (name, out, err)
    crowded, empty = (tmp_path / name / "chemical-peels.ar.pdf" for name in machines)
    assert crowded.read_bytes() == empty.read_bytes()
    # only the project's fonts (Arabic emphasis is upright: no oblique face)
    assert pdffonts(crowded) == ["Leaflet-Arabic", "Leaflet-Arabic-Bold", "Leaflet-Sans", "Leaflet-Sans-Bold"]


def test_a_document_without_usable_fonts_fails_cleanly_instead_of_crashing(tmp_path):
    # In a fresh process the renderer has no font at all until a document brings one.
    script = ("from pathlib import Path\nfrom brochure_builder.errors import BrochureError\n"
              "from brochure_builder.files import ContentFiles\nfrom brochure_builder.pdf.renderer import html_to_pdf\n"
              "try:\n    html_to_pdf('<p>x</p>', ContentFiles.at(Path('.')), Path('.'), name='probe')\n"
              "except BrochureError as error:\n    print(error.lines()[0])\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=60)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("probe: renderer: .notdef glyph rendered")
