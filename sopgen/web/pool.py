"""A bounded pool of worker processes, with a queue limit and a time limit per job.

Why not `concurrent.futures.ProcessPoolExecutor`: it can neither stop one job
that runs too long (only the whole pool) nor refuse work when its queue is
full, and one worker killed by the kernel breaks the whole executor. Here each
worker is a process with a pipe of its own; a job that overruns, a worker that
dies, or a client that leaves costs that one worker, which is replaced. The
server process waits on the pipes in threads, so its event loop never blocks.

Workers come from a fork server (`multiprocessing`'s "forkserver") that has
imported sopgen once, so a replacement starts in a fraction of a second; a
worker takes jobs only once it has warmed up (so no job's time limit pays for
that), and gives its memory back by being replaced after `recycle_after` jobs.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import resource
import signal
import sys
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_for_threads
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

log = logging.getLogger("sopgen.web")

T = TypeVar("T")


class Busy(Exception):
    """Every worker is busy and the queue is full: the client should try again shortly."""


class JobTimeout(Exception):
    """A job ran past the time limit; its worker was stopped and replaced."""


class JobFailed(Exception):
    """The worker died during the job, or the job raised; the server log says which."""


@dataclass(eq=False)  # compared by identity: held in a set
class _Worker:
    process: BaseProcess
    conn: Connection
    jobs: int = 0
    waiting: Future[tuple[str, Any]] | None = None  # the thread reading its pipe


def _serve(conn: Connection, memory: int | None, warm_up: Callable[[], None] | None) -> None:
    """A worker's life: run each job sent down the pipe, send back ("ok", value) or
    ("error", why). The traceback goes to the server's log (stderr), never to the client."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the server's; it stops us
    if memory is not None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    if warm_up is not None:
        warm_up()
    conn.send(("ready", None))  # only now does the pool hand it jobs, so no job waits for this
    while True:
        try:
            fn, args = conn.recv()
        except (EOFError, OSError):  # the server is gone
            return
        try:
            reply: tuple[str, Any] = ("ok", fn(*args))
        except BaseException as err:  # the worker answers whatever happened
            print(f"sopgen worker: {fn.__name__} failed:", file=sys.stderr)
            traceback.print_exc(file=sys.stderr)
            reply = ("error", type(err).__name__)
        try:
            conn.send(reply)
        except (OSError, ValueError):  # the server stopped waiting (timeout, client gone)
            return


START_TIMEOUT = 120.0  # seconds for a new worker to import and warm up on a busy machine


def _bury(worker: _Worker) -> None:
    """Reap a stopped worker (no zombie) and close its pipe after its reader is done."""
    worker.process.join(5.0)
    if worker.waiting is not None:
        wait_for_threads([worker.waiting], timeout=5.0)
    worker.conn.close()


def _receive(conn: Connection, timeout: float) -> tuple[str, Any]:
    if not conn.poll(timeout):
        raise TimeoutError
    reply: tuple[str, Any] = conn.recv()  # EOFError when the worker died
    return reply


class Pool:
    """`size` workers; at most `size + queue` requests admitted at once; `timeout` seconds
    for each job."""

    def __init__(
        self,
        size: int,
        queue: int,
        timeout: float,
        *,
        warm_up: Callable[[], None] | None = None,
        preload: Sequence[str] = (),
        memory_limit: int | None = None,
        recycle_after: int = 100,
    ) -> None:
        self.size, self.queue, self.timeout = size, queue, timeout
        self.recycle_after = recycle_after
        self._warm_up, self._preload, self._memory = warm_up, list(preload), memory_limit
        self._ctx = multiprocessing.get_context("forkserver")
        # a reader per worker, as many left over from stopped workers, and a starter
        self._threads = ThreadPoolExecutor(max_workers=2 * size + 2,
                                           thread_name_prefix="sopgen-pool")
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._workers: set[_Worker] = set()
        self._tasks: set[asyncio.Task[None]] = set()
        self._admitted = 0
        self._closed = False

    async def start(self) -> None:
        self._ctx.set_forkserver_preload(self._preload)
        loop = asyncio.get_running_loop()
        started = await asyncio.gather(*(loop.run_in_executor(self._threads, self._start)
                                         for _ in range(self.size)))
        for worker in started:
            self._idle.put_nowait(worker)

    async def close(self) -> None:
        self._closed = True
        for task in list(self._tasks):
            task.cancel()
        for worker in list(self._workers):
            self._stop(worker)
        self._threads.shutdown(wait=False, cancel_futures=True)

    @property
    def admitted(self) -> int:
        return self._admitted

    def pids(self) -> list[int]:
        return [w.process.pid for w in self._workers if w.process.pid is not None]

    def admit(self) -> None:
        """Take a place for one request for as long as it needs workers; Busy when full.
        Every `admit` is paired with a `leave`."""
        if self._admitted >= self.size + self.queue:
            raise Busy
        self._admitted += 1

    def leave(self) -> None:
        self._admitted -= 1

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` in a worker, once one is free. Raises JobTimeout or JobFailed."""
        worker = await self._idle.get()
        loop = asyncio.get_running_loop()
        try:
            worker.conn.send((fn, args))
            worker.waiting = self._threads.submit(_receive, worker.conn, self.timeout)
            kind, value = await asyncio.wrap_future(worker.waiting, loop=loop)
        except TimeoutError:
            log.warning("job %s passed %.0f s: worker %s stopped", fn.__name__, self.timeout,
                        worker.process.pid)
            self._replace(worker)
            raise JobTimeout from None
        except (EOFError, OSError) as err:
            log.error("worker %s died during %s (exit code %s)", worker.process.pid,
                      fn.__name__, worker.process.exitcode)
            self._replace(worker)
            raise JobFailed("worker died") from err
        except BaseException:  # cancelled: the client left, so nobody waits for this job
            self._replace(worker)
            raise
        worker.jobs += 1
        if worker.jobs >= self.recycle_after:
            self._replace(worker)
        else:
            self._idle.put_nowait(worker)
        if kind == "error":
            raise JobFailed(value)
        result: T = value
        return result

    def _start(self) -> _Worker:
        ours, theirs = self._ctx.Pipe()
        process = self._ctx.Process(target=_serve, args=(theirs, self._memory, self._warm_up),
                                    name="sopgen-worker", daemon=True)
        process.start()
        theirs.close()
        worker = _Worker(process, ours)
        self._workers.add(worker)
        try:
            ready = ours.poll(START_TIMEOUT) and ours.recv() == ("ready", None)
        except (EOFError, OSError):
            ready = False
        if not ready:
            self._stop(worker)
            _bury(worker)
            raise RuntimeError(f"worker {process.pid} did not start")
        return worker

    def _stop(self, worker: _Worker) -> None:
        """Kill it; its pipe is closed only once its reader has seen the end (`_bury`), so
        that reader can never read a pipe that a new worker got the same number for."""
        self._workers.discard(worker)
        if worker.process.is_alive():
            worker.process.kill()

    def _replace(self, worker: _Worker) -> None:
        self._stop(worker)
        if self._closed:
            return
        task = asyncio.get_running_loop().create_task(self._respawn(worker))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _respawn(self, old: _Worker) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._threads, _bury, old)
        while not self._closed:
            try:
                worker = await loop.run_in_executor(self._threads, self._start)
            except Exception:  # the fork server is gone? try again, never give up the slot
                log.exception("cannot start a worker")
                await asyncio.sleep(1.0)
                continue
            if self._closed:
                self._stop(worker)
                return
            self._idle.put_nowait(worker)
            return
