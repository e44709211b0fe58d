"""The catalog template: what is extracted, with which comments, and stability."""
import shutil
import subprocess

import pytest
from babel.messages.pofile import read_po

from brochure_builder.project import Project

from ..conftest import REPO, run_cli


@pytest.fixture
def pot(project_copy):
    code, out, _ = run_cli("extract", "--root", str(project_copy))
    assert code == 0
    path = project_copy / "locales" / "brochures.pot"
    with path.open("rb") as handle:
        return path, read_po(handle)


def test_leaflet_text_has_reference_note_and_place(pot):
    _, catalog = pot
    message = catalog["PRP (platelet-rich plasma)"]
    assert message.locations == [("brochures/mesotherapy-acne-scars.yaml", message.locations[0][1])]
    lines = (REPO / "brochures" / "mesotherapy-acne-scars.yaml").read_text().splitlines()
    assert "PRP (platelet-rich plasma)" in lines[message.locations[0][1] - 1]
    assert any("platelet" in c.lower() or "blood" in c.lower() for c in message.auto_comments[:-1])
    assert message.auto_comments[-1] == "mesotherapy-acne-scars: sections[2].items[2].term"


def test_shared_text_lists_every_place(pot):
    _, catalog = pot
    message = catalog["Information for patients"]
    assert [path for path, _ in message.locations] == [
        "brochures/chemical-peels.yaml", "brochures/mesotherapy-acne-scars.yaml"]
    assert message.auto_comments == ["chemical-peels: subtitle", "mesotherapy-acne-scars: subtitle"]


def test_template_strings_are_extracted(pot):
    _, catalog = pot
    for msgid in ("Frequently asked questions", "Page %(page)s of %(pages)s",
                  "Version %(version)s", "Next review due"):
        message = catalog[msgid]
        assert message is not None, msgid
        assert message.locations[0][0].startswith("templates/")


def test_every_leaflet_text_is_in_the_template(pot):
    _, catalog = pot
    from brochure_builder.content.leaflet import iter_texts, load_leaflet

    project = Project.at(REPO)
    for brochure_id in project.brochure_ids():
        for _, text in iter_texts(load_leaflet(project, brochure_id)):
            assert catalog[text.text] is not None, text.text


def test_extract_is_stable(pot, project_copy):
    path, _ = pot
    before = path.read_bytes()
    code, out, _ = run_cli("extract", "--root", str(project_copy))
    assert (code, out) == (0, "unchanged locales/brochures.pot\n")
    assert path.read_bytes() == before


def test_output_is_in_reading_order_of_files(pot):
    _, catalog = pot
    locations = [m.locations[0] for m in catalog if m.id]
    assert locations == sorted(locations, key=lambda loc: (loc[0], loc[1]))


def test_a_broken_template_is_reported_not_skipped(project_copy):
    (project_copy / "templates" / "broken.html").write_text("{{ _('x') }}\n{% if %}\n")
    code, out, err = run_cli("extract", "--root", str(project_copy))
    assert code == 2
    assert err.startswith("error: templates/broken.html:2: template syntax error: ")


def test_an_invalid_leaflet_stops_extraction_with_its_problems(project_copy):
    (project_copy / "brochures" / "bad.yaml").write_text("id: bad\n")
    code, out, err = run_cli("extract", "--root", str(project_copy))
    assert code == 2
    assert "error: brochures/bad.yaml: version: field required" in err.splitlines()
    assert not (project_copy / "locales" / "brochures.pot").read_text().count("bad.yaml")


@pytest.mark.skipif(not shutil.which("msgcat"), reason="GNU gettext not installed")
def test_gnu_msgcat_leaves_the_template_unchanged(pot, tmp_path):
    path, _ = pot
    subprocess.run(["msgcat", str(path), "-o", str(tmp_path / "round.pot")], check=True)
    assert (tmp_path / "round.pot").read_bytes() == path.read_bytes()
