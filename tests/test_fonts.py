"""Text measurement: the fast line count agrees with the wrapper the layout trusts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sopgen import fonts

WORDS = st.sampled_from([
    "Mengumpulkan", "informasi", "dari", "masyarakat", "Dinas/Badan/Instansi", "a", "",
    "Pengadministrasian", "1.", "(Approver)", "\n", "  ", "Kelengkapan", "x" * 40, "é", "—",
    "perundang-undangan", "2023-2024", "-", "a-b-c", "-5",
])


@settings(max_examples=300, deadline=None)
@given(
    st.lists(WORDS, max_size=40).map(" ".join),
    st.floats(min_value=1.0, max_value=400.0),
    st.sampled_from([6.0, 7.5, 8.0, 9.0, 11.0]),
    st.booleans(),
)
def test_line_count_is_the_number_of_wrapped_lines(
    text: str, width: float, size: float, bold: bool
) -> None:
    assert fonts.line_count(text, width, size, bold) == len(fonts.wrap(text, width, size, bold))


def test_a_line_breaks_after_a_hyphen_between_letters() -> None:
    # As WeasyPrint (Pango), LibreOffice and Word break it: measured at spaces only,
    # this cell was a line short and its last line printed over the row's border.
    text = "peraturan bidang perundang-undangan Renja permoh"
    assert fonts.wrap(text, 61, 8) == ["peraturan bidang", "perundang-", "undangan Renja",
                                       "permoh"]
    assert fonts.wrap("bidang perundang-undangan", 200, 8) == ["bidang perundang-undangan"]
    # not before a digit (UAX #14): a year range stays whole
    assert fonts.pieces("2023-2024") == ["2023-2024"]
    assert fonts.pieces("perundang-undangan") == ["perundang-", "undangan"]


def test_a_hyphenated_word_claims_only_its_widest_piece() -> None:
    # `wrap` breaks after the hyphen, as Pango, LibreOffice and Word do: the column
    # need not hold `perundang-undangan` whole to keep from cutting a word.
    text = "peraturan perundang-undangan yang berlaku"
    assert fonts.longest_word(text, 9.0) == pytest.approx(fonts.text_width("perundang-", 9.0))
    assert fonts.longest_word(text, 9.0) < fonts.text_width("perundang-undangan", 9.0)
    width = fonts.longest_word(text, 9.0) + 0.5
    assert all(fonts.text_width(line, 9.0) <= width for line in fonts.wrap(text, width, 9.0))
    assert "perundang-" in fonts.wrap(text, width, 9.0)
