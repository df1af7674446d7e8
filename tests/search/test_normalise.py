"""The highlighting's map from normalised text back to the text shown (search/normalise.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from search.normalise import normalise, normalise_char, normalise_with_positions

# Greek with accents and final sigma, Arabic with harakat and tatweel, a ligature, Persian
# letters, presentation forms and digits: characters whose normalised form is longer, shorter
# or the same, mixed with plain ones.
SAMPLES = "Κοινωνικής ΈΝΤΑΞΗ école ﬁle الإسكـــان مُهاجِر یک ﻻ ١٢٣ ۴۵ Shqipëri _-. "


def positions_one_by_one(text):
    # What the function must return: each normalised character with the index it came from.
    normalised, positions = [], []
    for index, char in enumerate(text):
        for part in normalise_char(char):
            normalised.append(part)
            positions.append(index)
    return "".join(normalised), positions


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(SAMPLES) | st.characters(), max_size=60))
def test_each_normalised_character_points_back_to_its_source(text):
    normalised, positions = normalise_with_positions(text)
    expected_text, expected_positions = positions_one_by_one(text)
    assert normalised == expected_text == normalise(text)
    assert list(positions) == expected_positions


def test_a_text_whose_characters_stay_one_each_maps_index_to_index():
    normalised, positions = normalise_with_positions("Κοινωνικής")
    assert normalised == "κοινωνικησ"
    assert list(positions) == list(range(10))


def test_a_tatweel_and_a_ligature_shift_the_positions():
    normalised, positions = normalise_with_positions("ﬁ ـب")
    assert normalised == "fi ب"
    assert list(positions) == [0, 0, 1, 3]
