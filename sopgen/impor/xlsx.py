"""An Excel-drawn SOP sheet (cells plus `xl/drawings/` shapes): not read yet.

A workbook that is already a sopgen workbook needs no import. A sheet drawn in
Excel is refused with a sentence that says how to get it in: print it to PDF
from Excel, which keeps its text and its shapes as vectors, and import that.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from sopgen import messages as msg
from sopgen.impor.drawn import Page
from sopgen.impor.limits import Refused


def read_xlsx(path: Path, zf: zipfile.ZipFile, name: str) -> list[Page]:
    raise Refused(msg.impor_xlsx_not_yet(name))
