"""The one answer to "which messages does this leaflet print?", without the command line."""
import pytest

from brochure_builder.clinics.clinic import clinic_ids, load_clinic
from brochure_builder.content.leaflet import load_leaflet
from brochure_builder.fonts import load_fonts
from brochure_builder.project import Project
from brochure_builder.render.clinic_details import messages_deciding_details
from brochure_builder.render.html import Templates, load_templates
from brochure_builder.render.usage import Recorder, Shape, deciding_details, every_shape, messages_used

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


# --- one render for every clinic with the same details --------------------------------------------

DETAILS = messages_deciding_details(TEMPLATES.sources)
CLINICS = [load_clinic(PROJECT, clinic_id)[0] for clinic_id in clinic_ids(PROJECT)]
SHAPES = ((False, False), (True, False), (False, True))  # page formats, tri-fold, large print


def test_on_the_demo_content_one_render_per_set_of_details_gives_every_clinics_own_set():
    assert DETAILS is not None and "out_of_hours" in DETAILS  # the shortcut is taken
    classes = {}
    for clinic in CLINICS:
        classes.setdefault(deciding_details(clinic, DETAILS), []).append(clinic)
    assert len(classes) == 2  # two demo clinics have an out-of-hours line, two do not
    recorder = Recorder(TEMPLATES)  # shared by every render, as a batch shares it
    for leaflet in (PEELS, load_leaflet(PROJECT, "mesotherapy-acne-scars")):
        for trifold, large_print in SHAPES:
            found = {}
            for key, alike in classes.items():
                shape = Shape(leaflet.id, alike[0].id, trifold, large_print)
                found[key] = recorder.messages_used(leaflet, alike[0], shape)
                for clinic in alike:  # the full render of every clinic gives the same set
                    assert messages_used(TEMPLATES, leaflet, clinic, Shape(leaflet.id, clinic.id, trifold,
                                                                           large_print)) == found[key]
            with_line, without = (found[key] for key in sorted(classes, key=lambda k: "out_of_hours" not in k))
            assert with_line - without == {"The clinic outside opening hours"}  # the clinic does change them


def test_a_template_that_reads_a_clinic_value_takes_no_shortcut():
    sources = dict(TEMPLATES.sources)
    sources["partials/contact.html"] += '{% if brand.id == "retiro-madrid" %}{{ _("Ask for Lucía") }}{% endif %}'
    assert messages_deciding_details(sources) is None
    templates = Templates(TEMPLATES.folder, sources, TEMPLATES.fonts)
    madrid, amman = (next(c for c in CLINICS if c.id == i) for i in ("retiro-madrid", "jabal-amman"))
    assert deciding_details(madrid, DETAILS) == deciding_details(amman, DETAILS)  # alike in their details
    assert deciding_details(madrid, None) is None  # so each is rendered on its own
    sets = {c.id: messages_used(templates, PEELS, c, Shape("chemical-peels", c.id)) for c in (madrid, amman)}
    assert sets["retiro-madrid"] - sets["jabal-amman"] == {"Ask for Lucía"}


@pytest.mark.parametrize("templates, expected", [
    ({"a": '{% if brand.phone %}{{ _("Phone") }}{% endif %}{% if brand.tagline %}{{ brand.tagline }}{% endif %}'},
     ("phone",)),
    ({"a": '{{ brand.email and _("Email") }}{{ _("Web") if brand.website else "" }}'}, ("email", "website")),
    ({"a": '{% if not brand %}{{ _("Unbranded") }}{% endif %}'}, ("",)),
    ({"a": '{% for line in brand.address %}{{ _("Line") }}{{ line }}{% endfor %}'}, ("address",)),
    ({"a": '{% if brand and (brand.emergency or brand.out_of_hours) and x == 1 %}{{ _("Call") }}{% endif %}'},
     ("", "emergency", "out_of_hours")),
    ({"a": '{{ _(brand.name) }}'}, None),
    ({"a": '{% if brand.phone.startswith("+30") %}{{ _("Greece") }}{% endif %}'}, None),
    ({"a": '{% if brand.phone is defined %}{{ _("Phone") }}{% endif %}'}, None),
    ({"a": '{% set p = brand.phone %}{% if p %}{{ _("Phone") }}{% endif %}'}, None),
    ({"a": '{% for line in brand.address %}{% if loop.length > 2 %}{{ _("Long") }}{% endif %}{% endfor %}'}, None),
    ({"a": '{% if date_locale == "en_GB" %}{{ _("UK") }}{% endif %}'}, None),
    ({"a": '{% include brand.id ~ ".html" %}'}, None),
    ({"a": '{% macro m(x) %}{% if x %}{{ _("M") }}{% endif %}{% endmacro %}{{ m(brand.phone) }}'}, None),
    ({"a": '{% set p = brand.phone %}{% include "b" %}', "b": '{% if p %}{{ _("Phone") }}{% endif %}'}, None),
    ({"a": '{% set brand = other %}{% if brand.x %}{{ _("X") }}{% endif %}'}, None),
    ({"a": '{% for name, value in inks.items() %}{{ name }}: {{ value }};{% endfor %}{{ _("Colours") }}'}, ()),
])
def test_the_details_that_decide_the_messages_are_read_from_the_templates(templates, expected):
    assert messages_deciding_details(templates) == expected
