"""`sopgen impor`: an agency's existing SOP sheet -> a filled workbook v1.1.

One reader a kind of source (`pdf`, `docx`, `xlsx`, `text`), each turning its
file into drawn pages (`drawn`) or straight into the found model (`found`);
`sheet` reads a SOP from drawn pages by geometry, `flows` follows its arrows,
and `writer` fills the workbook `sopgen new` writes. The kind is told by the
file's content, not its name.
"""

from __future__ import annotations

from pathlib import Path

from sopgen import messages as msg
from sopgen.impor.found import FoundSop
from sopgen.impor.limits import Refused, check_file

__all__ = ["FoundSop", "Refused", "import_sop"]


def import_sop(path: Path) -> FoundSop:
    """What the file holds as a SOP; raises Refused with the sentence to print."""
    from sopgen.impor.sheet import NoProcedure, read_sheet

    head = check_file(path)
    name = str(path)
    if head.startswith(b"%PDF") or b"%PDF" in head:
        from sopgen.impor.pdf import read_pdf

        pages = read_pdf(path)
    elif head.startswith(b"PK\x03\x04"):
        from sopgen.impor.limits import open_zip

        with open_zip(path) as zf:
            names = set(zf.namelist())
            if "word/document.xml" in names:
                from sopgen.impor.docx import read_docx

                pages = read_docx(zf, name)
            elif "xl/workbook.xml" in names:
                from sopgen.impor.xlsx import read_xlsx

                pages = read_xlsx(zf, name)
            else:
                raise Refused(msg.impor_unknown_kind(name))
    else:
        from sopgen.impor.text import read_text

        return read_text(path)
    try:
        return read_sheet(pages)
    except NoProcedure as err:
        raise Refused(msg.impor_no_procedure(name)) from err
