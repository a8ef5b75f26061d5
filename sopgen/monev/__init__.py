"""`sopgen monev`: the monitoring and evaluation forms of PermenPAN-RB 35/2012.

The regulation asks for a monitoring of each SOP every six months (each step:
does it run well, what was noted, what must be done) and an evaluation at
least yearly (seven criteria, each Ya/Tidak). `answers` writes the assessor's
workbook prefilled from the SOP and reads it back, `forms` lays out both forms
(blank or filled) as a `geometry.Document` that the SOP renderers draw to DOCX
and PDF, `recap` sums the filled ones per unit, and `command` is the CLI.
"""

from __future__ import annotations

# The seven evaluation criteria of PermenPAN-RB 35/2012, in its order and words.
CRITERIA: tuple[str, ...] = (
    "Mampu mendorong peningkatan kinerja",
    "Mudah dipahami",
    "Mudah dilaksanakan",
    "Semua orang dapat menjalankan perannya masing-masing",
    "Mampu mengatasi permasalahan yang berkaitan dengan proses",
    "Mampu menjawab kebutuhan peningkatan kinerja organisasi",
    "Sinergi satu dengan lainnya",
)
