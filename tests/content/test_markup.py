"""Inline markup: rendered as escaped HTML, structure compared for translations."""
import pytest

from brochure_builder.content.markup import MarkupError, parse_inline, plain_text, structure, to_html


def test_bold_italic_and_links_become_html():
    assert to_html("A **bold** and *soft* [site](https://x.org/?a=1&b=2).") == (
        'A<strong> bold</strong> and<em> soft</em> <a href="https://x.org/?a=1&amp;b=2">site</a>.'
    )


def test_the_space_before_emphasis_goes_inside_it_and_a_link_keeps_its_own_outside():
    # where the renderer finds the break it should take (see markup._joined); a link's would be underlined
    assert to_html("one — *we are* and **b *i*** [l](https://x.org)") == (
        'one —<em> we are</em> and<strong> b<em> i</em></strong> <a href="https://x.org">l</a>')
    assert plain_text("one — *we are*") == "one — we are"


def test_html_in_text_is_escaped():
    assert to_html("<script>alert(1)</script> & co") == "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"


def test_backslash_makes_a_marker_literal():
    assert to_html(r"5 \* 3 \[not a link\]") == "5 * 3 [not a link]"


def test_nesting_is_allowed():
    assert to_html("**very *important***") == "<strong>very<em> important</em></strong>"


@pytest.mark.parametrize("text, message", [
    ("**open", "bold '**' is never closed"),
    ("*open", "italic '*' is never closed"),
    ("**a *b** c*", "bold '**' closed while italic '*' is open"),
    ("close]", "']' without a matching '[text](url)'"),
    ("[x](javascript:alert)", "link must start with one of https:, http:, mailto:, tel:: 'javascript:alert'"),
    ("[a [b](https://x)](https://y)", "link inside a link"),
])
def test_malformed_markup_is_refused(text, message):
    with pytest.raises(MarkupError, match=None) as caught:
        parse_inline(text)
    assert str(caught.value) == message


def test_plain_text_and_structure():
    source = "See **your** [clinic](tel:+30210)"
    assert plain_text(source) == "See your clinic"
    assert structure(source) == ("strong", "a:tel:+30210")
    assert structure("Δείτε την [κλινική](tel:+30210) **σας**") == ("a:tel:+30210", "strong")


@pytest.mark.parametrize(("text", "kept"), [
    ("Use SPF 30 every day.", "SPF 30"),
    ("Many people have 3 to 6 sessions.", "3 to 6"),
    ("Συνήθως 3 έως 6 απολεπίσεις.", "3 έως 6"),
    ("cada 2 a 4 semanas", "2 a 4"),
    ("about 4–6 weeks", "4–6"),
])
def test_a_unit_with_its_number_and_a_range_of_numbers_never_break(text, kept):
    assert f'<span class="unbroken">{kept}</span>' in str(to_html(text))


def test_ordinary_numbers_are_left_alone():
    assert "unbroken" not in str(to_html("Wait 2 weeks, then 3 more days."))
