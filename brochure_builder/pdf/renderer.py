"""HTML -> PDF bytes with WeasyPrint, sandboxed to the content folder.

The only module that imports WeasyPrint. Resources may come from `data:`
URLs or from the content files (files.py), served from the bytes already
read for the run; anything else (the network, a file elsewhere, a `..`
escape, a symlink out) stops the render.

Fonts: the renderer sees only the fonts a document declares with `@font-face`
(the project's fonts/fonts.yaml), never the machine's, so a leaflet prints the
same everywhere and a character none of them has fails the render instead of
being drawn silently with a system font. See FONTCONFIG_FILE.
"""
from __future__ import annotations

import base64
import hashlib
import io
import logging
import mimetypes
import os
import re
import time
import uuid
import warnings
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import EXIT_FAILED, BrochureError, Problem
from ..files import ContentFiles, OutsideContent
from ..profiles import Output
from .artifacts import pagination_artifacts
from .reading_order import ligatures_in_visual_order

MAX_PAGES = 100  # the demo leaflets take 4 to 14 pages; far more is a mistake, and costs minutes

# Messages that describe the machine, not the document (the set-up reports them).
_ENVIRONMENT_WARNINGS = ("HarfBuzz-Subset",)


# The renderer's fontconfig configuration: it names no font folder, so fontconfig finds no
# system or user font (see the file). fontconfig reads the FONTCONFIG_FILE environment variable
# each time FcInitLoadConfigAndFonts() runs, which WeasyPrint calls when it is imported and in
# every FontConfiguration; _weasyprint() sets it before either can happen, and forked workers
# inherit it. It is the one process-wide setting this tool makes.
FONTCONFIG_FILE = Path(__file__).with_name("fontconfig.conf")


@lru_cache(maxsize=1)
def _weasyprint():
    os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)
    with warnings.catch_warnings():
        # WeasyPrint checks at import that fontconfig knows some font, and warns "No fonts configured
        # in FontConfig" otherwise. Knowing none is the point here (documents bring their own), so
        # exactly that warning is silenced.
        warnings.filterwarnings("ignore", message="No fonts configured in FontConfig", category=UserWarning)
        import weasyprint  # noqa: PLC0415 - heavy import, only when rendering

    return weasyprint


def project_fetcher(files: ContentFiles):
    """A URL fetcher that serves `data:` URLs and the content files (from memory, read once), nothing else."""
    _weasyprint()
    from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse  # noqa: PLC0415

    class Refused(FatalURLFetchingError):
        pass

    class ContentResponse(URLFetcherResponse):
        @property
        def path(self):
            return None  # served from memory: nothing for the renderer to read again from disk

    class ProjectFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)

        def fetch(self, url: str, headers=None):
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme != "file":
                raise Refused(f"refused to fetch {url!r}: only files inside the project and data: URLs are allowed")
            parts = urlsplit(url)
            if parts.netloc:  # file://HOST/...: refused before anything could look the host up
                raise Refused(f"refused to fetch {url!r}: a file URL may not name a host")
            path = Path(os.path.normpath(unquote(parts.path)))
            try:
                data = files.read(path)
            except OutsideContent:
                raise Refused(f"refused to read {str(path)!r}: outside the project folder "
                              f"{str(files.root)!r}") from None
            except OSError:  # missing, or a folder: the render fails naming it
                raise Refused(f"cannot read {str(path)!r}: no such file") from None
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return ContentResponse(url, data, {"Content-Type": kind})

    return ProjectFetcher()


def import_renderer() -> None:
    """WeasyPrint imported here, before worker processes are forked: they inherit it, instead of each
    importing it (about 0.4 s of CPU per worker and build)."""
    _weasyprint()


_INHERITED: list = []


def forget_fonts() -> None:
    """A forked worker makes its own font configuration rather than sharing its parent's.

    The parent's object is kept alive, not dropped: dropping it would run its
    clean-up, which deletes the parent's font folder while the parent still uses it.
    """
    if _font_config.cache_info().currsize:
        _INHERITED.append(_font_config())
    _font_config.cache_clear()


@lru_cache(maxsize=1)
def _font_config():
    # One per process: @font-face rules it has already loaded are not loaded again.
    weasyprint = _weasyprint()  # first: it points fontconfig at FONTCONFIG_FILE
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415

    config = FontConfiguration()
    # With no system font, a document whose own fonts are missing would leave Pango with no font at
    # all, and it crashes the process (a segmentation fault) instead of reporting it. A font with no
    # characters keeps one there: it never draws anything, and where it would, WeasyPrint's warning
    # that it drew a .notdef glyph fails the render like any other warning.
    weasyprint.CSS(string=f'@font-face {{ font-family: "{_LAST_RESORT}"; src: url({_last_resort_font_url()}) }}',
                   font_config=config)
    return config


_LAST_RESORT = "Brochure Builder Last Resort"


def _last_resort_font_url() -> str:
    """A TrueType font whose only glyph is an empty .notdef, as a data: URL."""
    from fontTools.fontBuilder import FontBuilder  # noqa: PLC0415 - a WeasyPrint dependency
    from fontTools.pens.ttGlyphPen import TTGlyphPen  # noqa: PLC0415

    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder([".notdef"])
    builder.setupCharacterMap({})
    builder.setupGlyf({".notdef": TTGlyphPen(None).glyph()})
    builder.setupHorizontalMetrics({".notdef": (500, 0)})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": _LAST_RESORT, "styleName": "Regular"})
    builder.setupOS2()
    builder.setupPost()
    data = io.BytesIO()
    builder.save(data)
    return "data:font/ttf;base64," + base64.b64encode(data.getvalue()).decode("ascii")


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not any(known in message for known in _ENVIRONMENT_WARNINGS):
            self.messages.append(message)


def write_options(output: Output | None, document_id: str) -> dict:
    """WeasyPrint options for a profile, with everything that would vary between runs pinned."""
    digest = hashlib.sha256(document_id.encode("utf-8")).digest()
    options = {"custom_metadata": True, "pdf_identifier": digest[:16], "finisher": _finisher(digest)}
    if output is None:
        return options
    # Press is always PDF/X; office is PDF/UA only where it is tagged (not an imposed tri-fold).
    if output.profile.cmyk or output.tagged:
        options["pdf_variant"] = output.profile.pdf_variant
    if output.tagged:
        options["pdf_tags"] = True
    return options


def _finisher(digest: bytes):
    """Last changes to the PDF objects before they are written.

    PDF/X metadata gets a random xmpMM:DocumentID; make it a function of the
    document instead, and drop the XMP key that PDF/X-4 does not define.
    Right-to-left ligatures get text that viewers extract in order (reading_order.py); running
    headers and footers of tagged PDFs become pagination artifacts (artifacts.py).
    """
    document_uuid = str(uuid.UUID(bytes=digest[:16]))

    def finisher(document, pdf) -> None:
        ligatures_in_visual_order(pdf)
        pagination_artifacts(pdf)
        for obj in pdf.objects:
            if getattr(obj, "extra", None) and obj.extra.get("Type") == "/Metadata":
                obj.stream = [_X4_ONLY.sub(b"", _DOCUMENT_ID.sub(f"xmp.did:{document_uuid}".encode(), _bytes(part)))
                              for part in obj.stream]

    return finisher


_DOCUMENT_ID = re.compile(rb"xmp\.did:[0-9a-f-]{36}")
# GTS_PDFXConformance belongs to PDF/X-1a and X-3; a PDF/X-4 file's XMP must not carry it.
_X4_ONLY = re.compile(rb"\s*<pdfx:GTS_PDFXConformance>[^<]*</pdfx:GTS_PDFXConformance>")


def _bytes(part) -> bytes:
    return part if isinstance(part, bytes) else str(part).encode("utf-8")


@dataclass
class Stopwatch:
    """Seconds spent inside WeasyPrint (layout and PDF writing), for benchmarks."""

    seconds: float = 0.0


PX_PER_MM = 96 / 25.4  # WeasyPrint gives positions in CSS pixels


@dataclass
class Layout:
    """A laid-out document: its pages, where its anchors (elements with an id) landed, and the
    means to write it. Made by `Renderer.lay_out`; written with `Renderer.write`."""

    document: object  # weasyprint.Document
    pages: int
    anchors: list[dict[str, tuple[float, ...]]]  # per page: id -> (x1, y1, x2, y2), CSS px from the top left


class Renderer:
    """One HTML document rendered under the sandbox, possibly laid out several times (with extra
    stylesheets), then written once. Every WeasyPrint warning fails it with `name` in the message.

    Relative URLs in `html` start from `base_dir`; every file comes from `files`.
    """

    def __init__(self, html: str, files: ContentFiles, base_dir: Path, *, name: str, output: Output | None = None,
                 document_id: str = "", stopwatch: Stopwatch | None = None) -> None:
        self.name, self.stopwatch = name, stopwatch
        self.options = write_options(output, document_id or name)
        self.finisher = self.options.pop("finisher")
        self.weasyprint = _weasyprint()
        self.html = self.weasyprint.HTML(string=html, base_url=base_dir.resolve().as_uri() + "/",
                                         url_fetcher=project_fetcher(files))

    def lay_out(self, css: str | None = None) -> Layout:
        """The document laid out, with `css` (if any) added after its own stylesheets."""
        def run():
            extra = [self.weasyprint.CSS(string=css, font_config=_font_config())] if css else []
            document = self.html.render(font_config=_font_config(), stylesheets=extra, **self.options)
            if len(document.pages) > MAX_PAGES:
                raise BrochureError(Problem(self.name, f"the leaflet takes {len(document.pages)} pages; a leaflet "
                                                       f"may have at most {MAX_PAGES}"), exit_code=EXIT_FAILED)
            return Layout(document, len(document.pages), [dict(page.anchors) for page in document.pages])

        return self._guarded(run)

    def write(self, layout: Layout) -> bytes:
        return self._guarded(lambda: layout.document.write_pdf(finisher=self.finisher, **self.options))

    def _guarded(self, step):
        from weasyprint.urls import FatalURLFetchingError  # noqa: PLC0415

        collector = _Collect()
        logger = logging.getLogger("weasyprint")
        logger.addHandler(collector)
        started = time.perf_counter()
        try:
            result = step()
        except FatalURLFetchingError as error:
            message = f"{error}: {error.__cause__}" if error.__cause__ is not None else str(error)
            raise BrochureError(Problem(self.name, message), exit_code=EXIT_FAILED) from None
        finally:
            logger.removeHandler(collector)
            if self.stopwatch is not None:
                self.stopwatch.seconds += time.perf_counter() - started
        if collector.messages:
            raise BrochureError([Problem(self.name, f"renderer: {m}") for m in collector.messages],
                                exit_code=EXIT_FAILED)
        return result


def html_to_pdf(html: str, files: ContentFiles, base_dir: Path, *, name: str, output: Output | None = None,
                document_id: str = "", stopwatch: Stopwatch | None = None) -> bytes:
    """Render and write; see Renderer."""
    renderer = Renderer(html, files, base_dir, name=name, output=output, document_id=document_id,
                        stopwatch=stopwatch)
    return renderer.write(renderer.lay_out())
