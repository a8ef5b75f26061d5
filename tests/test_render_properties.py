"""Both renderers over generated SOPs: whatever the layout accepts, they draw.

The layout properties (test_layout_properties.py) check the geometry; these check
that the DOCX writer and the HTML template take every geometry the layout can make
(a label at the very edge of a cell once made the DOCX writer refuse a negative
anchor offset, an internal error for the planner), without a PDF per example: the
WeasyPrint step is covered on the known SOPs in test_pdf.py.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from html.parser import HTMLParser

import docx
from hypothesis import HealthCheck, given, settings
from lxml import etree
from sopfactory import laid_out, sops

from sopgen.model import Sop
from sopgen.render.docx import to_docx
from sopgen.render.html import render_html

RENDER = settings(
    max_examples=int(os.environ.get("SOPGEN_RENDER_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}wsp"
DAY = dt.date(2024, 1, 2)


class _Texts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@RENDER
@given(sops(max_steps=30))
def test_every_layout_renders_as_docx_and_html(sop: Sop) -> None:
    doc = laid_out(sop)
    if doc is None:
        return
    data = to_docx(doc, DAY, DAY)
    word = docx.Document(io.BytesIO(data))
    procedure = [p for p in doc.pages if p.kind == "procedure"]
    assert len(word.tables) == sum(len(p.tables) for p in doc.pages)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        body = etree.fromstring(z.read("word/document.xml"))
    shapes = sum(len(p.symbols) + len(p.routes) + len(p.labels) for p in procedure)
    assert len(list(body.iter(WPS))) == shapes

    parser = _Texts()
    parser.feed(render_html(doc, DAY, DAY))
    html_text = "".join(parser.text)
    for step in sop.steps:
        assert step.kegiatan in html_text, step.no
