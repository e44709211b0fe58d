"""The renderer may read files inside the project and data: URLs, nothing else."""
import os

import pytest

from brochure_builder.errors import BrochureError
from brochure_builder.pdf.renderer import html_to_pdf, project_fetcher
from brochure_builder.project import Project


@pytest.fixture
def fetcher(project_copy):
    return project_fetcher(Project(project_copy).files)


def refused(fetcher, url):
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(FatalURLFetchingError) as caught:
        fetcher.fetch(url)
    return str(caught.value)


def test_files_inside_the_root_and_data_urls_are_served(fetcher, project_copy):
    css = (project_copy / "templates" / "leaflet.css").as_uri()
    assert b"@page" in fetcher.fetch(css).read()
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"


@pytest.mark.parametrize("url", ["http://example.org/logo.png", "https://example.org/x.css", "ftp://x/y"])
def test_network_urls_are_refused(fetcher, url):
    assert "only files inside the project and data: URLs are allowed" in refused(fetcher, url)


def test_files_outside_the_root_are_refused(fetcher):
    assert "outside the project folder" in refused(fetcher, "file:///etc/passwd")


def test_dot_dot_escapes_are_refused(fetcher, project_copy):
    url = (project_copy / "templates").as_uri() + "/../../../../etc/hostname"
    assert "outside the project folder" in refused(fetcher, url)


def test_symlinks_pointing_out_are_refused(fetcher, project_copy, tmp_path):
    secret = tmp_path / "secret.css"
    secret.write_text("body { color: red }")
    os.symlink(secret, project_copy / "templates" / "link.css")
    assert "outside the project folder" in refused(fetcher, (project_copy / "templates" / "link.css").as_uri())


@pytest.mark.parametrize("html, expected", [
    ('<img src="http://127.0.0.1:9/pixel.png">', "refused to fetch 'http://127.0.0.1:9/pixel.png'"),
    ('<link rel="stylesheet" href="file:///etc/hostname">', "refused to read '/etc/hostname'"),
    # More '..' than any temporary folder is deep: above the file system's root they stay at '/'.
    ('<img src="' + "../" * 30 + 'etc/hostname">', "refused to read '/etc/hostname'"),
    ('<img src="missing.png">', "missing.png"),
])
def test_a_refused_resource_fails_the_build(project_copy, html, expected):
    with pytest.raises(BrochureError) as caught:
        html_to_pdf(f"<html><body>{html}</body></html>", Project(project_copy).files, project_copy / "templates",
                    name="demo.en")
    assert caught.value.lines()[0].startswith("demo.en: ")
    assert expected in caught.value.lines()[0]


def test_rendering_warnings_are_errors(project_copy):
    with pytest.raises(BrochureError) as caught:
        html_to_pdf("<style>p { colour: red; }</style><p>x</p>", Project(project_copy).files, project_copy,
                    name="demo.en")
    assert "renderer:" in caught.value.lines()[0]
