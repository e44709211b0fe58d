"""Profiles and formats: page boxes, colour, tags, tri-fold panels, large print, document control."""
import base64
import json
import re
import shutil
import subprocess

import pikepdf
import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, RectangleObject

from brochure_builder.content.leaflet import load_leaflet
from brochure_builder.pdf.marks import MARK_ROOM
from brochure_builder.pdf.preflight import preflight
from brochure_builder.pdf.scan import scan_page
from brochure_builder.profiles import MM
from brochure_builder.project import Project

from ..conftest import REPO, pdf_names, run_cli
from ..pdfs import runs, structure_problems, text_of

SIZES = {"a4": (210, 297), "a5": (148, 210), "letter": (215.9, 279.4), "trifold": (297, 210)}


def name(lang, profile, format_):
    parts = [p for p in (profile if profile != "office" else None, format_ if format_ != "a4" else None) if p]
    return "chemical-peels." + lang + "".join(f".{p}" for p in parts) + ".pdf"


ALL = [(lang, profile, format_) for lang in ("ar", "en") for profile in ("office", "press")
       for format_ in ("a4", "a5", "letter", "trifold")
       if profile == "office" or format_ == "a4" or lang == "ar" and format_ in ("a5", "trifold")]  # VARIANT_BUILDS


@pytest.mark.parametrize("lang, profile, format_", ALL)
def test_every_variant_has_the_right_boxes(variants, lang, profile, format_):
    # preflight, MuPDF, Ghostscript and the structure checks ran on every variant when it was built
    path = variants / name(lang, profile, format_)
    reader = PdfReader(path)
    width, height = SIZES[format_]
    bleed = 3 if profile == "press" else 0
    room = bleed + (MARK_ROOM / MM if profile == "press" else 0)  # crop marks go outside the bleed
    for page in reader.pages:
        assert (round(float(page.trimbox.width) / MM, 1), round(float(page.trimbox.height) / MM, 1)) == (width, height)
        for box, margin in ((page.bleedbox, bleed), (page.mediabox, room)):
            assert round(float(box.width) / MM, 1) == round(width + 2 * margin, 1)
            assert round(float(box.height) / MM, 1) == round(height + 2 * margin, 1)
    assert len(reader.pages) == 2 if format_ == "trifold" else len(reader.pages) > 2


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_press_output_has_an_output_intent_and_cmyk_colour(variants, lang):
    reader = PdfReader(variants / name(lang, "press", "a4"))
    intent = reader.trailer["/Root"]["/OutputIntents"][0].get_object()
    assert intent["/S"] == "/GTS_PDFX" and "/DestOutputProfile" in intent
    content = reader.pages[0].get_contents().get_data()
    assert b"/DeviceCMYK cs" in content and b" scn" in content
    assert all(not scan_page(page).non_cmyk for page in reader.pages)
    assert "PDF/X-4" in str(reader.xmp_metadata.xmp_metadata_bytes if hasattr(reader.xmp_metadata, "xmp_metadata_bytes")
                            else reader.trailer["/Root"]["/Metadata"].get_object().get_data())


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_office_output_is_tagged_with_language_and_title(variants, lang):
    reader = PdfReader(variants / name(lang, "office", "a4"))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    assert root["/Lang"] == lang
    assert reader.metadata.title


def test_office_pages_use_rgb_and_no_bleed(variants):
    page = PdfReader(variants / name("en", "office", "a4")).pages[0]
    assert page.mediabox == page.trimbox
    assert b" rg" in page.get_contents().get_data()


def _x_of(path, page, needle):
    return _xs_of(path, page, needle)[0]  # the first run that holds it


def _xs_of(path, page, needle):
    found = [x for x, y, text in runs(path, page) if needle in text]
    assert found, needle
    return [x / float(PdfReader(path).pages[page].trimbox.width) for x in found]


def test_trifold_panels_face_the_right_way_left_to_right(variants):
    path = variants / name("en", "office", "trifold")
    # cover: right-hand panel of the outside (the title is also in the document control, on the back)
    assert max(_xs_of(path, 0, "Chemical peels")) > 2 / 3
    assert 1 / 3 < _x_of(path, 0, "Contact us") < 2 / 3  # back: middle panel
    assert _x_of(path, 1, "What is a chemical peel?") < 1 / 3  # the text starts on the left inside


def test_trifold_panels_are_mirrored_right_to_left(variants):
    path = variants / name("ar", "office", "trifold")
    assert _x_of(path, 0, "الكيميائي") < 1 / 3  # cover on the left
    assert 1 / 3 < _x_of(path, 0, "تواصل") < 2 / 3
    assert _x_of(path, 1, "الكيميائي؟") > 2 / 3  # the first heading on the right inside


def test_trifold_that_does_not_fit_fails_naming_leaflet_language_and_overflow(project_copy, tmp_path):
    # every section a priority 1: printed in every edition, so nothing may be left out
    path = project_copy / "brochures" / "chemical-peels.yaml"
    path.write_text(re.sub(r"    trifold: \d\n", "", path.read_text()))
    out = tmp_path / "out"
    code, _, err = run_cli("build", "--root", str(project_copy), "--clinic", "lykavittos-athens", "--lang", "el",
                           "--brochure", "chemical-peels", "--format", "trifold", "--out", str(out))
    assert code == 1
    assert err.startswith("error: lykavittos-athens/chemical-peels.el.trifold: does not fit the tri-fold: "
                          "its text needs ")
    assert "panels, the tri-fold has 4 (about " in err and "mm of panel height too much); shorten it, or give " \
        "sections a lower tri-fold priority ('trifold: 2' to 9, or false)" in err
    assert not (out / "lykavittos-athens" / "chemical-peels.el.trifold.pdf").exists()


def test_large_print_has_no_text_below_16pt_and_is_tagged(large):
    reader = PdfReader(large)
    assert min(scan_page(page).min_text_pt for page in reader.pages) >= 16 - 0.05
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert preflight(large) == []
    assert "Questions fréquentes" in text_of(large)


def test_large_print_and_trifold_do_not_combine(tmp_path):
    code, _, err = run_cli("build", "--root", str(REPO), "--large-print", "--format", "trifold", "--out", str(tmp_path))
    assert (code, err) == (2, "error: large print needs a page format, not a tri-fold\n")


def test_document_control_metadata(variants):
    reader = PdfReader(variants / name("ar", "press", "a5"))
    meta = reader.metadata
    assert meta["/Title"] == "التقشير الكيميائي"
    assert meta["/Author"] == "مركز جبل عمّان للعناية بالبشرة"
    assert meta["/Subject"].endswith("التقشير الكيميائي")
    assert meta["/Keywords"] == "chemical-peels, ar, jabal-amman"
    assert (meta["/leafletid"], meta["/leafletversion"], meta["/reviewed"], meta["/reviewdue"]) == (
        "chemical-peels", "1.1", "2026-11-01", "2029-11-01")
    assert (meta["/clinicid"], meta["/profile"], meta["/format"], meta["/largeprint"]) == (
        "jabal-amman", "press", "a5", "no")
    assert re.fullmatch(r"sha256:[0-9a-f]{16}", meta["/catalogrevision"])
    assert meta["/CreationDate"].startswith("D:20261101")
    assert reader.trailer["/Root"]["/Lang"] == "ar"


def test_every_page_prints_the_document_control_block(variants):
    text = text_of(variants / name("en", "office", "a4"))
    # jabal-amman writes English dates as en_GB
    for label in ("Leaflet: Chemical peels", "Version: 1.1", "Reviewed: 1 November 2026",
                  "Next review due: 1 November 2029", "Language: English"):
        assert label in text.replace("\n", " ")


def test_overdue_leaflet_is_refused_then_marked(tmp_path):
    args = ["build", "--root", str(REPO), "--unbranded", "--lang", "el", "--brochure", "mesotherapy-acne-scars",
            "--today", "2029-11-02", "--out", str(tmp_path)]
    code, out, err = run_cli(*args)
    assert (code, err) == (1, "refused: mesotherapy-acne-scars: review was due on 2029-11-01\n")
    assert pdf_names(tmp_path) == []
    code, _, err = run_cli(*args, "--allow-overdue")
    assert (code, err) == (0, "")
    reader = PdfReader(tmp_path / "mesotherapy-acne-scars.el.pdf")
    assert all("REVIEW OVERDUE" in page.extract_text() for page in reader.pages)
    assert reader.metadata["/status"] == "REVIEW OVERDUE: the review of this leaflet was due on 2029-11-01"
    # the mark across each page is tagged text like the rest, reachable from the structure root
    assert structure_problems(tmp_path / "mesotherapy-acne-scars.el.pdf") == []


def test_press_needs_an_icc_profile(tmp_path):
    code, _, err = run_cli("build", "--root", str(REPO), "--profile", "press", "--icc", str(tmp_path / "none.icc"),
                           "--out", str(tmp_path))
    assert (code, err) == (2, f"error: {tmp_path / 'none.icc'}: ICC profile not found\n")
    (tmp_path / "rgb.icc").write_bytes(b"\0" * 200)
    code, _, err = run_cli("build", "--root", str(REPO), "--profile", "press", "--icc", str(tmp_path / "rgb.icc"),
                           "--out", str(tmp_path))
    assert (code, err) == (2, f"error: {tmp_path / 'rgb.icc'}: not a CMYK ICC profile\n")


def _broken_copy(source, target, change):
    writer = PdfWriter(clone_from=PdfReader(source))
    change(writer)
    with target.open("wb") as out:
        writer.write(out)
    return target


def test_preflight_catches_a_broken_pdf(variants, tmp_path):
    def break_it(writer):
        del writer._root_object[NameObject("/OutputIntents")]
        writer.pages[0].trimbox = RectangleObject((0, 0, 500, 700))
        page = writer.pages[1]
        data = page.get_contents().get_data()
        page.replace_contents(_stream(data + b"\nq 1 0 0 rg 0 0 10 10 re f Q\n"))

    broken = _broken_copy(variants / name("en", "press", "a4"), tmp_path / "broken.pdf", break_it)
    code, out, err = run_cli("check", "--pdf", str(broken))
    assert code == 1
    lines = err.splitlines()
    assert f"error: {broken}: press PDF without an OutputIntent with an ICC output profile" in lines
    assert any(line.startswith(f"error: {broken}: page 1: TrimBox is 176.4 x 246.9 mm, the format is 210.0 x 297.0")
               for line in lines)
    assert f"error: {broken}: page 2: shapes painted in RGB (press needs CMYK)" in lines
    assert out == "0 of 1 PDF passed preflight\n"


def test_preflight_catches_small_text_and_untagged_large_print(large, tmp_path):
    def shrink(writer):
        del writer._root_object[NameObject("/StructTreeRoot")]
        page = writer.pages[0]
        page.replace_contents(_stream(page.get_contents().get_data().replace(b" Tf", b" Tf 0.5 0 0 0.5 0 0 cm", 0)
                                      + b"\nBT /F9 6 Tf 1 0 0 1 100 100 Tm (x) Tj ET\n"))

    broken = _broken_copy(large, tmp_path / "small.pdf", shrink)
    problems = preflight(broken)
    assert f"{broken}: not a tagged PDF (no structure tree)" in problems
    assert f"{broken}: page 1: text at 6.0 pt; the minimum for this profile is 16 pt" in problems


def test_preflight_refuses_pdfs_it_does_not_know(tmp_path):
    other = tmp_path / "other.pdf"
    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    with other.open("wb") as out:
        writer.write(out)
    code, _, err = run_cli("check", "--pdf", str(other), str(tmp_path / "missing.pdf"))
    assert code == 1
    assert err.splitlines()[0] == f"error: {other}: no profile/format metadata: not a leaflet built by make_brochure.py"
    assert err.splitlines()[1].startswith(f"error: {tmp_path / 'missing.pdf'}: cannot read PDF")


def _stream(data):
    from pypdf.generic import DecodedStreamObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    return stream


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")
@pytest.mark.parametrize("lang, profile, format_", [("ar", "press", "trifold"), ("en", "office", "a5"),
                                                     ("ar", "press", "a5")])
def test_qpdf_finds_no_structural_problem(variants, lang, profile, format_):
    result = subprocess.run(["qpdf", "--check", str(variants / name(lang, profile, format_))],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.skipif(not shutil.which("pdffonts"), reason="poppler-utils not installed")
@pytest.mark.parametrize("format_", ["a4", "trifold"])
def test_pdffonts_sees_every_font_embedded(variants, format_):
    lines = subprocess.run(["pdffonts", str(variants / name("ar", "press", format_))], capture_output=True,
                           text=True, check=True).stdout.splitlines()[2:]
    assert lines and all(line.split()[-5] == "yes" for line in lines)


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler-utils not installed")
def test_pdfinfo_agrees_on_the_press_boxes(variants):
    info = subprocess.run(["pdfinfo", "-box", str(variants / name("en", "press", "a4"))], capture_output=True,
                          text=True, check=True).stdout
    boxes = {line.split(":")[0]: [float(v) for v in line.split(":")[1].split()] for line in info.splitlines()
             if line.endswith(tuple("0123456789")) and "Box" in line.split(":")[0]}
    trim, bleed, media = boxes["TrimBox"], boxes["BleedBox"], boxes["MediaBox"]
    assert [round(b - t, 1) for b, t in zip(bleed, trim, strict=True)] == [-8.5, -8.5, 8.5, 8.5]
    # TrimBox inside BleedBox inside MediaBox, with room for the crop marks outside the bleed.
    assert media[0] < bleed[0] and media[1] < bleed[1] and media[2] > bleed[2] and media[3] > bleed[3]


@pytest.mark.skipif(not shutil.which("qpdf"), reason="qpdf not installed")
@pytest.mark.parametrize("format_", ["a4", "trifold"])
def test_qpdf_sees_a_pdf_x4_file_a_rip_accepts(variants, format_):
    """ISO 15930-7 through qpdf: PDF 1.6, an ICC profile whose /N is the profile's own channel count
    (CMYK: 4), no link annotations, and XMP with only the keys PDF/X-4 defines."""
    path = variants / name("ar", "press", format_)
    data = json.loads(subprocess.run(["qpdf", "--json", "--json-key=qpdf", "--json-key=pages",
                                      "--json-stream-data=inline", str(path)], capture_output=True, text=True,
                                     check=True).stdout)
    by_ref = data["qpdf"][1]
    objects = by_ref.values()
    assert path.read_bytes().startswith(b"%PDF-1.6\n")
    icc = [obj["stream"] for obj in objects if "stream" in obj and "/N" in obj["stream"]["dict"]]
    assert icc, "no ICC profile stream"
    for stream in icc:
        assert base64.b64decode(stream["data"])[16:20] == b"CMYK" and stream["dict"]["/N"] == 4
    annotations = [ref for page in data["pages"] for ref in by_ref[f"obj:{page['object']}"]["value"].get("/Annots", [])]
    assert [ref for ref in annotations if by_ref[f"obj:{ref}"]["value"].get("/Subtype") == "/Link"] == []
    reader = PdfReader(path)
    xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"pdfxid:GTS_PDFXVersion>PDF/X-4<" in xmp and b"GTS_PDFXConformance" not in xmp


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("format_", ["a4", "a5", "letter"])
def test_tagged_pdfs_meet_the_machine_checkable_matterhorn_conditions(variants, lang, format_):
    """Read with pikepdf (tests/pdfs.py names each checkpoint): language, title shown, PDF/UA in the XMP,
    figures with alternative text, one H1 and no level skipped, no heading inside a heading (the rule under
    each H2 once wrapped its text in a second H2), lists as L > LI > Lbl + LBody (label-and-value blocks
    were dl, tagged as lists), no text outside marked content, marked content and parent tree one to
    one (the cover's first line once sat in a transparency group without its tag), and every element
    holding content reachable from the root (running headers and footers are pagination artifacts)."""
    path = variants / name(lang, "office", format_)
    assert structure_problems(path) == []
    with pikepdf.open(path) as pdf:
        kinds = [str(element.S) for element in _all_elements(pdf.Root.StructTreeRoot)]
    leaflet = load_leaflet(Project.at(REPO), "chemical-peels")
    assert kinds.count("/H2") == len(leaflet.sections) + 1  # each section and "Contact us"
    # A list that runs over a page break is tagged as two lists (the renderer's way); its items are
    # never split (li: break-inside: avoid), so each bullet of the leaflet is one LI.
    bullets = sum(len(section.items) for section in leaflet.sections if section.kind in ("bullets", "callout"))
    assert kinds.count("/LI") == bullets and kinds.count("/L") >= 7


def _all_elements(tree):
    pending, found = [tree], []
    while pending:
        kids = pending.pop().get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                found.append(kid)
                pending.append(kid)
    return found


@pytest.mark.parametrize("profile", ["office", "press"])
def test_an_imposed_trifold_points_at_no_page_it_does_not_have(variants, profile):
    """Imposition removes the rendered panel pages: no bookmark or destination may still point at them."""
    with pikepdf.open(variants / name("ar", profile, "trifold")) as pdf:
        pages = {page.objgen for page in pdf.pages}
        assert "/Outlines" not in pdf.Root
        targets = [obj.Dest[0] for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and "/Dest" in obj
                   and isinstance(obj.Dest, pikepdf.Array) and len(obj.Dest)]
        assert all(isinstance(t, pikepdf.Dictionary) and t.objgen in pages for t in targets)


def test_press_brand_colours_without_given_cmyk_print_as_the_screen_shows_them(variants, tmp_path):
    """Amman's file gives no CMYK: its green goes through the output profile, and Ghostscript, which
    prints the page through the same kind of profile, shows it green (a plain conversion proofed blue)."""
    import pymupdf

    path = variants / name("ar", "press", "a4")
    with pymupdf.open(path) as doc:
        span = next(s for b in doc[0].get_text("dict")["blocks"] for line in b.get("lines", []) for s in line["spans"]
                    if s["text"].strip() == "التقشير الكيميائي")
        _, y0, x1, y1 = span["bbox"]
    png = tmp_path / "page.png"
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=png16m", "-r72", "-dFirstPage=1",
                    "-dLastPage=1", f"-sOutputFile={png}", str(path)], check=True, capture_output=True)
    with pymupdf.open(png) as image:
        pixmap = image[0].get_pixmap()
    # just past the title's end (right to left: its start), inside the cover's panel
    red, green, blue = pixmap.pixel(int(x1) + 3, int((y0 + y1) / 2))[:3]
    # within 16 of #0d5c52 in each channel (the plain conversion gave about 0, 97, 116: blue over green)
    assert max(abs(red - 0x0D), abs(green - 0x5C), abs(blue - 0x52)) <= 16 and blue < green, (red, green, blue)


@pytest.mark.parametrize("format_", ["a4", "trifold"])
def test_crop_marks_print_on_every_plate(variants, tmp_path, format_):
    """Ghostscript separates the first sheet into the four process plates (tiffsep): the crop mark
    at the top left is on each of them (registration colour), and the mark room beside it is bare."""
    from PIL import Image

    from brochure_builder.pdf.marks import MARK_GAP, MARK_LENGTH

    path = variants / name("ar", "press", format_)
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=tiffsep", "-r100", "-dFirstPage=1",
                    "-dLastPage=1", f"-sOutputFile={tmp_path / 'sheet.tif'}", str(path)],
                   check=True, capture_output=True)
    page = PdfReader(path).pages[0]
    scale = 100 / 72
    x = (float(page.trimbox.left) - float(page.mediabox.left)) * scale
    y = (float(page.mediabox.top) - float(page.bleedbox.top) - MARK_GAP - MARK_LENGTH / 2) * scale
    for plate in ("Cyan", "Magenta", "Yellow", "Black"):
        with Image.open(tmp_path / f"sheet({plate}).tif") as separation:  # 0: full ink, 255: none
            pixels = separation.load()
            assert min(pixels[round(x) + dx, round(y)] for dx in range(-2, 3)) == 0, plate
            assert pixels[round(x + 4 * MM * scale), round(y)] == 255, plate


@pytest.mark.parametrize("format_", ["a4", "a5", "trifold"])
def test_arabic_sets_the_cover_lead_a_point_larger_as_its_body(variants, format_):
    """Arabic script reads a size smaller than Latin at the same point size: its body is a point
    larger than in English, and so is the lead paragraph of its cover (read with MuPDF)."""
    import pymupdf
    from babel.messages.pofile import read_po

    lead = load_leaflet(Project.at(REPO), "chemical-peels").lead.text
    with (REPO / "locales" / "ar" / "LC_MESSAGES" / "brochures.po").open("rb") as handle:
        arabic = read_po(handle)[lead].string
    sizes = {}
    for lang, text in (("en", lead), ("ar", arabic)):
        with pymupdf.open(variants / name(lang, "office", format_)) as document:
            spans = [(page.number, round(span["size"], 1), span["text"].strip()) for page in document
                     for block in page.get_text("dict")["blocks"] for line in block.get("lines", [])
                     for span in line["spans"] if span["text"].strip()]
        lead_words = " ".join(text.split())
        in_lead = {size for page, size, words in spans if page == 0 and len(words) > 25 and words in lead_words}
        by_size = {size: sum(len(words) for _, other, words in spans if other == size) for _, size, _ in spans}
        sizes[lang] = (in_lead, max(by_size, key=by_size.get))
    ((english_lead,), english_body), ((arabic_lead,), arabic_body) = sizes["en"], sizes["ar"]
    assert (arabic_lead - english_lead, arabic_body - english_body) == (1, 1), sizes
