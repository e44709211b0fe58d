"""Print profiles and page formats: what differs between an office print, a press
print, a tri-fold and a large-print copy of the same leaflet, and the HTML twin
that says the same on a screen.
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import BrochureError

MM = 72 / 25.4  # PDF points per millimetre
DEFAULT_ICC = "/usr/share/color/icc/ghostscript/default_cmyk.icc"  # Debian libgs-common


@dataclass(frozen=True)
class Profile:
    name: str
    pdf_variant: str
    bleed_mm: float
    cmyk: bool
    tagged: bool
    min_text_pt: float  # smallest text preflight accepts


@dataclass(frozen=True)
class Format:
    name: str
    css_size: str
    width_mm: float
    height_mm: float
    margins_mm: tuple[float, float, float, float] = (20, 34, 22, 34)  # top, right, bottom, left
    panels: tuple[float, ...] = ()  # tri-fold panel widths: the fold-in panel, then the others
    screen: bool = False  # not a page: the HTML twin, one self-contained HTML file for screens

    @property
    def is_trifold(self) -> bool:
        return bool(self.panels)

    @property
    def is_screen(self) -> bool:
        return self.screen


PROFILES = {
    "office": Profile("office", "pdf/ua-1", 0, cmyk=False, tagged=True, min_text_pt=8),
    "press": Profile("press", "pdf/x-4", 3, cmyk=True, tagged=False, min_text_pt=8),
}
FORMATS = {
    "a4": Format("a4", "A4", 210, 297),
    "letter": Format("letter", "letter", 215.9, 279.4, margins_mm=(19, 37, 21, 37)),
    "a5": Format("a5", "A5", 148, 210, margins_mm=(14, 13, 16, 13)),
    # A4 landscape folded to DL: the panel that folds in is the narrowest. Margins are per panel.
    "trifold": Format("trifold", "A4 landscape", 297, 210, margins_mm=(9, 8, 10, 8), panels=(97, 100, 100)),
    # The HTML twin: the page is the reader's screen, so it has no size, margins or edition of its own.
    "html": Format("html", "", 0, 0, margins_mm=(0, 0, 0, 0), screen=True),
}
SCREEN_PROFILE = "office"  # the HTML twin's colours: the office profile's RGB, as a screen shows them
LARGE_PRINT_MIN_PT = 16
FORMAT_FOR_PAPER = {"a4": "a4", "letter": "letter"}  # a clinic's paper -> its default format


@dataclass(frozen=True)
class Output:
    """How one PDF is made: profile, format, and whether it is the large-print edition."""

    profile: Profile
    format: Format
    large_print: bool = False

    def suffix(self, default_format: str) -> str:
        """Non-default choices in the file name: `.press.trifold.large`, or empty (the HTML twin's
        extension says what it is)."""
        parts = [self.profile.name] if self.profile.name != "office" else []
        if self.format.name != default_format and not self.format.is_screen:
            parts.append(self.format.name)
        if self.large_print:
            parts.append("large")
        return "".join(f".{part}" for part in parts)

    @property
    def extension(self) -> str:
        return "html" if self.format.is_screen else "pdf"

    @property
    def tagged(self) -> bool:
        # Imposed tri-fold panels lose the structure tree, so only page formats are tagged.
        return (self.profile.tagged or self.large_print) and not self.format.is_trifold

    @property
    def margins_mm(self) -> tuple[float, float, float, float]:
        """Page margins; large print gets more room above and below for its 16 pt header and footer."""
        top, right, bottom, left = self.format.margins_mm
        return (top + 6, right, bottom + 4, left) if self.large_print else (top, right, bottom, left)

    @property
    def min_text_pt(self) -> float:
        return LARGE_PRINT_MIN_PT if self.large_print else self.profile.min_text_pt


def output_for(profile: str = "office", format_: str | None = None, large_print: bool = False,
               paper: str = "a4") -> Output:
    if profile not in PROFILES:
        raise BrochureError(f"unknown profile {profile!r} (known: {', '.join(PROFILES)})")
    name = format_ or FORMAT_FOR_PAPER[paper]
    if name not in FORMATS:
        raise BrochureError(f"unknown format {name!r} (known: {', '.join(FORMATS)})")
    if large_print and FORMATS[name].is_trifold:
        raise BrochureError("large print needs a page format, not a tri-fold")
    if large_print and FORMATS[name].is_screen:
        raise BrochureError("--large-print: the HTML twin has no large-print edition (a browser enlarges its text); "
                            "build --format html without --large-print")
    if FORMATS[name].is_screen and profile != SCREEN_PROFILE:
        raise BrochureError(f"the HTML twin is made for screens, in the {SCREEN_PROFILE} profile's colours, "
                            f"not {profile!r}")
    return Output(PROFILES[profile], FORMATS[name], large_print)
