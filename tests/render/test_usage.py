"""The one answer to "which messages does this leaflet print?", without the command line."""
from brochure_builder.clinics.clinic import load_clinic
from brochure_builder.content.leaflet import load_leaflet
from brochure_builder.fonts import load_fonts
from brochure_builder.project import Project
from brochure_builder.render.html import load_templates
from brochure_builder.render.usage import Shape, every_shape, messages_used

from ..conftest import REPO

PROJECT = Project.at(REPO)
TEMPLATES = load_templates(PROJECT, load_fonts(PROJECT.files))
PEELS = load_leaflet(PROJECT, "chemical-peels")
CLINIC = load_clinic(PROJECT, "retiro-madrid")[0]


def used(clinic=None, trifold=False, large_print=False, leaflet=PEELS):
    shape = Shape("chemical-peels", clinic.id if clinic else None, trifold, large_print)
    return messages_used(TEMPLATES, leaflet, clinic, shape)


def test_the_leaflet_texts_and_the_template_strings_it_asks_for():
    messages = used(CLINIC)
    assert PEELS.title.text in messages and "Types of peel" in messages
    assert {"Leaflet", "Version", "Contact us", "Phone", "Page %(page)s of %(pages)s"} <= messages


def test_each_choice_of_the_shape_changes_the_set_the_way_the_template_does():
    branded, unbranded = used(CLINIC), used()
    assert "Contact us" in branded and "Contact us" not in unbranded
    assert "Version %(version)s" in branded
    assert "Version %(version)s" not in used(CLINIC, large_print=True)  # no running line
    # Every text of the leaflet is translated (and so looked up), even in sections a tri-fold never
    # prints (trifold: false); the template strings of those sections are not asked for. Sections the
    # panels may lack room for are asked for whole: the set cannot depend on how the text falls.
    trifold = used(CLINIC, trifold=True)
    assert {value.text for section in PEELS.sections for value in [section.heading] if value} <= trifold
    assert "Frequently asked questions" in trifold and "Continued on the fold-in panel" in trifold
    never = PEELS.model_copy(update={"sections": [s.model_copy(update={"trifold": None}) if s.kind == "faq" else s
                                                  for s in PEELS.sections]})
    assert "Frequently asked questions" not in used(CLINIC, trifold=True, leaflet=never)
    assert "Frequently asked questions" in branded


def test_every_shape_a_build_can_print():
    shapes = every_shape("chemical-peels", [None, "retiro-madrid"])
    assert len(shapes) == 6 and not any(shape.trifold and shape.large_print for shape in shapes)
