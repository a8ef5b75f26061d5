"""Write templates/reference.docx: the styles every generated DOCX starts from.

An agency may restyle the committed reference.docx in Word (fonts, colours,
the "Tabel SOP" table style) without touching code; sizes are set by the
layout and override the styles where geometry depends on them.
Run: .venv/bin/python templates/make_reference.py
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

TARGET = Path(__file__).resolve().parent / "reference.docx"
FONT = "Arial"
_DROP = ("docProps/thumbnail.jpeg", "customXml/", "word/stylesWithEffects.xml")


def main() -> None:
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(9)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    assert fonts is not None
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(0)
    table = doc.styles.add_style("Tabel SOP", WD_STYLE_TYPE.TABLE)
    table.base_style = doc.styles["Normal Table"]
    table.element.append(parse_xml(
        f"<w:tblPr {nsdecls('w')}><w:tblBorders>"
        + "".join(f'<w:{side} w:val="single" w:sz="6" w:space="0" w:color="000000"/>'
                  for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
        + "</w:tblBorders></w:tblPr>"
    ))
    for name, size, bold in (("Judul Kolom SOP", 8.5, True), ("Isi SOP", 9, False)):
        style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.font.size = Pt(size)
        style.font.bold = bold
    settings = doc.settings.element
    for setting in settings.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), "15")
    for tag in ("w:savePreviewPicture", "w:rsids"):
        for el in settings.findall(qn(tag)):
            settings.remove(el)
    core = doc.core_properties
    core.author = "sopgen"
    core.comments = ""
    core.title = "SOP"
    core.created = core.modified = dt.datetime(2023, 1, 1)
    buffer = io.BytesIO()
    doc.save(buffer)
    TARGET.write_bytes(_strip(buffer.getvalue()))


def _strip(data: bytes) -> bytes:
    """Drop the parts python-docx's template carries that a reference has no use for."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as dst:
        for info in src.infolist():
            if info.filename.startswith(_DROP):
                continue
            body = src.read(info.filename)
            if info.filename in ("_rels/.rels", "word/_rels/document.xml.rels",
                                 "[Content_Types].xml"):
                body = _drop_refs(body)
            dst.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), body,
                         zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _drop_refs(xml: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(xml)
    for el in list(root):
        target = el.get("Target") or el.get("PartName") or ""
        if any(Path(d.rstrip("/")).name in target for d in _DROP):
            root.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


if __name__ == "__main__":
    main()
