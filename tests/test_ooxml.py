"""The OOXML writer: every fragment it builds has its children in the schema's order,
because `ordered` alone puts children into a parent, whatever order they come in."""

from __future__ import annotations

import pytest
from lxml import etree

from sopgen.geometry import Align
from sopgen.render import ooxml

PREFIX = {uri: prefix for prefix, uri in ooxml.NSMAP.items()}
DECLS = ooxml.DECLARATIONS


def _name(el: etree._Element) -> str:
    uri, local = str(el.tag)[1:].split("}")
    return f"{PREFIX[uri]}:{local}"


def _parse(fragment: str) -> etree._Element:
    """A fragment inside a root that declares every prefix."""
    return etree.fromstring(f"<w:root {DECLS}>{fragment}</w:root>")


def _check_orders(root: etree._Element) -> int:
    """Assert every element with a known sequence holds only listed children, in order;
    return how many such elements there were."""
    seen = 0
    for el in root.iter():
        sequence = ooxml.SEQUENCES.get(_name(el))
        if sequence is None:
            continue
        seen += 1
        names = [_name(child) for child in el]
        assert set(names) <= set(sequence), (_name(el), names)
        ranks = [sequence.index(n) for n in names]
        assert ranks == sorted(ranks), (_name(el), names)
    return seen


def _every_fragment() -> list[str]:
    path = ((0, 0), (12700, 0), (12700, 25400))
    return [
        ooxml.ppr(9.0, Align.RIGHT, 2.0, 1.0, 12.0),
        ooxml.ppr(7.0, Align.CENTER),
        ooxml.rpr(8.5, bold=True, bold_complex=True, underline=True),
        ooxml.tbl_pr("TabelSOP", (10.0, 20.5), 3.0, borders=False, padding=3.0),
        ooxml.tbl_pr(None, (10.0,), 0.0, borders=True, padding=2.0),
        ooxml.tr_pr(14.0, True),
        ooxml.tc_pr(30.0, 2, ooxml.Merge.RESTART, shaded=True, valign=ooxml.VAlign.TOP),
        ooxml.tc_pr(30.0, 2, ooxml.Merge.CONTINUE),
        ooxml.spacer(3.0, True),
        ooxml.drawing(ooxml.Shape(0, 0, 12700, 25400, None, path, False, 10160, True, None,
                                  ooxml.BodyAnchor.TOP, False), 1000),
        ooxml.drawing(ooxml.Shape(5, 6, 100, 200, "flowChartOffpageConnector", None, True,
                                  11430, False,
                                  ooxml.TextBox(7.0, True, Align.CENTER, (False, True)),
                                  ooxml.BodyAnchor.CENTER, False), 1001),
        ooxml.drawing(ooxml.Shape(5, 6, 100, 200, "rect", None, False, None, False,
                                  ooxml.TextBox(6.0, False, Align.LEFT, (True,)),
                                  ooxml.BodyAnchor.TOP, True), 1002),
    ]


def test_every_fragment_has_its_children_in_the_schemas_order() -> None:
    seen = sum(_check_orders(_parse(fragment)) for fragment in _every_fragment())
    assert seen >= 20


def test_ordered_sorts_children_given_in_any_order() -> None:
    xml = ooxml.ordered("w:rPr", ['<w:u w:val="single"/>', "", '<w:sz w:val="18"/>',
                                  "<w:b/>"])
    assert xml == '<w:rPr><w:b/><w:sz w:val="18"/><w:u w:val="single"/></w:rPr>'


@pytest.mark.parametrize("child", ["<w:color w:val='333333'/>", "plain text", "<b/>"])
def test_ordered_refuses_a_child_its_sequence_does_not_list(child: str) -> None:
    with pytest.raises(ValueError, match="not a child"):
        ooxml.ordered("w:rPr", [child])


def test_text_slots_are_empty_and_a_drawing_has_one_per_line() -> None:
    shape = ooxml.Shape(0, 0, 1, 1, "rect", None, False, None, False,
                        ooxml.TextBox(7.0, False, Align.LEFT, (False, True, False)),
                        ooxml.BodyAnchor.TOP, True)
    root = _parse(ooxml.drawing(shape, 1))
    slots = list(root.iter(f"{{{ooxml.W_URI}}}t"))
    assert [t.text for t in slots] == [None, None, None]
    space = "{http://www.w3.org/XML/1998/namespace}space"
    assert [t.get(space) for t in slots] == [None, "preserve", None]


@pytest.mark.parametrize("prst", ["rect x", "1rect", "", 'rect"/><a:b'])
def test_a_preset_name_must_have_the_schema_token_shape(prst: str) -> None:
    with pytest.raises(ValueError, match="preset"):
        ooxml.Shape(0, 0, 1, 1, prst, None, False, None, False, None,
                    ooxml.BodyAnchor.TOP, False)


def test_twips_round_to_the_nearest() -> None:
    assert [ooxml.twips(v) for v in (0.0, 0.024, 0.026, 9.0 * 1.2)] == [0, 0, 1, 216]
