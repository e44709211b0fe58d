"""Read the staff index (`out/index.html`) the way a browser builds it, with the standard library's parser."""
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path


@dataclass
class IndexRow:
    section: str  # "ready" or "not-ready"
    clinic: str  # the heading above its table
    clinic_attrs: dict[str, str]  # of the element that holds the clinic's name
    cells: dict[str, str]  # column header -> text
    href: str
    title_attrs: dict[str, str]  # of the element that holds the title (its language and direction)


@dataclass
class Index:
    html_attrs: dict[str, str] = field(default_factory=dict)
    rows: list[IndexRow] = field(default_factory=list)
    columns: list[list[tuple[str, str]]] = field(default_factory=list)  # per table: (col class, header)
    summary: str = ""

    def in_section(self, section: str) -> list[IndexRow]:
        return [row for row in self.rows if row.section == section]


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.index = Index()
        self.section, self.clinic, self.in_h3, self.cell, self.row = "", "", False, None, None
        self.cols, self.headers, self.in_th, self.in_p, self.title_attrs, self.href = [], [], False, False, {}, ""
        self.clinic_attrs = {}

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.index.html_attrs = attrs
        elif tag == "section":
            self.section = attrs.get("id", "")
        elif tag == "h3":
            self.in_h3, self.clinic = True, ""
        elif tag == "table":
            self.cols, self.headers = [], []
        elif tag == "col":
            self.cols.append(attrs.get("class", ""))
        elif tag == "th":
            self.in_th = True
            self.headers.append("")
        elif tag == "tr":
            self.row = []
        elif tag == "td":
            self.cell = ""
        elif tag == "a":
            self.href = attrs.get("href", "")
        elif tag == "bdi" and self.in_h3:
            self.clinic_attrs = attrs
        elif tag == "bdi":
            self.title_attrs = attrs
        elif tag == "p" and not self.index.summary:
            self.in_p = True

    def handle_endtag(self, tag):
        if tag == "h3":
            self.in_h3 = False
        elif tag == "th":
            self.in_th = False
        elif tag == "thead":
            self.index.columns.append(list(zip(self.cols, self.headers, strict=True)))
        elif tag == "td":
            self.row.append(self.cell.strip())
            self.cell = None
        elif tag == "tr" and self.row:
            cells = dict(zip(self.headers, self.row, strict=True))
            self.index.rows.append(IndexRow(self.section, self.clinic, self.clinic_attrs, cells, self.href,
                                            self.title_attrs))
            self.row = None
        elif tag == "p":
            self.in_p = False

    def handle_data(self, data):
        if self.in_h3:
            self.clinic += data.strip()
        elif self.in_th:
            self.headers[-1] += data.strip()
        elif self.cell is not None:
            self.cell += data
        elif self.in_p:
            self.index.summary += data


def read_index(folder: Path) -> Index:
    reader = _Reader()
    reader.feed((folder / "index.html").read_text(encoding="utf-8"))
    return reader.index
