"""The pipeline of one job, without the command line: one set of messages, one render, one revision."""
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from brochure_builder import pipeline
from brochure_builder.batch.plan import Variants
from brochure_builder.batch.run import Request, prepare
from brochure_builder.errors import BrochureError
from brochure_builder.pipeline import Options, Refused, leaflet_pdf, planned_messages
from brochure_builder.project import Project

from .catalog_edit import refusal, set_translation
from .conftest import REPO

TODAY = Options(today=dt.date(2026, 11, 29))


@pytest.fixture(scope="module")
def greek(tmp_path_factory):
    """The jobs of one clinic in Greek and English: every profile and format, with their planned messages."""
    request = Request(clinics=("lykavittos-athens",), brochures=("chemical-peels",),
                      variants=Variants(("office", "press"), ("a4", "trifold")),
                      out_dir=tmp_path_factory.mktemp("out"), options=TODAY)
    prepared = prepare(Project.at(REPO), request)
    prepared.inputs.check_translations(prepared.inputs.languages)  # as a run does for what it renders
    return prepared


def job_named(prepared, name):
    return next(job for job in prepared.jobs if job.name == name)


def test_each_job_is_rendered_once_with_the_messages_planned_for_it(greek, monkeypatch):
    renders = []
    real = pipeline.render_html

    def counting(templates, leaflet, translator, look=None):
        html = real(templates, leaflet, translator, look)
        renders.append(set(translator.used))
        return html

    monkeypatch.setattr(pipeline, "render_html", counting)
    job = job_named(greek, "lykavittos-athens/chemical-peels.el.press")
    pdf = leaflet_pdf(greek.inputs, job, greek.used[job.path], TODAY)
    assert len(renders) == 1
    assert renders[0] == greek.used[job.path] == planned_messages(greek.inputs, job.shape)
    assert PdfReader(io.BytesIO(pdf)).pages[0].extract_text()


def test_the_revision_in_the_pdf_and_the_hash_that_skips_it_come_from_the_same_set(greek):
    language = greek.inputs.languages["el"]
    for job in greek.jobs:
        if job.lang != "el" or job.output.format.is_trifold:
            continue
        used = greek.used[job.path]
        pdf = leaflet_pdf(greek.inputs, job, used, TODAY)
        printed = PdfReader(io.BytesIO(pdf)).metadata["/catalogrevision"]
        assert printed == language.revision(used) == greek.parts[job.path]["catalog"]


def test_the_set_depends_on_shape_not_on_language_profile_or_paper(greek):
    shapes = {}
    for job in greek.jobs:
        shapes.setdefault(job.shape, set()).add(greek.used[job.path])
    assert all(len(sets) == 1 for sets in shapes.values())  # one set per shape, whatever the language or profile
    page, trifold = (next(s for s in shapes if s.trifold is t) for t in (False, True))
    assert shapes[trifold] != shapes[page]  # the sections a tri-fold leaves out ask for no template string


@pytest.mark.parametrize("change", ["drop", "add"])
def test_a_stale_set_fails_loudly_instead_of_printing_a_wrong_revision(greek, change):
    job = job_named(greek, "lykavittos-athens/chemical-peels.el")
    used = greek.used[job.path]
    other = next(m.id for m in greek.inputs.languages["el"].catalog if m.id and m.id not in used)  # translated
    stale = used - {sorted(used)[0]} if change == "drop" else used | {other}
    with pytest.raises(BrochureError) as caught:
        leaflet_pdf(greek.inputs, job, frozenset(stale), TODAY)
    assert caught.value.lines()[0].startswith("lykavittos-athens/chemical-peels.el: internal error: the render "
                                              "looked up messages other than the ")


def test_the_gate_looks_only_at_the_messages_the_job_uses(project_copy, tmp_path):
    # A fuzzy message the leaflet does not print refuses nothing; one it prints refuses it.
    set_translation(project_copy, "el", "Types of peel", "Τύποι", fuzzy=True)
    prepared = prepare(Project.at(project_copy), Request(clinics=("lykavittos-athens",), langs=("el",),
                                                         out_dir=tmp_path / "out", options=TODAY))
    prepared.inputs.check_translations(["el"])
    peels = job_named(prepared, "lykavittos-athens/chemical-peels.el")
    meso = job_named(prepared, "lykavittos-athens/mesotherapy-acne-scars.el")
    assert "Types of peel" in prepared.used[peels.path] and "Types of peel" not in prepared.used[meso.path]
    with pytest.raises(Refused) as caught:
        leaflet_pdf(prepared.inputs, peels, prepared.used[peels.path], TODAY)
    assert caught.value.lines() == [refusal("el", "chemical-peels", "0 untranslated, 1 fuzzy")]
    assert leaflet_pdf(prepared.inputs, meso, prepared.used[meso.path], TODAY).startswith(b"%PDF")
