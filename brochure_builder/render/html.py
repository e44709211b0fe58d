"""Context -> Jinja2 -> HTML string. Pure: the templates come from the content files, nothing is written.

One Environment per translator, because newstyle gettext is bound to the
environment; autoescape is on and undefined names are errors.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from ..catalogs.translator import SourceText, Translator
from ..clinics.brand import Brand
from ..colors import inks
from ..content import markup
from ..content.leaflet import Leaflet, map_texts
from ..errors import BrochureError, Problem
from ..fonts import Fonts
from ..languages import SOURCE_LANGUAGE, direction, html_lang, long_date, own_name
from ..profiles import Output, output_for
from ..project import Project

TEMPLATE = "leaflet.html"
FONTS_URL = "../fonts/"  # the fonts folder, next to templates/, as the template refers to it
# Placeholders the template passes for values only CSS knows (page counters).
_COUNTERS = {"{page}": "counter(page)", "{pages}": "counter(pages)"}
_COUNTER_SPLIT = re.compile("(" + "|".join(re.escape(k) for k in _COUNTERS) + ")")


@dataclass(frozen=True)
class Draft:
    """How incomplete a translation is; a leaflet printed anyway is marked DRAFT."""

    untranslated: int
    fuzzy: int

    def __str__(self) -> str:
        return f"{self.untranslated} untranslated, {self.fuzzy} fuzzy"


def translate(leaflet: Leaflet, translator: Translator) -> Leaflet:
    return map_texts(leaflet, translator.gettext)


def _text(value) -> str:
    """The text itself: HTML-escaped text (a translated template string) is unescaped first."""
    return value.unescape() if isinstance(value, Markup) else str(value)


def css_string(text: str) -> Markup:
    """A CSS string literal; `<` is escaped too so it can never close a <style>."""
    escaped = "".join(
        f"\\{ord(c):x} " if c in '"\\<>\n\r' or ord(c) < 0x20 else c for c in _text(text)
    )
    return Markup(f'"{escaped}"')


def css_content_with_counters(text: str) -> Markup:
    """`Page {page} of {pages}` -> `"Page " counter(page) " of " counter(pages)`."""
    parts = [p for p in _COUNTER_SPLIT.split(_text(text)) if p]
    return Markup(" ").join(Markup(_COUNTERS[p]) if p in _COUNTERS else css_string(p) for p in parts)


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates shared by every Environment of the process.

    Each translator needs its own Environment (gettext is bound to it); without
    this, every leaflet would compile the templates again. Entries are keyed by
    the template source's checksum, so an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


_COMPILED = _CompiledTemplates()


@dataclass(frozen=True)
class Templates:
    """The templates folder as read from the content files, and the fonts its stylesheet declares."""

    folder: Path  # where they are, for the renderer's base URL
    sources: dict[str, str]  # name (e.g. "partials/style.html") -> text
    fonts: Fonts


def load_templates(project: Project, fonts: Fonts) -> Templates:
    folder = project.templates_dir
    sources = {}
    for name, data in project.files.tree(folder).items():
        try:
            sources[name] = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise BrochureError(Problem(f"templates/{name}", f"not UTF-8 text ({error.reason})")) from None
    return Templates(folder, sources, fonts)


def make_environment(templates: Templates, translator: Translator) -> jinja2.Environment:
    env = jinja2.Environment(
        # Each template is named after its file, so an error in it can say where it is.
        loader=jinja2.FunctionLoader(lambda name: (templates.sources[name], f"templates/{name}", lambda: True)
                                     if name in templates.sources else None),
        bytecode_cache=_COMPILED,
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # Newstyle gettext (named placeholders, formatted by the call), with our own callables: Jinja's
    # would turn the result into plain Markup, and a template string standing in for a missing
    # translation must stay marked as the source language (`TemplateSourceText`).
    env.newstyle_gettext = True
    env.globals.update(
        gettext=lambda msgid, **variables: template_text(translator.gettext(msgid), variables),
        ngettext=lambda singular, plural, n, **variables: template_text(
            translator.ngettext(singular, plural, n), {"num": n, **variables}),
    )
    env.filters.update(
        inline=inline_html,
        title=title_html,
        plain=markup.plain_text,
        css_string=css_string,
        css_counters=css_content_with_counters,
        long_date=lambda day, locale=None: long_date(day, locale or translator.lang),
        address=breakable_address,
        unbroken=unbroken_runs,
        words=template_words,
        text=_text,
    )
    return env


def in_source_language(html: Markup) -> Markup:
    """HTML standing in for a missing translation, marked as the source language, so a right-to-left
    draft sets an English fallback left to right (".Widely used" otherwise) and reads it as English.
    The one way leaflet text and the templates' own strings are marked."""
    return Markup('<span class="untranslated" lang="{}" dir="{}">{}</span>').format(
        html_lang(SOURCE_LANGUAGE), direction(SOURCE_LANGUAGE), html)


class TemplateSourceText(Markup):
    """A template's own string printed in the source language (its translation is missing): escaped
    text which, written into the page, is marked as the source language. Filters read its bare text
    (`_text`); in an attribute, write it through `|text`, as a mark cannot stand there."""

    def __html__(self) -> Markup:
        return in_source_language(Markup(str(self)))


def template_text(text: str, variables: dict) -> Markup:
    """A template string as gettext returned it, escaped (a translation is text: no catalog can put markup
    into the document, and validate.py refuses it too), its named placeholders filled in as newstyle
    gettext does (`%%` is a literal `%`)."""
    formatted = escape(text) % variables
    # Marked after formatting: Markup's methods would call __html__ on a marked text and mark it twice.
    return TemplateSourceText(formatted) if isinstance(text, SourceText) else formatted


def template_words(text, tie_end: bool = False) -> Markup:
    """A template string as running text, its ranges and units kept on one line (`|words`); with
    `tie_end`, its last two words too (`|words(tie_end=True)`: no word alone on a short text's last line)."""
    plain = _text(text)
    html = markup.unbroken_words(_last_two_tied(plain) if tie_end else plain)
    return in_source_language(html) if isinstance(text, TemplateSourceText) else html


def inline_html(text: str) -> Markup:
    """Leaflet text as HTML; the source text standing in for a missing translation is marked as such."""
    html = markup.to_html(text)
    return in_source_language(html) if isinstance(text, SourceText) else html


def title_html(text: str) -> Markup:
    """A title whose last two words stay on one line ("Mesotherapy for acne / scars" left one word
    alone under the title; in Arabic it split حب الشباب, "acne", in two)."""
    tied = _last_two_tied(str(text))
    return inline_html(SourceText(tied) if isinstance(text, SourceText) else tied)


def _last_two_tied(text: str) -> str:
    """The last space a no-break space, when three words or more end with one short enough to carry."""
    words = text.split(" ")
    return " ".join(words[:-1]) + "\u00a0" + words[-1] if len(words) >= 3 and len(words[-1]) <= 12 else text


# Where a printed web address may end a line: only after a "/" of its path; never inside its host,
# nor at a hyphen, either of which would leave a patient unsure what to type (the booking card grows
# to hold the host). E-mail addresses never break.
_PATH_BREAK = re.compile(r"(?<=[^/:]/)(?=[^/])")
# A patient types an address without its scheme (a browser adds it), and the booking card is too
# narrow for "https://" and a host on one line; the link and the QR code keep the whole address.
_SCHEME = "https://"


def breakable_address(text: str) -> Markup:
    """An address as printed: without "https://", as unbreakable runs with a break opportunity
    (<wbr>) after each "/" of its path."""
    runs = [part for part in _PATH_BREAK.split(_text(text).removeprefix(_SCHEME)) if part]
    return Markup("<wbr>").join(Markup('<span class="unbroken">{}</span>').format(run) for run in runs)


# Ranges written with a dash ("9:00–18:00", "Δευτέρα–Παρασκευή") are read as one: a line never
# ends inside them.
_KEEP_TOGETHER = re.compile(r"[^\s–]+\s?–\s?[^\s–]+")


# A day keeps its hours: "Saturday 10:00–14:00" never ends a line after "Saturday".
_BEFORE_A_TIME = re.compile(r"(?<=\S) (?=\d)")


def unbroken_runs(text) -> Markup:
    """Escaped opening hours whose dash ranges are kept on one line, each with the day before it."""
    return markup.kept_together(_BEFORE_A_TIME.sub("\u00a0", _text(text)), _KEEP_TOGETHER)


@dataclass(frozen=True)
class Look:
    """Everything about how a leaflet is printed, as opposed to what it says."""

    output: Output = field(default_factory=output_for)
    brand: Brand | None = None
    draft: Draft | None = None  # incomplete translation printed anyway
    overdue: dt.date | None = None  # review date passed, printed anyway
    icc_url: str | None = None  # CMYK output profile for press, as a data: URL
    catalog_revision: str = "source text"

    def inks(self) -> dict[str, str]:
        colours = inks(self.brand.colours if self.brand else None)
        return {name: Markup(value.css(self.output.profile.cmyk)) for name, value in colours.items()}


def render_html(templates: Templates, leaflet: Leaflet, translator: Translator, look: Look | None = None) -> str:
    """The leaflet in the translator's language as one HTML document."""
    env = make_environment(templates, translator)
    return render_in(env, templates, translate(leaflet, translator), translator, look)


def render_in(env: jinja2.Environment, templates: Templates, translated: Leaflet, translator: Translator,
              look: Look | None = None) -> str:
    """`render_html` of a leaflet already translated (`translate`), in an environment `make_environment`
    made for this translator: both can serve many renders."""
    look = look or Look()
    fonts = templates.fonts
    try:
        return _render(env, translated, translator, look, fonts, templates.sources)
    except jinja2.TemplateSyntaxError as error:
        raise BrochureError(Problem(_shown(error.filename or error.name), f"template syntax error: {error.message}",
                                    line=error.lineno)) from None
    except jinja2.TemplateError as error:
        where, line = _template_line(error)
        raise BrochureError(Problem(where, f"{_kind(error)} in the template: {error.message}", line=line)) from None


def _render(env: jinja2.Environment, leaflet: Leaflet, translator: Translator, look: Look, fonts: Fonts,
            sources: dict[str, str]) -> str:
    typeface = look.brand.typeface if look.brand else None
    screen = look.output.format.is_screen
    return env.get_template(TEMPLATE).render(
        leaflet=leaflet,
        lang=translator.lang,
        html_lang=html_lang(translator.lang),
        language_name=own_name(translator.lang),
        date_locale=look.brand.date_locale if look.brand else translator.lang,
        dir=direction(translator.lang),
        output=look.output,
        margins=Markup(" ".join(f"{m:g}mm" for m in look.output.margins_mm)),
        brand=look.brand,
        draft=look.draft,
        overdue=look.overdue,
        icc_url=look.icc_url,
        catalog_revision=look.catalog_revision,
        inks=look.inks(),
        # The HTML twin links to no font file: see screen_stylesheet.
        font_faces=Markup("" if screen else fonts.face_css(FONTS_URL, fonts.families_for(translator.lang, typeface))),
        font_stack=Markup(fonts.screen_stack_css(translator.lang, typeface) if screen
                          else fonts.stack_css(translator.lang, typeface)),
        screen_stylesheet=screen_stylesheet(sources) if screen else None,
        screen_policy=SCREEN_POLICY,
    )


# The HTML twin loads nothing: its styles are in the page, its images data: URLs, and a browser that
# honours this policy refuses anything else (a script, a frame, a font, a form's target, a stray URL).
SCREEN_POLICY = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
                 "form-action 'none'")
SCREEN_STYLESHEETS = ("leaflet.css", "screen.css")  # the print stylesheet, then what differs on a screen


def screen_stylesheet(sources: dict[str, str]) -> Markup:
    """The stylesheets of the HTML twin, to be written into its <style>.

    Its fonts are those of the reader's device, named after the project's fonts first (Fonts.screen_stack_css)
    rather than the font files inlined: the twin is e-mailed and opened on phones, where a page of a few
    tens of kilobytes opens at once and a phone's own fonts are hinted for its screen and cover every script
    the catalogs use; the PDF stays the edition whose every glyph is fixed.
    """
    missing = [name for name in SCREEN_STYLESHEETS if name not in sources]
    if missing:
        raise BrochureError(Problem(f"templates/{missing[0]}", "file not found: the HTML twin's styles"))
    # "</" may not stand in a <style>: escaped, CSS reads the same characters.
    return Markup("\n".join(sources[name].replace("</", "<\\/") for name in SCREEN_STYLESHEETS))


def _shown(filename: str | None) -> str:
    return filename if filename and filename.startswith("templates/") else f"templates/{filename or TEMPLATE}"


def _kind(error: jinja2.TemplateError) -> str:
    return "undefined" if isinstance(error, jinja2.UndefinedError) else "error"


def _template_line(error: BaseException) -> tuple[str, int | None]:
    """The template and line an error was raised at: Jinja gives its frames the template's name and lines."""
    where, line = f"templates/{TEMPLATE}", None
    trace = error.__traceback__
    while trace is not None:
        filename = trace.tb_frame.f_code.co_filename
        if filename.startswith("templates/"):
            where, line = filename, trace.tb_lineno
        trace = trace.tb_next
    return where, line
