"""`sopgen serve` through FastAPI's test client: every route, status and limit, the API's
JSON shapes, and no request folder left behind."""

from __future__ import annotations

import base64
import io
import json
import re
import socket
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader
from websupport import (
    EXAMPLE,
    as_check_line,
    broken_workbook,
    check_lines,
    csv_as_xlsx,
    logo_png,
    names,
    workbook_bomb,
    workbook_with_logo,
    zipped,
)

from sopgen import __version__, cli
from sopgen import messages as msg
from sopgen.build import build_one
from sopgen.web import jobs, serve, work
from sopgen.web.app import create_app
from sopgen.web.jobs import Settings
from sopgen.web.pool import JobTimeout

LIMIT = 2 * 1024 * 1024
TOKEN = "rahasia-yang-cukup-panjang"


@pytest.fixture(scope="module")
def temp_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server-tmp")


@pytest.fixture(scope="module")
def client(temp_root: Path) -> Iterator[TestClient]:
    app = create_app(Settings(workers=2, max_upload=LIMIT, temp_root=temp_root))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture(autouse=True)
def no_folder_left(temp_root: Path) -> Iterator[None]:
    yield
    assert not list(temp_root.glob(f"{jobs.PREFIX}*"))


def _post(client: TestClient, route: str, *files: tuple[str, bytes],
          **data: str) -> Any:
    return client.post(route, files=[("berkas", f) for f in files], data=data)


def _events(response: Any) -> list[dict[str, Any]]:
    return [json.loads(line) for line in response.text.splitlines()]


# --- /api/sehat, /api/periksa -------------------------------------------------------


def test_sehat_says_ok_and_the_version(client: TestClient) -> None:
    response = client.get("/api/sehat")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__}


def test_periksa_of_the_example_is_valid_with_its_one_warning(client: TestClient) -> None:
    response = _post(client, "/api/periksa", (EXAMPLE.name, EXAMPLE.read_bytes()))
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"valid", "problems"}
    assert body["valid"] is True
    assert body["problems"] == [{"cell": "Prosedur!H8", "level": "peringatan",
                                 "message": body["problems"][0]["message"]}]
    assert [as_check_line(p) for p in body["problems"]] == check_lines(EXAMPLE)


def test_periksa_lists_errors_before_warnings_in_the_words_of_check(
    client: TestClient, tmp_path: Path
) -> None:
    broken = broken_workbook(tmp_path)
    body = _post(client, "/api/periksa", (broken.name, broken.read_bytes())).json()
    assert body["valid"] is False
    levels = [p["level"] for p in body["problems"]]
    assert levels == sorted(levels)  # 'galat' < 'peringatan': every error first
    assert {p["cell"].split("!")[0] for p in body["problems"]} == {"Identitas", "Prosedur"}
    assert sorted(as_check_line(p) for p in body["problems"]) == sorted(check_lines(broken))
    assert all(set(p) == {"cell", "level", "message"} for p in body["problems"])


@pytest.mark.parametrize(("name", "data", "words"), [
    ("sop saya.xlsx", csv_as_xlsx(), "bukan buku kerja Excel"),
    ("sop saya.xlsx", workbook_bomb(), "terlalu besar setelah dibuka"),
    ("sop saya.xlsx", b"", "kosong"),
    ("kiriman.zip", zipped({"a.txt": b"bukan"}), "tidak berisi buku kerja"),
    ("kiriman.zip", zipped({"besar.xlsx": b"0" * (21 * 1024 * 1024)}), "terlalu besar"),
    ("kiriman.zip", b"PK\x03\x04 terpotong", "rusak"),
], ids=["csv", "workbook-bomb", "empty", "zip-without-workbook", "zip-bomb", "cut-short"])
def test_an_upload_that_gives_no_workbook_is_one_problem_at_its_name(
    client: TestClient, name: str, data: bytes, words: str
) -> None:
    body = _post(client, "/api/periksa", (name, data)).json()
    assert body["valid"] is False
    [problem] = body["problems"]
    assert problem["cell"] == name and problem["level"] == "galat"
    assert words in problem["message"]
    assert name not in problem["message"] and "berkas-" not in problem["message"]


# --- /api/buat ----------------------------------------------------------------------


def test_buat_answers_a_zip_with_the_documents_sopgen_build_writes(
    client: TestClient, tmp_path: Path
) -> None:
    response = _post(client, "/api/buat", ("Perencanaan Kinerja.xlsx", EXAMPLE.read_bytes()))
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/zip"
    assert 'filename="Perencanaan Kinerja.zip"' in response.headers["content-disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist() == ["Perencanaan Kinerja.docx", "Perencanaan Kinerja.pdf",
                                  "manifest.json"]
    here = build_one(EXAMPLE, tmp_path, "sop")  # the command line's bytes
    assert archive.read("Perencanaan Kinerja.docx") == (tmp_path / "sop.docx").read_bytes()
    assert archive.read("Perencanaan Kinerja.pdf") == (tmp_path / "sop.pdf").read_bytes()
    [entry] = json.loads(archive.read("manifest.json"))["sop"]
    assert entry["source"] == "Perencanaan Kinerja.xlsx"
    assert [o["path"] for o in entry["outputs"]] == ["Perencanaan Kinerja.docx",
                                                     "Perencanaan Kinerja.pdf"]
    assert here.outputs[0].sha256 == entry["outputs"][0]["sha256"]


def test_buat_with_format_and_pdfa(client: TestClient) -> None:
    only_docx = _post(client, "/api/buat?format=docx", (EXAMPLE.name, EXAMPLE.read_bytes()))
    assert names(only_docx.content) == [EXAMPLE.with_suffix(".docx").name, "manifest.json"]
    archival = _post(client, "/api/buat", ("kinerja.xlsx", EXAMPLE.read_bytes()),
                     format="pdf", pdfa="1")
    pdf = zipfile.ZipFile(io.BytesIO(archival.content)).read("kinerja.pdf")
    reader = PdfReader(io.BytesIO(pdf))
    metadata: Any = reader.root_object["/Metadata"]
    xmp = metadata.get_object().get_data()
    assert re.search(rb'pdfaid:part(="|>)3', xmp) and re.search(rb'pdfaid:conformance(="|>)B', xmp)
    assert list(reader.attachments) == ["kinerja.xlsx"]  # the planner's name, not the server's


def test_buat_of_an_invalid_workbook_is_422_with_the_periksa_json(
    client: TestClient, tmp_path: Path
) -> None:
    broken = broken_workbook(tmp_path)
    response = _post(client, "/api/buat", (broken.name, broken.read_bytes()))
    assert response.status_code == 422
    body = response.json()
    assert body["valid"] is False and body["problems"][0]["level"] == "galat"
    unreadable = _post(client, "/api/buat", ("x.xlsx", csv_as_xlsx()))
    assert unreadable.status_code == 422 and unreadable.json()["valid"] is False


def test_buat_refuses_an_unknown_format(client: TestClient) -> None:
    response = _post(client, "/api/buat", (EXAMPLE.name, EXAMPLE.read_bytes()), format="odt")
    assert response.status_code == 400
    assert response.json() == {"error": msg.bad_formats("odt")}


# --- uploads: fields, size, zips, logos ---------------------------------------------


def test_a_request_without_the_berkas_field_is_400(client: TestClient) -> None:
    response = client.post("/api/periksa", files=[("lain", ("a.xlsx", b"x"))])
    assert response.status_code == 400
    assert response.json() == {"error": msg.web_field_missing("berkas")}
    assert client.post("/api/periksa", content=b"{}").status_code == 400


def test_a_declared_size_over_the_limit_is_413_before_the_body_is_read(
    client: TestClient
) -> None:
    response = _post(client, "/api/periksa", ("besar.xlsx", b"0" * (LIMIT + 1)))
    assert response.status_code == 413
    assert response.json() == {"error": msg.web_too_large(LIMIT)}


def test_a_chunked_body_is_cut_off_at_the_limit(client: TestClient) -> None:
    def body() -> Iterator[bytes]:
        yield b"--x\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"a.xlsx\"\r\n\r\n"
        for _ in range(LIMIT // 65536 + 2):
            yield b"0" * 65536

    response = client.post("/api/periksa", content=body(),
                           headers={"content-type": "multipart/form-data; boundary=x"})
    assert response.status_code == 413


def test_a_zip_with_the_workbook_and_its_logo_builds_with_the_logo(
    client: TestClient, tmp_path: Path
) -> None:
    book = workbook_with_logo(tmp_path).read_bytes()
    upload = zipped({"sop/berlogo.xlsx": book, "sop/logo.png": logo_png(),
                     "__MACOSX/sop/._logo.png": b"junk"})
    response = _post(client, "/api/buat", ("kiriman.zip", upload))
    assert response.status_code == 200, response.text
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    [entry] = json.loads(archive.read("manifest.json"))["sop"]
    assert entry["logo"] == "sop/logo.png" and entry["source"] == "sop/berlogo.xlsx"
    document = docx.Document(io.BytesIO(archive.read("sop/berlogo.docx")))
    assert document.inline_shapes or document.part.package.image_parts  # the logo is in it


def test_a_logo_missing_from_the_upload_is_an_error_at_the_logo_cell(
    client: TestClient, tmp_path: Path
) -> None:
    book = workbook_with_logo(tmp_path, "lambang.png")
    body = _post(client, "/api/periksa", (book.name, book.read_bytes())).json()
    [problem] = [p for p in body["problems"] if p["level"] == "galat"]
    assert problem["cell"].startswith("Identitas!B")
    assert problem["message"] == msg.logo_not_in_upload("lambang.png")


def test_the_api_takes_one_workbook_a_request(client: TestClient) -> None:
    upload = zipped({"a.xlsx": EXAMPLE.read_bytes(), "b.xlsx": EXAMPLE.read_bytes()})
    response = _post(client, "/api/periksa", ("dua.zip", upload))
    assert response.status_code == 400
    assert response.json() == {"error": msg.web_api_one_workbook(2)}


# --- the pool's limits, as the client sees them --------------------------------------


def test_a_full_queue_is_503_with_retry_after(client: TestClient) -> None:
    pool = client.app.state.runtime.pool  # type: ignore[attr-defined]
    held = 0
    try:
        while True:  # take every place the pool has
            pool.admit()
            held += 1
    except Exception:
        pass
    try:
        response = _post(client, "/api/periksa", (EXAMPLE.name, EXAMPLE.read_bytes()))
        assert response.status_code == 503
        assert response.headers["retry-after"] == "5"
        assert response.json() == {"error": msg.web_busy()}
        assert _post(client, "/unggah", (EXAMPLE.name, b"x")).status_code == 503
    finally:
        for _ in range(held):
            pool.leave()
    assert held == pool.size + pool.queue


def test_a_build_past_the_time_limit_is_500_in_the_api_and_a_problem_on_the_page(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    pool = client.app.state.runtime.pool  # type: ignore[attr-defined]
    sort_out = pool.run

    async def slow(fn: Any, *args: Any) -> Any:
        if fn in (work.build, work.check):
            raise JobTimeout
        return await sort_out(fn, *args)

    monkeypatch.setattr(pool, "run", slow)
    upload = (EXAMPLE.name, EXAMPLE.read_bytes())
    for route in ("/api/periksa", "/api/buat"):
        response = _post(client, route, upload)
        assert response.status_code == 500
        assert response.json() == {"error": msg.web_build_timeout(pool.timeout)}
    result = _events(_post(client, "/unggah", upload))[-1]
    assert msg.web_build_timeout(pool.timeout) in result["html"] and not result["files"]
    assert "Pembuatan dokumen tidak selesai" in result["html"]


# --- the token ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def guarded(temp_root: Path) -> Iterator[TestClient]:
    app = create_app(Settings(token=TOKEN, workers=1, temp_root=temp_root))
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


def test_with_a_token_the_api_wants_it_and_compares_it(guarded: TestClient) -> None:
    upload = [("berkas", (EXAMPLE.name, EXAMPLE.read_bytes()))]
    missing = guarded.post("/api/periksa", files=upload)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert missing.json() == {"error": msg.web_token_needed()}
    wrong = guarded.post("/api/periksa", files=upload, headers={"Authorization": "Bearer salah"})
    assert wrong.status_code == 401
    right = guarded.post("/api/periksa", files=upload,
                         headers={"Authorization": f"Bearer {TOKEN}"})
    assert right.status_code == 200 and right.json()["valid"] is True
    assert guarded.get("/api/sehat").status_code == 200  # for the proxy's health check


def test_with_a_token_the_page_asks_for_it_then_keeps_a_cookie(guarded: TestClient) -> None:
    guarded.cookies.clear()
    first = guarded.get("/")
    assert first.status_code == 401 and 'name="token"' in first.text
    assert guarded.get("/buku-kerja-kosong.xlsx").status_code == 401
    wrong = guarded.post("/masuk", data={"token": "bukan"}, follow_redirects=False)
    assert wrong.status_code == 401 and msg.web_token_wrong() in wrong.text
    right = guarded.post("/masuk", data={"token": TOKEN}, follow_redirects=False)
    assert right.status_code == 303 and right.headers["location"] == "/"
    cookie = right.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and TOKEN not in cookie
    assert guarded.get("/").status_code == 200
    guarded.cookies.clear()


# --- the page -----------------------------------------------------------------------


def test_the_home_page_is_indonesian_with_safe_headers(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    for words in ("Unduh buku kerja kosong", "Tarik berkas ke sini", "Pilih berkas", "2 MB"):
        assert words in response.text
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"
    assert client.get("/static/app.js").headers["content-type"].startswith("text/javascript")
    assert client.get("/static/app.css").status_code == 200
    assert client.get("/static/..%2Fsop.css").status_code == 404


def test_the_blank_workbook_is_what_sopgen_new_writes(client: TestClient) -> None:
    response = client.get("/buku-kerja-kosong.xlsx")
    assert response.status_code == 200
    assert "sop-baru.xlsx" in response.headers["content-disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames[:4] == ["Identitas", "Ketentuan", "Pelaksana", "Prosedur"]


def test_unggah_of_one_workbook_streams_progress_then_the_result(client: TestClient) -> None:
    events = _events(_post(client, "/unggah", (EXAMPLE.name, EXAMPLE.read_bytes())))
    assert [e["event"] for e in events][-1] == "result"
    assert events[0] == {"event": "progress", "text": msg.web_checking(), "done": 0, "total": 0}
    result = events[-1]
    assert "124 hari 2 jam 32 menit" in result["html"]  # the timeline's total
    assert result["html"].count('src="data:image/png;base64,') == 2  # one picture a page
    assert 'src="data:image/svg+xml;base64,' in result["html"]  # the Gantt chart
    files = {f["name"]: base64.b64decode(f["data"]) for f in result["files"]}
    stem = EXAMPLE.stem
    assert set(files) == {f"{stem}.docx", f"{stem}.pdf", f"{stem}-pdfa.pdf", f"{stem}.zip"}
    assert len(PdfReader(io.BytesIO(files[f"{stem}.pdf"])).pages) == 2
    assert names(files[f"{stem}.zip"]) == [f"{stem}.docx", f"{stem}.pdf", f"{stem}-pdfa.pdf",
                                           "manifest.json"]
    for f in result["files"]:
        assert f'data-berkas="{f["id"]}"' in result["html"]


def test_unggah_of_several_builds_one_zip_and_lists_the_broken_cells(
    client: TestClient, tmp_path: Path
) -> None:
    broken = broken_workbook(tmp_path)
    response = _post(client, "/unggah", ("a.xlsx", EXAMPLE.read_bytes()),
                     ("b.xlsx", EXAMPLE.read_bytes()), (broken.name, broken.read_bytes()))
    events = _events(response)
    progress = [e for e in events if e["event"] == "progress" and e["total"] == 3]
    assert [e["done"] for e in progress] == [0, 1, 2, 3]
    result = events[-1]
    [archive] = [base64.b64decode(f["data"]) for f in result["files"]]
    assert names(archive) == ["a.docx", "a.pdf", "b.docx", "b.pdf", "manifest.json"]
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(archive)).read("manifest.json"))
    assert [e["key"] for e in manifest["sop"]] == ["a", "b"]
    assert msg.web_batch_summary(2, 1) in result["html"]
    for line in check_lines(broken):
        assert f'<code class="sel">{line.split(": ")[0]}</code>' in result["html"]


def test_unggah_without_a_workbook_shows_why(client: TestClient) -> None:
    events = _events(_post(client, "/unggah", ("foto.zip", zipped({"a.txt": b"x"}))))
    assert events[-1]["event"] == "result" and events[-1]["files"] == []
    assert "tidak berisi buku kerja" in events[-1]["html"]


def test_a_crash_reaches_the_page_as_a_sentence_not_a_traceback(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(*args: object) -> object:
        raise RuntimeError("rahasia internal")

    monkeypatch.setattr(jobs, "survey", broken)
    events = _events(_post(client, "/unggah", (EXAMPLE.name, EXAMPLE.read_bytes())))
    assert events[-1] == {"event": "error", "text": msg.web_internal()}
    response = _post(client, "/api/buat", (EXAMPLE.name, EXAMPLE.read_bytes()))
    assert response.status_code == 500 and response.json() == {"error": msg.web_internal()}
    assert "rahasia" not in response.text and "Traceback" not in response.text


def test_unknown_routes_and_methods_answer_in_indonesian(client: TestClient) -> None:
    page = client.get("/tidak-ada")
    assert page.status_code == 404 and msg.web_not_found() in page.text
    assert client.get("/api/tidak-ada").json() == {"error": msg.web_not_found()}
    assert client.get("/api/periksa").status_code == 405


def test_the_openapi_document_describes_the_api(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    assert {"/api/periksa", "/api/buat", "/api/sehat"} <= set(spec["paths"])
    assert set(spec["components"]["schemas"]["Periksa"]["properties"]) == {"valid", "problems"}
    body = spec["paths"]["/api/buat"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert set(body["schema"]["properties"]) == {"berkas", "format", "pdfa"}


# --- sopgen serve itself ------------------------------------------------------------


def test_the_server_process_never_loads_the_document_libraries() -> None:
    """A hostile file is parsed in a worker only; the server stays small."""
    code = ("import sys; from sopgen.web.app import create_app; from sopgen.web.jobs import "
            "Settings; import sopgen.web.serve; create_app(Settings()); "
            "print(sorted({'openpyxl', 'docx', 'weasyprint', 'PIL', 'lxml'} & set(sys.modules)))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize(("argv", "words"), [
    (["--host", "0.0.0.0"], "beri token akses"),
    (["--host", "192.0.2.1"], "beri token akses"),
    (["--token", "pendek"], "terlalu pendek"),
    (["--port", "70000"], "tidak sah"),
], ids=["all-interfaces", "lan-address", "short-token", "bad-port"])
def test_serve_refuses_to_start_unsafe_or_wrong(
    argv: list[str], words: str, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOPGEN_TOKEN", raising=False)
    assert cli.main(["serve", *argv]) == cli.EXIT_USAGE
    assert words in capsys.readouterr().err


def test_serve_says_when_the_port_is_taken(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        assert cli.main(["serve", "--port", str(port)]) == cli.EXIT_USAGE
    assert f"tidak dapat mendengarkan di 127.0.0.1:{port}" in capsys.readouterr().err


def test_the_token_can_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOPGEN_TOKEN", TOKEN)
    assert serve.token_for("0.0.0.0", None) == TOKEN
    assert serve.token_for("127.0.0.1", "x" * 16) == "x" * 16  # --token wins
    monkeypatch.delenv("SOPGEN_TOKEN")
    assert serve.token_for("::1", None) is None and serve.token_for("localhost", None) is None
