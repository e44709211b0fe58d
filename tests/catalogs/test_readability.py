"""Readability: counting, each language's formula, the limits file, and what `check` makes of them."""
import re

import pytest

from brochure_builder.catalogs.readability import (
    Limit,
    count,
    count_syllables,
    formula_for,
    limit_for,
    load_limits,
    printed_text,
    score,
    split_sentences,
)
from brochure_builder.content.leaflet import validate_leaflet
from brochure_builder.errors import BrochureError
from brochure_builder.project import Project

from ..conftest import REPO, run_cli

# --- each formula, on a text counted by hand -----------------------------------

def test_flesch_kincaid_for_english():
    # Your(1) prac-ti-tion-er(4) will(1) paint(1) the(1) peel(1) on(1) your(1) skin(1).
    # Pro-tect(2) it(1) with(1) sun-screen(2).
    # 13 words, 2 sentences, 18 syllables: 0.39 × 13/2 + 11.8 × 18/13 − 15.59 = 2.535 + 16.33846 − 15.59
    text = "Your practitioner will paint the peel on your skin. Protect it with sunscreen."
    name, value = score(text, "en")
    assert name == "Flesch–Kincaid grade"
    assert value == pytest.approx(3.28346, abs=1e-5)


def test_fernandez_huerta_for_spanish():
    # La(1) piel(1) se(1) cu-ra(2). Pon-ga(2) cre-ma(2) to-das(2) las(1) no-ches(2).
    # 9 words, 2 sentences, 14 syllables: P = 1400/9 = 155.556, F = 200/9 = 22.222;
    # 206.84 − 0.60 × 155.556 − 1.02 × 22.222 = 206.84 − 93.333 − 22.667
    name, value = score("La piel se cura. Ponga crema todas las noches.", "es")
    assert name == "Fernández-Huerta"
    assert value == pytest.approx(90.84, abs=1e-9)


def test_kandel_moles_for_french():
    # La(1) peau(1) gué-rit(2) vite(1). Met-tez(2) de(1) la(1) crème(1).
    # 8 words, 2 sentences, 10 syllables: 207 − 1.015 × 8/2 − 73.6 × 10/8 = 207 − 4.06 − 92
    name, value = score("La peau guérit vite. Mettez de la crème.", "fr")
    assert name == "Kandel–Moles"
    assert value == pytest.approx(110.94, abs=1e-9)


def test_amstad_for_german():
    # Die(1) Haut(1) heilt(1) schnell(1). Tra-gen(2) Sie(1) Son-nen-schutz(3).
    # 7 words, 2 sentences, 10 syllables: 180 − 7/2 − 58.5 × 10/7 = 180 − 3.5 − 83.57143
    name, value = score("Die Haut heilt schnell. Tragen Sie Sonnenschutz.", "de")
    assert name == "Amstad"
    assert value == pytest.approx(92.92857, abs=1e-5)


def test_lix_for_greek():
    # Φοράτε(6 letters) αντηλιακό(9); Το(2) δέρμα(5) θεραπεύεται(11) γρήγορα(7).
    # The Greek question mark ends the first sentence. 6 words, 2 sentences, 3 words of more
    # than 6 letters: 6/2 + 100 × 3/6 = 3 + 50
    name, value = score("Φοράτε αντηλιακό; Το δέρμα θεραπεύεται γρήγορα.", "el")
    assert name == "LIX"
    assert value == pytest.approx(53.0, abs=1e-9)


def test_lix_for_arabic():
    # استخدمي(7 letters) المستحضرات(10) بلطف(4). هل(2) تشعرين(6) بالحكة(6)؟
    # 6 words, 2 sentences, 2 words of more than 6 letters: 6/2 + 100 × 2/6 = 3 + 33.333
    name, value = score("استخدمي المستحضرات بلطف. هل تشعرين بالحكة؟", "ar")
    assert name == "LIX"
    assert value == pytest.approx(36.33333, abs=1e-5)


def test_every_other_language_is_scored_with_lix_and_regional_variants_with_their_language():
    assert formula_for("pt_BR").name == formula_for("nl").name == "LIX"
    assert formula_for("es_MX").name == "Fernández-Huerta"
    assert formula_for("de_AT").name == "Amstad"


def test_a_text_without_words_has_no_score():
    assert score(" … ", "en") == ("Flesch–Kincaid grade", None)


# --- counting ----------------------------------------------------------------

@pytest.mark.parametrize("lang, words", [
    ("en", {"skin": 1, "treatment": 2, "sunscreen": 2, "practitioner": 4}),
    ("es", {"piel": 1, "química": 3, "tratamiento": 4}),
    ("fr", {"peau": 1, "traitement": 3, "cicatrices": 3}),
    ("de", {"Haut": 1, "Behandlung": 3, "Sonnenschutz": 3}),
    ("el", {"ακμή": 2, "δέρμα": 2, "χημική": 3}),
    ("en", {"follow-up": 3}),  # fol-low + up: each part of a hyphenated word
])
def test_syllables_are_hyphenation_points_plus_one(lang, words):
    assert {word: count_syllables(word, lang) for word in words} == words


def test_sentences_end_at_each_line_and_at_the_scripts_own_marks():
    assert split_sentences("Use sunscreen\nAvoid the sun", "en") == ["Use sunscreen", "Avoid the sun"]  # bullets
    assert len(split_sentences("Wait 1.5 hours. See example.org today! Why?", "en")) == 3
    assert len(split_sentences("هل تشعرين بالحكة؟ اتصلي بنا.", "ar")) == 2
    assert len(split_sentences("Πονάει; Καλέστε μας.", "el")) == 2
    assert len(split_sentences("Rest; then walk.", "en")) == 1  # a semicolon ends a sentence only in Greek


def test_words_keep_their_apostrophes_hyphens_and_decimals():
    counts = count("Don't peel alpha-hydroxy skin for 1.5 days", "en")
    assert (counts.words, counts.sentences, counts.long_words) == (7, 1, 1)  # long: alphahydroxy


def test_the_printed_text_is_plain_and_leaves_out_what_is_not_translated():
    leaflet = validate_leaflet({
        "id": "demo", "version": "1", "reviewed": "2026-01-01", "review_due": "2027-01-01",
        "title": "Peels", "lead": "Use **SPF 30** every day.",
        "sections": [{"kind": "bullets", "heading": "Aftercare", "items": ["Rest", "Drink *water*"]},
                     {"kind": "text", "role": "on-the-day", "heading": "Day", "items": ["Come."]},
                     {"kind": "text", "role": "risks", "heading": "Risks", "items": ["Few."]},
                     {"kind": "text", "role": "alternatives", "heading": "Options", "items": ["None."]}],
        "production": {"written_by": "Team", "clinical_review": "Dr A", "sources": "Guidance."},
    }, "demo.yaml")
    translations = {"Peels": "Peelings", "Use **SPF 30** every day.": "Nehmen Sie **SPF 30** täglich.",
                    "Drink *water*": "Trinken Sie *Wasser*"}
    rest = "\nDay\nCome.\nRisks\nFew.\nOptions\nNone.\nTeam\nDr A\nGuidance."
    assert printed_text(leaflet, lambda msgid: msgid) == \
        "Peels\nUse SPF 30 every day.\nAftercare\nRest\nDrink water" + rest
    assert printed_text(leaflet, translations.get) == "Peelings\nNehmen Sie SPF 30 täglich.\nTrinken Sie Wasser"


# --- limits ------------------------------------------------------------------

def test_without_a_limits_file_each_formula_keeps_its_default(project_copy):
    limits = load_limits(Project.at(project_copy))
    assert limits == {}
    assert {lang: limit_for(limits, lang) for lang in ("en", "es", "fr", "de", "el", "ar", "pt_BR")} == {
        "en": Limit(8, "default"), "es": Limit(60, "default"), "fr": Limit(60, "default"),
        "de": Limit(50, "default"), "el": Limit(40, "default"), "ar": Limit(40, "default"),
        "pt_BR": Limit(40, "default")}


def test_the_shipped_limits_file_writes_out_the_defaults():
    limits = load_limits(Project.at(REPO))
    assert {lang: limit.value for lang, limit in limits.items()} == {
        lang: formula_for(lang).default for lang in ("en", "es", "fr", "de", "el", "ar")}


def test_the_limits_file_overrides_a_default(project_copy):
    (project_copy / "readability.yaml").write_text("# plain Spanish\nes: {min: 55}\nen: {max: 7.5}\n")
    limits = load_limits(Project.at(project_copy))
    assert limit_for(limits, "es_MX") == Limit(55, "readability.yaml")
    assert limit_for(limits, "en") == Limit(7.5, "readability.yaml")
    assert limit_for(limits, "fr") == Limit(60, "default")


@pytest.mark.parametrize("text, problem", [
    ("xx: {max: 3}\n", "readability.yaml:1: xx: unknown language code 'xx'"),
    ("en: {max: 8}\nes: {max: 60}\n",
     "readability.yaml:2: es: Fernández-Huerta: higher is easier, so the limit is a min, not a max"),
    ("de: {min: viel}\n", "readability.yaml:1: de: min: not a number: 'viel'"),
    ("fr: 60\n", "readability.yaml:1: fr: must be {min: NUMBER} (Kandel–Moles: higher is easier), not 60"),
    ("- en\n", "readability.yaml: must be a mapping of language codes to {max: N} or {min: N}"),
])
def test_an_invalid_limits_file_is_one_line_per_problem(project_copy, text, problem):
    (project_copy / "readability.yaml").write_text(text)
    with pytest.raises(BrochureError) as caught:
        load_limits(Project.at(project_copy))
    assert caught.value.lines() == [problem]
    code, _, err = run_cli("check", "--root", str(project_copy))
    assert code == 1 and f"error: {problem}" in err.splitlines()


# --- check ---------------------------------------------------------------------

LONG = ("Because the practitioner applies a concentrated chemical solution that gradually penetrates "
        "the superficial epidermal layers, considerable inflammation, persistent discolouration, "
        "temporary sensitivity and occasional irritation are anticipated consequences, particularly "
        "following intermediate or deeper applications administered consecutively without "
        "appropriate preparation, protective moisturisation or sufficient recuperation intervals")


def write_long_leaflet(root):
    """A leaflet of one very long English sentence; nothing of it is translated."""
    (root / "brochures" / "long-sentence.yaml").write_text(
        "id: long-sentence\nversion: '1.0'\nreviewed: 2026-01-01\nreview_due: 2028-01-01\n"
        f"title: Readability test\nlead: {LONG}.\n"
        "production: {written_by: A test., clinical_review: A test., sources: A test.}\n"
        "sections:\n  - kind: text\n    role: on-the-day\n    heading: Test\n    items:\n      - A test.\n"
        "  - kind: text\n    role: risks\n    heading: Test\n    items:\n      - A test.\n"
        "  - kind: text\n    role: alternatives\n    heading: Test\n    items:\n      - A test.\n")


WARNING = re.compile(r"brochures/long-sentence\.yaml: en: readability: Flesch–Kincaid grade (\d+\.\d) "
                     r"\(at most 8 wanted; default\)")


def test_a_score_beyond_its_limit_is_a_warning(project_copy):
    write_long_leaflet(project_copy)
    code, out, err = run_cli("check", "--root", str(project_copy))
    found = [line for line in err.splitlines() if WARNING.fullmatch(line.removeprefix("warning: "))]
    assert code == 0 and len(found) == 1 and found[0].startswith("warning: ")
    assert float(WARNING.fullmatch(found[0].removeprefix("warning: ")).group(1)) > 8
    assert re.fullmatch(r"0 errors, \d+ warnings\n", out)


def test_check_strict_fails_on_a_score_beyond_its_limit(project_copy):
    write_long_leaflet(project_copy)
    code, out, err = run_cli("check", "--strict", "--root", str(project_copy))
    assert code == 1
    assert len([line for line in err.splitlines() if WARNING.fullmatch(line.removeprefix("error: "))]) == 1
    assert re.fullmatch(r"\d+ errors?, \d+ warnings?\n", out) and not out.startswith("0 errors")


def test_a_raised_limit_silences_the_warning(project_copy):
    write_long_leaflet(project_copy)
    (project_copy / "readability.yaml").write_text("en: {max: 40}\n")
    code, _, err = run_cli("check", "--root", str(project_copy))
    assert code == 0 and ": en: readability:" not in err


def test_check_readability_prints_every_leaflet_in_every_language():
    code, out, _ = run_cli("check", "--readability", "--root", str(REPO))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["leaflet", "language", "formula", "score", "limit", "ok"]
    rows = {(line.split()[0], line.split()[1]): line for line in lines[1:] if line.strip() and "errors" not in line}
    leaflets = Project.at(REPO).brochure_ids()
    langs = ["en", *Project.at(REPO).catalog_langs()]
    assert sorted(rows) == sorted((leaflet, lang) for leaflet in leaflets for lang in langs)
    assert re.fullmatch(r"chemical-peels +de +Amstad +\d+ +at least 50 +(yes|no)", rows["chemical-peels", "de"])
    assert re.fullmatch(r"chemical-peels +en +Flesch–Kincaid grade +\d+\.\d +at most 8 +(yes|no)",
                        rows["chemical-peels", "en"])


def test_a_leaflet_with_nothing_translated_has_no_score_in_that_language(project_copy):
    write_long_leaflet(project_copy)
    _, out, err = run_cli("check", "--readability", "--root", str(project_copy))
    assert re.search(r"^long-sentence +el +LIX +- +at most 40 +-$", out, re.M)
    assert "long-sentence.yaml: el:" not in err
