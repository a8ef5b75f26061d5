"""The contract's declaration (`sopgen.sheets`) agrees with the model, the sentences and
the blank workbook, so that no two statements of one fact can drift apart."""

from __future__ import annotations

import dataclasses
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from conftest import Run
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from workbooks import assert_problems, error, valid_sheets

from sopgen import messages as msg
from sopgen import newbook, sheets
from sopgen.durations import WorkTime
from sopgen.model import (
    ClosingSignature,
    Holiday,
    Identity,
    Kind,
    Paper,
    Provisions,
    Role,
    Settings,
    Step,
)
from sopgen.sheets import IDENTITAS, PENGATURAN, PROSEDUR, Choices, Field

CHOICE_FIELDS = [f for f in PENGATURAN.fields if f.choices is not None]


def _fields(cls: type[Any]) -> dict[str, dataclasses.Field[Any]]:
    return {f.name: f for f in dataclasses.fields(cls)}


def _has_default(f: dataclasses.Field[Any]) -> bool:
    return f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING


@pytest.mark.parametrize(
    ("choices", "enum"),
    [(sheets.PAPERS, Paper), (sheets.CLOSING_SIGNATURES, ClosingSignature),
     (sheets.KINDS, Kind)],
)  # fmt: skip
def test_enum_choices_offer_every_value_and_read_each_back(
    choices: Choices[Enum], enum: type[Enum]
) -> None:
    assert choices.offered == tuple(m.value for m in enum)
    for member in enum:
        assert choices(member.value) is member
        assert choices(f"  {member.value.upper()} ") is member


@pytest.mark.parametrize("field", CHOICE_FIELDS, ids=lambda f: f.label)
def test_sentences_about_a_choice_name_every_word_it_offers(field: Field) -> None:
    assert field.choices is not None
    for word in field.choices.offered:
        assert word in field.bad, (field.label, word)
        assert word in field.hint, (field.label, word)


def test_jenis_sentences_name_every_kind() -> None:
    assert sheets.JENIS.dropdown is not None and sheets.JENIS.dropdown.error is not None
    for kind in Kind:
        for sentence in (sheets.JENIS.comment, sheets.JENIS.dropdown.error,
                         msg.kind_bad("x", None)):  # fmt: skip
            assert kind.value in sentence, (kind, sentence)


@pytest.mark.parametrize(
    "field", [f for s in (IDENTITAS, PENGATURAN) for f in s.fields if f.bad],
    ids=lambda f: f.label,
)
def test_a_refused_value_is_explained_by_its_own_label(field: Field) -> None:
    assert field.label in field.bad


@pytest.mark.parametrize("field", PENGATURAN.fields, ids=lambda f: f.label)
def test_what_new_writes_in_pengaturan_is_the_models_default(field: Field) -> None:
    default = Settings()
    expected = getattr(default.work if field.attr in _fields(WorkTime) else default, field.attr)
    assert (None if field.default is None else field.parse(field.default)) == expected


def test_identity_fields_are_the_models_and_required_exactly_where_it_has_no_default() -> None:
    model = {name: f for name, f in _fields(Identity).items() if name != "locs"}
    assert {f.attr for f in IDENTITAS.fields} == set(model)
    assert {f.attr for f in IDENTITAS.fields if f.required} == {
        name for name, f in model.items() if not _has_default(f)
    }


def test_settings_fields_fill_settings_or_its_working_lengths() -> None:
    allowed = (set(_fields(Settings)) | set(_fields(WorkTime))) - {"work", "locs"}
    assert {f.attr for f in PENGATURAN.fields} == allowed


@pytest.mark.parametrize(
    ("sheet", "model"),
    [(sheets.KETENTUAN, Provisions), (sheets.PELAKSANA, Role), (sheets.PROSEDUR, Step),
     (sheets.LIBUR, Holiday)],
    ids=["Ketentuan", "Pelaksana", "Prosedur", "Libur"],
)  # fmt: skip
def test_every_column_fills_a_model_attribute(sheet: sheets.Sheet, model: type[Any]) -> None:
    assert {c.attr for c in sheet.columns} <= set(_fields(model))


@pytest.mark.parametrize("sheet", sheets.ALL_SHEETS, ids=lambda s: s.name)
def test_columns_that_prepare_cells_have_rows_prepared(sheet: sheets.Sheet) -> None:
    if any(c.text_cells or c.dropdown for c in sheet.columns):
        assert sheet.prepared_rows >= 2


def test_the_blank_workbook_is_written_from_the_declaration(tmp_path: Path) -> None:
    """The public lists (`PROSEDUR.headers`, `IDENTITAS.labels`) are what `sopgen new` writes."""
    path = tmp_path / "baru.xlsx"
    newbook.write_blank_workbook(path)
    wb = load_workbook(path)
    assert wb.sheetnames[: len(sheets.SHEETS)] == [s.name for s in sheets.SHEETS]
    for sheet in sheets.SHEETS:
        ws = wb[sheet.name]
        assert isinstance(ws, Worksheet)
        assert tuple(c.value for c in ws[1] if c.value is not None) == sheet.headers
    ws = wb[IDENTITAS.name]
    assert isinstance(ws, Worksheet)
    labels = tuple(ws.cell(row=r, column=1).value for r in range(2, 2 + len(IDENTITAS.labels)))
    assert labels == IDENTITAS.labels


def test_a_choice_row_in_identitas_would_get_its_dropdown(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shape of v1.1's `Tanda Tangan` (Basah/Elektronik): one declared line, a dropdown."""
    signature: Choices[str] = Choices((("Basah", "basah"), ("Elektronik", "elektronik")))
    row = Field("Tanda Tangan", "tanda_tangan", signature, "Tanda Tangan: Basah atau Elektronik.",
                hint="Basah atau Elektronik.", default="Basah")
    extended = dataclasses.replace(IDENTITAS, fields=(*IDENTITAS.fields, row))
    monkeypatch.setattr(newbook, "SHEETS", (extended, *sheets.SHEETS[1:]))
    path = tmp_path / "baru.xlsx"
    newbook.write_blank_workbook(path)
    ws = load_workbook(path)["Identitas"]
    assert isinstance(ws, Worksheet)
    r = 1 + len(extended.fields)
    assert ws.cell(row=r, column=1).value == "Tanda Tangan"
    assert ws.cell(row=r, column=2).value == "Basah"
    assert ws.cell(row=r, column=3).value == "Tidak wajib. Basah atau Elektronik."
    lists = {str(dv.sqref): dv.formula1 for dv in ws.data_validations.dataValidation}
    assert lists == {f"B{r}": '"Basah,Elektronik"'}


def test_missing_identity_rows_are_listed_in_the_sheets_order(run: Run) -> None:
    sheets_ = valid_sheets()
    sheets_["Identitas"] = [["Isian", "Nilai"]]
    assert_problems(run(sheets_), *(
        error("Identitas", f"baris '{f.label}' tidak ada") for f in IDENTITAS.fields if f.required
    ))  # fmt: skip
    assert [f.label for f in IDENTITAS.fields if f.required] == [
        "Satuan Kerja", "Nomor SOP", "Nama SOP", "Tanggal Pembuatan", "Tanggal Efektif",
        "Disahkan Oleh", "Nama Pengesah",
    ]  # fmt: skip


def test_prosedur_headers_in_order() -> None:
    assert PROSEDUR.headers == (
        "No", "Kegiatan", "Pelaksana", "Jenis", "Jika Ya", "Jika Tidak", "Label Ya",
        "Label Tidak", "Kelengkapan", "Waktu", "Output", "Keterangan",
    )  # fmt: skip
    assert PROSEDUR.required_headers == ("No", "Kegiatan", "Pelaksana")
