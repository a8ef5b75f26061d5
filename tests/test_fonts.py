"""Text measurement: the fast line count agrees with the wrapper the layout trusts."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sopgen import fonts

WORDS = st.sampled_from([
    "Mengumpulkan", "informasi", "dari", "masyarakat", "Dinas/Badan/Instansi", "a", "",
    "Pengadministrasian", "1.", "(Approver)", "\n", "  ", "Kelengkapan", "x" * 40, "é", "—",
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
