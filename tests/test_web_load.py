"""`sopgen serve` under load and faults, on loopback only and bounded: 20 uploads at once
(valid, invalid, oversized, a zip bomb, a CSV renamed .xlsx) and a client that leaves
mid-build; every answer right, the server alive after, its memory back near where it
started, no request folder left."""

from __future__ import annotations

import io
import threading
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx2
from websupport import (
    EXAMPLE,
    LIMIT_MB,
    TOKEN,
    Server,
    broken_workbook,
    csv_as_xlsx,
    wait_until,
    workbook_bomb,
)

from sopgen import messages as msg

REQUEST_TIMEOUT = 180.0  # seconds for one answer: 20 at once on 2 shared cores
MEMORY_SLACK = 60 * 1024 * 1024  # allowed growth of the whole process tree after the load


def _kinds(tmp: Path) -> dict[str, bytes]:
    return {
        "valid": EXAMPLE.read_bytes(),
        "invalid": broken_workbook(tmp).read_bytes(),
        "oversized": b"0" * (LIMIT_MB * 1024 * 1024 + 1),
        "bomb": workbook_bomb(),
        "csv": csv_as_xlsx(),
    }


MIX = ["valid", "invalid", "oversized", "bomb", "csv"] * 4


def _check(kind: str, response: httpx2.Response) -> None:
    """The answer each kind must get, whatever else the server is doing."""
    if kind == "valid":
        assert response.status_code == 200, response.text
        names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
        assert names == ["sop.docx", "sop.pdf", "manifest.json"]
        return
    if kind == "oversized":
        assert response.status_code == 413
        assert response.json() == {"error": msg.web_too_large(LIMIT_MB * 1024 * 1024)}
        return
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["valid"] is False
    first = body["problems"][0]
    expected = {"invalid": ("Identitas!B4", "kosong"),
                "bomb": ("sop.xlsx", "terlalu besar setelah dibuka"),
                "csv": ("sop.xlsx", "bukan buku kerja Excel")}[kind]
    assert (first["cell"], expected[1] in first["message"]) == (expected[0], True), first


def test_twenty_uploads_at_once_of_every_kind(web_server: Server, tmp_path: Path) -> None:
    data = _kinds(tmp_path)
    headers = {"Authorization": f"Bearer {TOKEN}"}

    def send(kind: str, start: threading.Barrier | None = None) -> tuple[str, float]:
        with httpx2.Client(base_url=web_server.url, timeout=REQUEST_TIMEOUT,
                           headers=headers) as client:
            if start is not None:
                start.wait(30)
            began = time.monotonic()
            response = client.post("/api/buat", files={"berkas": ("sop.xlsx", data[kind])})
            _check(kind, response)
            return kind, time.monotonic() - began

    with ThreadPoolExecutor(2) as warm:  # both workers warm, as after any first request
        list(warm.map(send, ["valid", "valid"]))
    before = web_server.tree_rss()

    barrier = threading.Barrier(len(MIX))
    with ThreadPoolExecutor(len(MIX)) as pool:
        timings = list(pool.map(lambda kind: send(kind, barrier), MIX))

    # A planner who closes the page mid-build: the work stops, its folder goes.
    with httpx2.Client(base_url=web_server.url, timeout=REQUEST_TIMEOUT,
                       headers=headers) as client, client.stream(
            "POST", "/unggah", files={"berkas": ("sop.xlsx", data["valid"])}) as answer:
        assert next(answer.iter_lines()).startswith('{"event": "progress"')

    assert httpx2.get(f"{web_server.url}api/sehat", timeout=10).json()["status"] == "ok"
    assert wait_until(lambda: not web_server.request_folders(), 10), web_server.request_folders()
    send("valid")  # still building
    assert wait_until(lambda: web_server.tree_rss() < before + MEMORY_SLACK, 15), (
        f"memory {before >> 20} MiB before, {web_server.tree_rss() >> 20} MiB after")
    assert web_server.process.poll() is None, "".join(web_server.log)
    assert "Traceback" not in "".join(web_server.log)  # every fault here is an expected one
    slowest = max(t for _, t in timings)
    print(f"\n20 at once: slowest {slowest:.1f} s; memory {before >> 20} MiB before, "
          f"{web_server.tree_rss() >> 20} MiB after; "
          + ", ".join(f"{k} {max(t for kk, t in timings if kk == k):.1f} s"
                      for k in dict.fromkeys(MIX)))
