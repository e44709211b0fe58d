"""HTML -> PDF bytes with WeasyPrint, sandboxed to the project folder.

The only module that imports WeasyPrint. Resources may come from `data:`
URLs or from files inside the project root; anything else (the network, a
file elsewhere, a `..` escape, a symlink out) stops the render.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import EXIT_FAILED, BrochureError, Problem

# Messages that describe the machine, not the document (the set-up reports them).
_ENVIRONMENT_WARNINGS = ("HarfBuzz-Subset",)


def _weasyprint():
    import weasyprint  # noqa: PLC0415 - heavy import, only when rendering

    return weasyprint


def project_fetcher(root: Path):
    """A URL fetcher that only serves `data:` and files below `root`."""
    weasyprint = _weasyprint()
    from weasyprint.urls import FatalURLFetchingError, URLFetcher  # noqa: PLC0415

    class Refused(FatalURLFetchingError):
        pass

    class ProjectFetcher(URLFetcher):
        def __init__(self) -> None:
            super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=True)
            self.root = root.resolve()

        def fetch(self, url: str, headers=None):
            self.check(url)
            return super().fetch(url, headers)

        def check(self, url: str) -> None:
            scheme = url.split(":", 1)[0].lower() if ":" in url else ""
            if scheme == "data":
                return
            if scheme != "file":
                raise Refused(f"refused to fetch {url!r}: only files inside the project and data: URLs are allowed")
            target = Path(unquote(urlsplit(url).path)).resolve()
            if not target.is_relative_to(self.root):
                raise Refused(f"refused to read {str(target)!r}: outside the project folder {str(self.root)!r}")

    del weasyprint
    return ProjectFetcher()


@lru_cache(maxsize=1)
def _font_config():
    # One per process: @font-face rules it has already loaded are not loaded again.
    from weasyprint.text.fonts import FontConfiguration  # noqa: PLC0415

    return FontConfiguration()


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if not any(known in message for known in _ENVIRONMENT_WARNINGS):
            self.messages.append(message)


def html_to_pdf(html: str, root: Path, base_dir: Path, *, name: str, **options) -> bytes:
    """Render; any WeasyPrint warning or refused resource fails with `name` in the message."""
    weasyprint = _weasyprint()
    from weasyprint.urls import FatalURLFetchingError  # noqa: PLC0415

    collector = _Collect()
    logger = logging.getLogger("weasyprint")
    logger.addHandler(collector)
    try:
        document = weasyprint.HTML(string=html, base_url=base_dir.resolve().as_uri() + "/",
                                   url_fetcher=project_fetcher(root))
        pdf = document.write_pdf(font_config=_font_config(), custom_metadata=True, **options)
    except FatalURLFetchingError as error:
        message = f"{error}: {error.__cause__}" if error.__cause__ is not None else str(error)
        raise BrochureError(Problem(name, message), exit_code=EXIT_FAILED) from None
    finally:
        logger.removeHandler(collector)
    if collector.messages:
        raise BrochureError([Problem(name, f"renderer: {m}") for m in collector.messages], exit_code=EXIT_FAILED)
    return pdf
