"""The answer's ZIP: each built workbook's documents and `manifest.json` (as `sopgen build`
writes it), with fixed dates so the same documents give the same bytes."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence

from sopgen.manifest import NAME, Manifest
from sopgen.web.results import Outcome

_DATE = (1980, 1, 1, 0, 0, 0)  # what Word writes; the documents carry their own dates


def zip_documents(outcomes: Sequence[Outcome]) -> bytes:
    manifest = Manifest({o.entry.key: o.entry for o in outcomes if o.entry is not None})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for outcome in outcomes:
            for built in outcome.files:
                _add(zf, built.name, built.data)
        _add(zf, NAME, manifest.to_bytes())
    return buffer.getvalue()


def _add(zf: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, _DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    zf.writestr(info, data)
