"""A language as a build reads it, without the command line: what it refuses, and the revision it prints."""
import pytest

from brochure_builder.catalogs.language import Gaps, load_language
from brochure_builder.fonts import load_fonts
from brochure_builder.project import Project

from ..catalog_edit import set_translation
from ..conftest import REPO


def language(root, lang):
    project = Project.at(root)
    return load_language(project, lang, load_fonts(project.files))


def test_a_complete_catalog_has_no_gaps_and_a_revision_per_set_of_messages():
    greek = language(REPO, "el")
    assert greek.broken == {}
    assert greek.gaps({"Leaflet", "Version"}) == Gaps()
    assert greek.revision({"Leaflet"}) != greek.revision({"Version"})
    assert greek.revision({"Leaflet", "Version"}) == greek.revision(["Version", "Leaflet"])
    assert language(REPO, "en").revision({"Leaflet"}) == "source text"


def test_broken_translations_are_found_when_the_catalog_is_loaded(project_copy):
    set_translation(project_copy, "el", "Leaflet", "Φυλλάδιο %(oops)s")
    greek = language(project_copy, "el")
    assert list(greek.broken) == ["Leaflet"]
    assert greek.gaps({"Version"}) == Gaps()  # a leaflet that does not print it is not held back
    gaps = greek.gaps({"Leaflet", "Version"})
    assert gaps.broken and "placeholder %(oops)s is not in the source" in gaps.broken[0]
    assert "Φυλλάδιο" not in greek.translator().gettext("Leaflet")  # never printed


@pytest.mark.parametrize("fuzzy, expected", [(True, Gaps(fuzzy=1)), (False, Gaps(untranslated=1))])
def test_fuzzy_and_untranslated_messages_count_only_where_used(project_copy, fuzzy, expected):
    set_translation(project_copy, "el", "Version", "Έκδοση" if fuzzy else "", fuzzy=fuzzy)
    greek = language(project_copy, "el")
    assert greek.gaps({"Version"}) == expected and greek.gaps({"Version"}).incomplete
    assert greek.gaps({"Leaflet"}) == Gaps()
