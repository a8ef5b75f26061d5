"""The worker pool alone: a job past its time, a worker that dies, a job that raises, a
client that leaves, a full queue, recycling; the pool outlives all of them."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from sopgen.web.pool import Busy, JobFailed, JobTimeout, Pool


def _pid() -> int:
    return os.getpid()


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _die() -> None:
    os._exit(3)  # as the kernel's out-of-memory killer would leave it


def _raise() -> None:
    raise ValueError("rahasia")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split()[2] != "Z"
    except OSError:
        return False


def test_the_pool_replaces_a_worker_for_each_way_a_job_can_go_wrong() -> None:
    async def scenario() -> None:
        pool = Pool(1, 1, timeout=2.0, recycle_after=50)
        await pool.start()
        try:
            first = await pool.run(_pid)
            with pytest.raises(JobTimeout):
                await pool.run(_sleep, 60)
            second = await pool.run(_pid)
            assert second != first and not _alive(first)
            with pytest.raises(JobFailed):
                await pool.run(_die)
            third = await pool.run(_pid)
            assert third != second
            with pytest.raises(JobFailed, match="ValueError"):  # the name, never the text
                await pool.run(_raise)
            assert await pool.run(_pid) == third  # a job that raised keeps its worker

            leaving = asyncio.create_task(pool.run(_sleep, 60))
            await asyncio.sleep(0.5)
            leaving.cancel()  # the client went away mid-build
            with pytest.raises(asyncio.CancelledError):
                await leaving
            assert await pool.run(_pid) != third
        finally:
            pids = pool.pids()
            await pool.close()
        await asyncio.sleep(0.2)
        assert not any(_alive(p) for p in pids)

    asyncio.run(scenario())


def test_admission_is_bounded_by_workers_and_queue() -> None:
    pool = Pool(2, 3, timeout=1.0)
    for _ in range(5):
        pool.admit()
    with pytest.raises(Busy):
        pool.admit()
    pool.leave()
    pool.admit()
    assert pool.admitted == 5


def test_a_worker_is_recycled_after_its_jobs() -> None:
    async def scenario() -> list[int]:
        pool = Pool(1, 0, timeout=10.0, recycle_after=2)
        await pool.start()
        try:
            return [await pool.run(_pid) for _ in range(4)]
        finally:
            await pool.close()

    pids = asyncio.run(scenario())
    assert pids[0] == pids[1] != pids[2] == pids[3]
