"""A small PDF content-stream interpreter for preflight.

It follows the graphics state (CTM, q/Q, colour spaces, text matrix) through
page content and Form XObjects, and records what preflight needs: painting
done in a non-CMYK colour space, the smallest text size, where text starts,
fonts without an embedded program, and the resolution of placed images.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

FILL_PAINT = {"f", "F", "f*", "B", "B*", "b", "b*"}
STROKE_PAINT = {"S", "s", "B", "B*", "b", "b*"}
TEXT_SHOW = {"Tj", "TJ", "'", '"'}
DEVICE_SPACES = {"/DeviceRGB": "RGB", "/DeviceCMYK": "CMYK", "/DeviceGray": "Gray",
                 "/CalRGB": "RGB", "/Lab": "Lab", "/Pattern": "Pattern"}


@dataclass
class PageScan:
    non_cmyk: set[tuple[str, str]] = field(default_factory=set)  # (what, colour space)
    min_text_pt: float | None = None
    text_origins: list[tuple[float, float]] = field(default_factory=list)
    unembedded_fonts: set[str] = field(default_factory=set)
    image_dpi: dict[str, float] = field(default_factory=dict)


def _multiply(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


@dataclass
class _State:
    ctm: list = field(default_factory=lambda: [1, 0, 0, 1, 0, 0])
    fill: str = "Gray"  # PDF's initial colour space
    stroke: str = "Gray"
    font_size: float = 0
    text_matrix: list = field(default_factory=lambda: [1, 0, 0, 1, 0, 0])

    def copy(self) -> "_State":
        return _State(list(self.ctm), self.fill, self.stroke, self.font_size, list(self.text_matrix))


def scan_page(page) -> PageScan:
    scan = PageScan()
    _scan_stream(page.get_contents(), page.get("/Resources") or {}, _State(), scan, page.pdf, depth=0)
    return scan


def _space_name(name, resources) -> str:
    if name in DEVICE_SPACES:
        return DEVICE_SPACES[name]
    space = (resources.get("/ColorSpace") or {}).get(name)
    space = space.get_object() if space is not None else None
    if isinstance(space, list) and space:
        family = space[0]
        if family == "/ICCBased":
            components = space[1].get_object().get("/N", 3)
            return {1: "Gray", 3: "RGB", 4: "CMYK"}.get(int(components), "ICC")
        if family in ("/Separation", "/DeviceN"):
            return "Spot"
        return DEVICE_SPACES.get(family, str(family))
    return str(name)


def _scan_stream(contents, resources, state: _State, scan: PageScan, pdf, depth: int) -> None:
    from pypdf.generic import ContentStream  # noqa: PLC0415

    if contents is None or depth > 8:
        return
    resources = resources.get_object() if hasattr(resources, "get_object") else resources
    stack: list[_State] = []
    for operands, operator in ContentStream(contents, pdf).operations:
        op = operator.decode("latin-1") if isinstance(operator, bytes) else operator
        if op == "q":
            stack.append(state.copy())
        elif op == "Q" and stack:
            state = stack.pop()
        elif op == "cm":
            state.ctm = _multiply([float(v) for v in operands], state.ctm)
        elif op in ("rg", "RG", "k", "K", "g", "G"):
            space = {"rg": "RGB", "k": "CMYK", "g": "Gray"}[op.lower()]
            if op.islower():
                state.fill = space
            else:
                state.stroke = space
        elif op in ("cs", "CS"):
            space = _space_name(operands[0], resources)
            if op == "cs":
                state.fill = space
            else:
                state.stroke = space
        elif op in FILL_PAINT or op in STROKE_PAINT:
            _paint(scan, op, state)
        elif op == "BT":
            state.text_matrix = [1, 0, 0, 1, 0, 0]
        elif op == "Tf":
            state.font_size = float(operands[1])
            _check_font(operands[0], resources, scan)
        elif op == "Tm":
            state.text_matrix = [float(v) for v in operands]
        elif op == "Td" or op == "TD":
            state.text_matrix = _multiply([1, 0, 0, 1, float(operands[0]), float(operands[1])], state.text_matrix)
        elif op in TEXT_SHOW and _shows_text(operands):
            _text(scan, state)
        elif op == "Do":
            _do(operands[0], resources, state, scan, pdf, depth)


def _paint(scan: PageScan, op: str, state: _State) -> None:
    if op in FILL_PAINT and state.fill not in ("CMYK", "Gray", "Spot", "Pattern"):
        scan.non_cmyk.add(("shapes", state.fill))
    if op in STROKE_PAINT and state.stroke not in ("CMYK", "Gray", "Spot", "Pattern"):
        scan.non_cmyk.add(("lines", state.stroke))


def _shows_text(operands) -> bool:
    for operand in operands:
        if isinstance(operand, (bytes, str)) and len(operand):
            return True
        if isinstance(operand, list) and any(isinstance(part, (bytes, str)) and len(part) for part in operand):
            return True
    return False


def _text(scan: PageScan, state: _State) -> None:
    matrix = _multiply(state.text_matrix, state.ctm)
    size = state.font_size * math.sqrt(abs(matrix[0] * matrix[3] - matrix[1] * matrix[2]))
    scan.min_text_pt = size if scan.min_text_pt is None else min(scan.min_text_pt, size)
    scan.text_origins.append((matrix[4], matrix[5]))
    if state.fill not in ("CMYK", "Gray", "Spot"):
        scan.non_cmyk.add(("text", state.fill))


def _check_font(name, resources, scan: PageScan) -> None:
    font = (resources.get("/Font") or {}).get(name)
    if font is None:
        return
    font = font.get_object()
    described = font
    if "/DescendantFonts" in font:
        described = font["/DescendantFonts"][0].get_object()
    descriptor = described.get("/FontDescriptor")
    descriptor = descriptor.get_object() if descriptor is not None else {}
    embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
    if not embedded and font.get("/Subtype") != "/Type3":  # Type 3 glyphs are drawn in the file itself
        scan.unembedded_fonts.add(str(font.get("/BaseFont", name)))


def _image_space(image, resources) -> str:
    space = image.get("/ColorSpace")
    if space is None or image.get("/ImageMask"):
        return "Gray"  # a stencil mask paints in the current fill colour
    if isinstance(space, str):
        return _space_name(space, resources)
    space = space.get_object()
    if isinstance(space, list) and space and space[0] == "/ICCBased":
        return {1: "Gray", 3: "RGB", 4: "CMYK"}.get(int(space[1].get_object().get("/N", 3)), "ICC")
    return _space_name(space[0] if isinstance(space, list) else space, resources)


def _do(name, resources, state: _State, scan: PageScan, pdf, depth: int) -> None:
    xobject = (resources.get("/XObject") or {}).get(name)
    if xobject is None:
        return
    xobject = xobject.get_object()
    if xobject.get("/Subtype") == "/Image":
        placed_width = math.hypot(state.ctm[0], state.ctm[1])
        if placed_width > 0:
            dpi = float(xobject.get("/Width", 0)) / (placed_width / 72)
            scan.image_dpi[str(name)] = min(dpi, scan.image_dpi.get(str(name), dpi))
        space_name = _image_space(xobject, resources)
        if space_name not in ("CMYK", "Gray"):
            scan.non_cmyk.add(("image " + str(name), space_name))
    elif xobject.get("/Subtype") == "/Form":
        inner = state.copy()
        matrix = [float(v) for v in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
        inner.ctm = _multiply(matrix, state.ctm)
        _scan_stream(xobject, xobject.get("/Resources") or resources, inner, scan, pdf, depth + 1)
