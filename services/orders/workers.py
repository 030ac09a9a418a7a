"""Order workers: the pipeline's steps for chat orders, run in processes of their own.

One Python process runs the pipeline on one core. A burst of orders (a signal firing for many
traders, a busy market open) queues every order's parsing, database work and broker calls
behind the others': about 8 ms of CPU an order (``bench/orders.py``), so the hundredth
preview of a burst of a hundred waits for the ninety-nine before it. With ``ORDER_WORKERS=N``
the Discord process keeps the conversation (messages, buttons, DMs) and hands each step,
submit, answer or confirm, to the worker process with the fewest steps in flight.

Exactly-once does not depend on where a step runs: the request, its audit log and the
confirmation's conditional UPDATE live in the database every process shares (two processes
confirming one order place it once: ``tests/integration/orders/test_two_processes.py``).
A worker follows the orders it placed; its notices (fills, rejections) come back to the
Discord process's notifier.

What it costs: each worker opens its own broker sessions and account streamers for the traders
it serves. An account streamer hears every order of its account; a worker reads only the
pushes of orders it sent (:mod:`services.orders.own_orders`) and drops the others unparsed. At a
thousand orders of one trader two workers spend about a fifth more CPU an order than one
process, and finish sooner where a second core is free (``bench/orders.py --workers``).

The vault's keys reach a worker through multiprocessing's pipe when it starts: never on a
command line or in its environment. A worker that dies fails the steps it was running with
:class:`WorkerUnavailableError` (the request stays in the database in the state it reached:
``/orders`` shows it) and is replaced.
"""

from __future__ import annotations

import asyncio
import importlib
import itertools
import logging
import multiprocessing
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any, Protocol

from services import event_loop
from services.broker.client import RetryPolicy
from services.broker.routing import BrokerRoute, OAuthClient
from services.environment import Environment
from services.errors import TastybotError
from services.notify.events import Notice, Notifier
from services.orders._context import OrderContext
from services.orders._model import OrderSource
from services.orders.broker_orders import PlacementPolicy, RehearsalPolicy
from services.orders.own_orders import OwnOrders

if TYPE_CHECKING:  # the pipeline loads the parser (spaCy): imported where a step runs
    from services.orders.confirmation import Placement
    from services.orders.pipeline import SubmitOutcome

log = logging.getLogger(__name__)

# a fresh interpreter per worker: a fork would copy the parent's event loop, sockets and ORM
_PROCESSES = multiprocessing.get_context("spawn")
STOP_TIMEOUT_S = 30.0


class WorkerUnavailableError(TastybotError):
    user_message = (
        "The order service restarted while it worked on that step; nothing was sent twice. "
        "Check `/orders today` for where the order stands, and send it again if it is not there."
    )


@dataclass(frozen=True)
class WorkerSettings:
    """What a worker builds its pipeline context from (picklable; secrets kept out of repr)."""

    database_url: str = field(repr=False)  # may hold a password
    vault_keys: tuple[str, ...] = field(repr=False)
    route: BrokerRoute = field(default_factory=BrokerRoute)  # the composition root's route
    oauth_clients: dict[Environment, OAuthClient] | None = None
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    placement: PlacementPolicy = field(default_factory=PlacementPolicy)
    rehearsal: RehearsalPolicy = field(default_factory=RehearsalPolicy)
    # the bot's own logging set-up (redacting), given by reference: a module-level function
    # pickles as its name, and the worker calls it with ``log_level`` before anything logs
    configure_logging: Callable[[str], object] | None = None
    log_level: str = "INFO"


class OrderSteps(Protocol):
    """The three steps a trader drives from Discord, wherever they run."""

    async def submit(
        self, discord_id: int, text: str, *, source: OrderSource = ..., by_command: bool = ...
    ) -> SubmitOutcome: ...

    async def answer(
        self, discord_id: int, order_id: int, topic: str, value: str
    ) -> SubmitOutcome: ...

    async def confirm(self, discord_id: int, order_id: int, confirm_hash: str) -> Placement: ...


class LocalOrders:
    """The steps in this process, on the bot's own order context (the default)."""

    def __init__(self, context: OrderContext) -> None:
        self.context = context

    async def submit(
        self,
        discord_id: int,
        text: str,
        *,
        source: OrderSource = OrderSource.CHAT,
        by_command: bool = False,
    ) -> SubmitOutcome:
        from services.orders.pipeline import submit_order

        return await submit_order(
            self.context, discord_id, text, source=source, by_command=by_command
        )

    async def answer(self, discord_id: int, order_id: int, topic: str, value: str) -> SubmitOutcome:
        from services.orders.pipeline import answer_question

        return await answer_question(self.context, discord_id, order_id, topic, value)

    async def confirm(self, discord_id: int, order_id: int, confirm_hash: str) -> Placement:
        from services.orders.confirmation import confirm_order

        return await confirm_order(self.context, discord_id, order_id, confirm_hash)


# --- the worker process --------------------------------------------------------------------


def worker_main(settings: WorkerSettings, connection: Connection) -> None:
    """A worker process's body: serve steps from ``connection`` until told to stop."""
    if settings.configure_logging is not None:
        settings.configure_logging(settings.log_level)
    event_loop.run(_serve(settings, connection))


class _ForwardingNotifier:
    """A worker's notices go to the Discord process, which delivers them."""

    def __init__(self, send: Callable[[tuple[Any, ...]], None]) -> None:
        self._send = send

    async def notify(self, notice: Notice) -> None:
        self._send(("notice", notice))


async def _serve(settings: WorkerSettings, connection: Connection) -> None:
    from services.db import close_db, init_db
    from services.parsing import warm_up_parser
    from services.vault import Vault

    loop = asyncio.get_running_loop()
    jobs: asyncio.Queue[tuple[Any, ...] | None] = asyncio.Queue()
    send_lock = threading.Lock()

    def send(message: tuple[Any, ...]) -> None:
        with send_lock:
            connection.send(message)

    def receive() -> None:  # a thread: Connection.recv blocks
        while True:
            try:
                message = connection.recv()
            except (EOFError, OSError):
                message = None
            loop.call_soon_threadsafe(jobs.put_nowait, message)
            if message is None:
                return

    await init_db(settings.database_url, migrate=False)
    await asyncio.to_thread(warm_up_parser)
    context = OrderContext(
        vault=Vault(list(settings.vault_keys)),
        route=settings.route,
        oauth_clients=settings.oauth_clients,
        notifier=_ForwardingNotifier(send),
        retry=settings.retry,
        placement=settings.placement,
        rehearsal=settings.rehearsal,
        own_orders=OwnOrders(),  # other workers follow the orders they sent
    )
    threading.Thread(target=receive, name="order-worker-receive", daemon=True).start()
    running: set[asyncio.Task[None]] = set()
    send(("ready",))
    try:
        while (job := await jobs.get()) is not None:
            task = asyncio.create_task(_run(context, job, send))
            running.add(task)
            task.add_done_callback(running.discard)
        await asyncio.gather(*running, return_exceptions=True)
    finally:
        await context.close()
        await close_db()


async def _run(context: OrderContext, job: tuple[Any, ...], send: Callable[..., None]) -> None:
    job_id, step, arguments = job
    local = LocalOrders(context)
    result: object
    try:
        if step == "submit":
            discord_id, text, source, by_command = arguments
            result = await local.submit(
                discord_id, text, source=OrderSource(source), by_command=by_command
            )
        elif step == "answer":
            result = await local.answer(*arguments)
        elif step == "confirm":
            result = await local.confirm(*arguments)
        else:
            raise ValueError(f"unknown step {step!r}")
    except TastybotError as error:
        kind = type(error)
        send(("failed", job_id, kind.__module__, kind.__qualname__, error.user_message))
    except Exception:
        log.exception("order worker: step %s failed", step)
        send(("failed", job_id, None, None, None))
    else:
        try:
            send(("done", job_id, result))
        except Exception:  # an outcome that cannot cross the pipe must still end the step
            log.exception("order worker: the outcome of step %s could not be sent", step)
            send(("failed", job_id, None, None, None))


# --- the Discord process's side ------------------------------------------------------------


def rebuilt_error(module: str | None, name: str | None, message: str | None) -> Exception:
    """The error a worker reported, as the same TastybotError class with its message (its
    constructor is not called again: only the class and the safe message cross the pipe);
    anything else the worker raised is a :class:`WorkerUnavailableError`."""
    kind: object = None
    if module is not None and name is not None and module.startswith("services."):
        try:
            kind = getattr(importlib.import_module(module), name, None)
        except ImportError:
            kind = None
    if not (isinstance(kind, type) and issubclass(kind, TastybotError)) or message is None:
        return WorkerUnavailableError("The order service failed on that step; nothing was sent.")
    error = kind.__new__(kind)
    Exception.__init__(error, message)
    error.user_message = message
    return error


@dataclass
class _Worker:
    number: int
    process: Any
    connection: Connection
    ready: asyncio.Future[None]  # done once the worker said so (or failed, if it died first)
    pending: dict[int, asyncio.Future[Any]] = field(default_factory=dict)
    alive: bool = True


class OrderWorkers:
    """``count`` worker processes: ``await start()``, then the :class:`OrderSteps`, then
    ``await close()``."""

    def __init__(
        self, settings: WorkerSettings, count: int, notifier: Notifier | None = None
    ) -> None:
        if count < 1:
            raise ValueError("at least one order worker")
        self.settings = settings
        self.count = count
        self.notifier = notifier
        self._workers: list[_Worker] = []
        self._ids = itertools.count(1)
        self._notices: set[asyncio.Task[None]] = set()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._closing = False

    async def start(self) -> None:
        """Start every worker and wait until each is ready to take steps."""
        self._loop = asyncio.get_running_loop()
        for number in range(self.count):
            self._workers.append(self._spawn(number))
        await asyncio.gather(*(worker.ready for worker in self._workers))

    def _spawn(self, number: int) -> _Worker:
        assert self._loop is not None
        ours, theirs = _PROCESSES.Pipe()
        process = _PROCESSES.Process(
            target=worker_main,
            args=(self.settings, theirs),
            name=f"order-worker-{number}",
            daemon=True,
        )
        process.start()
        theirs.close()
        worker = _Worker(number, process, ours, self._loop.create_future())
        threading.Thread(
            target=self._receive, args=(worker,), name=f"order-worker-{number}-replies", daemon=True
        ).start()
        return worker

    def _receive(self, worker: _Worker) -> None:  # a thread per worker: recv blocks
        assert self._loop is not None
        while True:
            try:
                message = worker.connection.recv()
            except (EOFError, OSError):
                self._loop.call_soon_threadsafe(self._lost, worker)
                return
            self._loop.call_soon_threadsafe(self._handle, worker, message)

    def _handle(self, worker: _Worker, message: tuple[Any, ...]) -> None:
        kind = message[0]
        if kind == "ready":
            if not worker.ready.done():
                worker.ready.set_result(None)
            return
        if kind == "notice":
            if self.notifier is not None:
                task = asyncio.ensure_future(self.notifier.notify(message[1]))
                self._notices.add(task)
                task.add_done_callback(self._notices.discard)
            return
        future = worker.pending.pop(message[1], None)
        if future is None or future.done():
            return
        if kind == "done":
            future.set_result(message[2])
        else:
            future.set_exception(rebuilt_error(*message[2:]))

    def _lost(self, worker: _Worker) -> None:
        """The worker's pipe closed: fail its steps in flight, and replace it unless closing."""
        worker.alive = False
        for future in worker.pending.values():
            if not future.done():
                future.set_exception(WorkerUnavailableError())
        worker.pending.clear()
        if not worker.ready.done():
            worker.ready.set_exception(WorkerUnavailableError())
        if self._closing:
            return
        log.warning(
            "order worker %d stopped (exit code %s); starting another",
            worker.number,
            worker.process.exitcode,
        )
        self._workers[self._workers.index(worker)] = self._spawn(worker.number)

    def pids(self) -> list[int]:
        """The worker processes' ids (for the status page and measurements)."""
        return [worker.process.pid for worker in self._workers if worker.alive]

    async def _call(self, step: str, arguments: tuple[Any, ...]) -> Any:
        if self._closing or not self._workers:
            raise WorkerUnavailableError()
        assert self._loop is not None
        ready = [w for w in self._workers if w.alive and w.ready.done()]
        if not ready:
            await asyncio.gather(*(w.ready for w in self._workers))
            ready = [w for w in self._workers if w.alive]
        worker = min(ready, key=lambda w: len(w.pending))
        job_id = next(self._ids)
        future: asyncio.Future[Any] = self._loop.create_future()
        worker.pending[job_id] = future
        try:
            worker.connection.send((job_id, step, arguments))
        except (OSError, ValueError):
            worker.pending.pop(job_id, None)
            raise WorkerUnavailableError() from None
        return await future

    async def submit(
        self,
        discord_id: int,
        text: str,
        *,
        source: OrderSource = OrderSource.CHAT,
        by_command: bool = False,
    ) -> SubmitOutcome:
        outcome: SubmitOutcome = await self._call(
            "submit", (discord_id, text, source.value, by_command)
        )
        return outcome

    async def answer(self, discord_id: int, order_id: int, topic: str, value: str) -> SubmitOutcome:
        outcome: SubmitOutcome = await self._call("answer", (discord_id, order_id, topic, value))
        return outcome

    async def confirm(self, discord_id: int, order_id: int, confirm_hash: str) -> Placement:
        placement: Placement = await self._call("confirm", (discord_id, order_id, confirm_hash))
        return placement

    async def close(self) -> None:
        """Let every worker finish its steps in flight, then stop it."""
        self._closing = True
        for worker in self._workers:
            if worker.alive:
                try:
                    worker.connection.send(None)
                except (OSError, ValueError):
                    worker.alive = False
        for worker in self._workers:
            await asyncio.to_thread(worker.process.join, STOP_TIMEOUT_S)
            if worker.process.is_alive():
                worker.process.kill()
                await asyncio.to_thread(worker.process.join)
            worker.connection.close()
        if self._notices:
            await asyncio.gather(*self._notices, return_exceptions=True)
        self._workers.clear()
