"""Composition root: builds settings, language, theme, window, then the cache and services. No logic of its own.

The home screen is painted before SQLAlchemy is even imported: the cache, its migration and the catalogue
load happen right after the first paint, and the pages that need them wait for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
import threading
import traceback
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QFontInfo, QPixmap
from PySide6.QtWidgets import QApplication

from kiosk.config import Settings
from kiosk.errors import CacheUnavailable, StartupError
from kiosk.views import gc
from kiosk.views.binding import keep_no_module_sources
from kiosk.views.context import ViewContext
from kiosk.views.i18n import Translations
from kiosk.views.main_window import MainWindow
from kiosk.views.session import empty_directory
from kiosk.views.stop_signals import StopOnSignals

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlalchemy.orm import Session, sessionmaker

    from kiosk.models.pull_store import PullRepository
    from kiosk.services.account import AccountService
    from kiosk.services.agent import AgentService
    from kiosk.services.attach import AttachService
    from kiosk.services.catalogue import CatalogueService
    from kiosk.services.central_lookup import CentralRequestLookup
    from kiosk.services.dashboard import DashboardService
    from kiosk.services.executors import DbExecutor, FileWorker, NetworkWorker
    from kiosk.services.profile import ProfileService
    from kiosk.services.quotas import QuotaService
    from kiosk.services.requests import RequestService
    from kiosk.services.sync_service import SyncService
    from sync.client import CentralClient

log = logging.getLogger("kiosk")

# At shutdown, how long a log-in the kiosk stopped waiting for may take to be answered and its session ended.
SETTLE_ACCOUNT_S = 5.0


@dataclass(frozen=True, slots=True)
class CentralLink:
    """What a kiosk that syncs has of central: the sync, the network worker and client every call goes through, and
    the services that ask central (the look-up of codes, the personal space). Built by ``_build_sync``."""

    sync: SyncService
    network: NetworkWorker
    client: CentralClient
    lookup: CentralRequestLookup
    account: AccountService
    quotas: QuotaService
    dashboard: DashboardService
    profile: ProfileService

    def online(self) -> bool:
        return self.sync.state.online

    def attach(self, requests: RequestService) -> AttachService:
        """« Rattacher »: it queues through the requests' service, which is built once the sync (its waking) is."""
        from kiosk.services.attach import AttachService

        return AttachService(requests, self.client, self.network, self.online, self.lookup)


@dataclass
class Backend:
    """What ``start_backend`` built; ``close`` releases it."""

    db: DbExecutor
    files: FileWorker
    engine: Engine
    purging: asyncio.Task[None] | None = None  # the hourly purge of old cancelled requests
    # With central configured: the sync (its runner drains the outbox on the network worker).
    sync: SyncService | None = None
    network: NetworkWorker | None = None
    account: AccountService | None = None  # with central: its log-ins left behind are ended before the network

    async def shutdown(self, log_outs: Callable[[], Awaitable[None]] | None = None) -> None:
        """Stop the sync (a drain ends after its current op, whose SQL needs the database worker), let the
        visitor's log-outs on central (``log_outs``: ``VisitorSession.tasks.idle``) and a log-in nobody waits for
        any more end their sessions on central (a few seconds at most each), then close: the network worker they
        need goes last."""
        if self.sync is not None:
            await self.sync.stop()
        if log_outs is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(log_outs(), SETTLE_ACCOUNT_S)
        if self.account is not None:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.account.settled(), SETTLE_ACCOUNT_S)
        self.close()

    def close(self) -> None:
        """Release what was built; after ``shutdown``'s stop of the sync when there is one."""
        if self.purging is not None:
            self.purging.cancel()
        if self.network is not None:
            self.network.shutdown()  # before the database worker: a drain's last SQL runs there
        self.files.shutdown()
        self.db.shutdown()
        self.engine.dispose()


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(kind, logging.WARNING)
    if "propagateSizeHints" in message:  # the offscreen platform says this on every show
        return
    logging.getLogger("qt").log(level, "%s", message)


# Libraries that log the values they carry: qasync logs every future's result at DEBUG, and a result can be
# a visitor's file list or answers. Logs never hold personal data, whatever level an operator sets.
# Alembic's plugin set-up says nothing an operator needs at every start.
QUIET_LOGGERS = ("qasync", "asyncio", "PIL", "pypdf", "alembic.runtime.plugins")


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication, created once per process."""
    keep_no_module_sources()
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    qInstallMessageHandler(_qt_message)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName("kiosk-espace-citoyens")
    return app


def check_fonts() -> None:
    """Qt ships no fonts; without one every glyph is an empty box and Qt says nothing."""
    # Resolving the application's font is enough (and cheaper than listing every family): without any font
    # installed, it resolves to no family at all.
    if not QFontInfo(QApplication.font()).family():
        raise StartupError(
            "No font is installed on this machine: the kiosk would show empty boxes instead of text. "
            "Install one (on Debian: apt-get install fonts-dejavu-core) and start again."
        )


def load_logo(settings: Settings, height: int = 64) -> QPixmap | None:
    """The town's logo, or None with a clear message when it is missing or unreadable."""
    if settings.logo is None:
        return None
    path = settings.logo
    if not path.is_file():
        log.warning("Logo not found: %s. The header shows the town's name only; check `logo` in the config.", path)
        return None
    pixmap = QPixmap(str(path))
    if pixmap.isNull():
        log.warning("Logo cannot be read as an image: %s. Use an SVG, PNG or JPEG file.", path)
        return None
    return pixmap.scaledToHeight(height)


def build_window(settings: Settings) -> tuple[ViewContext, MainWindow]:
    check_fonts()
    gc.install(application())
    translations = Translations(settings.language)
    ctx = ViewContext(settings, translations)
    window = MainWindow(ctx, load_logo(settings))
    # A crash or a power cut may have left a visitor's receipt behind: the next session starts without it.
    empty_directory(settings.session_dir)
    return ctx, window


async def start_backend(ctx: ViewContext, settings: Settings) -> Backend:
    """Open the cache, load the catalogue into it, and hand the services to the views."""
    import asyncio

    from kiosk.models.db import make_session_factory, open_cache
    from kiosk.models.guard_repository import AGENT_GUARD, GuardStateRepository
    from kiosk.models.pull_store import PullRepository
    from kiosk.models.repositories import CatalogueRepository
    from kiosk.models.request_repository import RequestRepository
    from kiosk.models.retention import RetentionRepository
    from kiosk.models.tracking_key import load_tracking_key
    from kiosk.services.catalogue import CatalogueService
    from kiosk.services.documents import DocumentService
    from kiosk.services.executors import DbExecutor, FileWorker
    from kiosk.services.guard_keeper import GuardKeeper
    from kiosk.services.requests import RequestService
    from kiosk.services.retention import RetentionService
    from kiosk.services.slots import SlotService, load_opening_hours
    from kiosk.views.context import Services

    db = DbExecutor()
    files = FileWorker()
    try:
        engine = await db.run(open_cache, settings.database_path)
    except BaseException:
        files.shutdown()
        db.shutdown()
        raise
    sessions = make_session_factory(engine)
    catalogue = CatalogueService(CatalogueRepository(sessions), db)
    pulls = PullRepository(sessions)
    if settings.syncs and (await db.run(pulls.position, "catalogue")).cursor is not None:
        # Central's catalogue, pulled: the TOML folder would replace it, and the versions recorded with it would
        # keep central's copy from coming back. The folder serves only until the first snapshot.
        await catalogue.rebuild_index()
    else:
        report = await catalogue.load_from_directory(settings.catalogue_dir)
        for error in report.errors:
            log.error("Catalogue: %s", error)
    key = await db.run(load_tracking_key, settings.database_path)
    guard = ctx.tracking_guard
    central = await _build_sync(settings, sessions, db, files, pulls, catalogue)
    sync = None if central is None else central.sync
    requests = RequestService(
        RequestRepository(sessions, key),
        db,
        settings.kiosk_id,
        settings.zone,
        guard=guard,
        on_queued=None if sync is None else sync.wake,
    )
    # Before the services are attached, so before any code can be looked up: a restart keeps the guard's block.
    await GuardKeeper(guard, GuardStateRepository(sessions), db).restore()
    hours = (
        None
        if settings.opening_hours is None
        else await db.run(load_opening_hours, settings.opening_hours, settings.zone)
    )
    slots = SlotService(hours, requests.booked_slot_ids, pulled=lambda: db.run(pulls.opening_hours), zone=settings.zone)
    documents = DocumentService(settings.document_folders, files)
    agent = _build_agent(settings, sessions, db, files, sync)
    # As the tracking guard: a restart keeps the wait after wrong agent codes.
    await GuardKeeper(agent.guard, GuardStateRepository(sessions, AGENT_GUARD), db, AGENT_GUARD).restore()
    ctx.attach_services(
        Services(
            catalogue=catalogue,
            requests=requests,
            slots=slots,
            documents=documents,
            files=files,
            lookup=None if central is None else central.lookup,
            agent=agent,
            account=None if central is None else central.account,
            quotas=None if central is None else central.quotas,
            attach=None if central is None else central.attach(requests),
            dashboard=None if central is None else central.dashboard,
            profile=None if central is None else central.profile,
        )
    )
    retention = RetentionService(RetentionRepository(engine), db, settings.retention_days)
    await retention.purge()
    purging = asyncio.ensure_future(retention.keep_purging())
    if sync is not None:
        sync.subscribe(ctx.set_sync_status)
        sync.start()
    return Backend(
        db=db,
        files=files,
        engine=engine,
        purging=purging,
        sync=sync,
        network=None if central is None else central.network,
        account=None if central is None else central.account,
    )


def _build_agent(
    settings: Settings, sessions: sessionmaker[Session], db: DbExecutor, files: FileWorker, sync: SyncService | None
) -> AgentService:
    """ "Espace agent": its code checked on the files' worker (slow by design; never the database's), its overview
    read from the outbox and from the sync's state."""
    from kiosk.models.outbox_repository import OutboxRepository
    from kiosk.services.agent import AgentService

    return AgentService(
        OutboxRepository(sessions),
        db,
        files,
        code_hash=settings.agent_code_hash,
        central_url=settings.central_url,
        token_file=settings.central_token_file,
        status=None if sync is None else (lambda: sync.state),
        second_s=settings.second_ms / 1000,
    )


async def _build_sync(
    settings: Settings,
    sessions: sessionmaker[Session],
    db: DbExecutor,
    files: FileWorker,
    pulls: PullRepository,
    catalogue: CatalogueService,
) -> CentralLink | None:
    """The sync with central when the configuration names one: its client, push and pull engines and runner, the
    look-up of codes on central and the personal space. None when it does not, or when the token file went wrong
    since the configuration was checked (logged; the kiosk serves offline, every request kept in its outbox)."""
    if not settings.syncs or settings.central_token_file is None:
        return None
    from kiosk.config import ConfigError, read_device_token
    from kiosk.models.code_pool import CodePoolRepository
    from kiosk.models.outbox_repository import OutboxRepository
    from kiosk.services.account import AccountService
    from kiosk.services.central_lookup import CentralRequestLookup
    from kiosk.services.dashboard import DashboardService
    from kiosk.services.executors import NetworkWorker
    from kiosk.services.profile import ProfileService
    from kiosk.services.quotas import QuotaService
    from kiosk.services.sync_runner import CodesOnWorker, OnWorker, PullOnWorker, SyncRunner, catalogue_changed
    from kiosk.services.sync_service import SyncService
    from sync.client import CentralClient
    from sync.codes import CodeLeaser
    from sync.pull import PullEngine
    from sync.push import PushEngine

    try:
        token = await files.run(read_device_token, settings.central_token_file)
    except ConfigError as exc:
        log.error("No sync with central: %s", exc)
        return None
    network = NetworkWorker()
    client = CentralClient(settings.central_url, token)
    outbox = OutboxRepository(sessions)
    sync = SyncService(outbox, db, network, probe=client.reachable)
    store = OnWorker(outbox, db)
    engine = PushEngine(store, client, files=store, uploader=client)
    puller = PullEngine(PullOnWorker(pulls, db), client)
    runner = SyncRunner(
        engine,
        network,
        idle_seconds=settings.sync_idle_s,
        on_drained=sync.drained,
        puller=puller,
        pull_seconds=settings.sync_pull_s,
        on_pulled=lambda summaries: catalogue.index_again_soon() if catalogue_changed(summaries) else None,
        leaser=CodeLeaser(CodesOnWorker(CodePoolRepository(sessions), db), client),
        probe=client.reachable,
    )
    sync.attach(runner)
    log.info("syncing with central at %s", settings.central_url)

    def online() -> bool:  # as the sync sees central, for every service
        return sync.state.online

    return CentralLink(
        sync=sync,
        network=network,
        client=client,
        lookup=CentralRequestLookup(client, network, catalogue, online),
        account=AccountService(client, network, online),
        quotas=QuotaService(client, network, online),
        # « Mon tableau de bord » and « Mon profil »: asked with the citizen's token, held by the pages only.
        dashboard=DashboardService(client, network, catalogue, online),
        profile=ProfileService(client, network, online),
    )


async def start_services(ctx: ViewContext, window: MainWindow, settings: Settings) -> Backend | None:
    """The services, or None with the out-of-service notice on screen when they cannot start; a cache that cannot
    be opened says why there too, for the operator (the log has the path and the details)."""
    try:
        return await start_backend(ctx, settings)
    except CacheUnavailable as exc:
        log.error("The kiosk is out of service: %s", exc)
        window.show_out_of_service(exc.fault)
    except Exception:
        log.exception("The kiosk's services could not start")
        window.show_out_of_service()
    return None


async def first_paint(window: MainWindow, timeout: float = 10.0) -> None:
    """Wait until the page on show has been painted (the visitor sees it)."""
    import asyncio

    if window.navigator.painted:
        return
    painted: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def on_painted(_route: object) -> None:
        if not painted.done():
            painted.set_result(None)

    window.navigator.first_painted.connect(on_painted)
    try:
        await asyncio.wait_for(painted, timeout)
    finally:
        window.navigator.first_painted.disconnect(on_painted)


async def _main(ctx: ViewContext, window: MainWindow, settings: Settings, exit_when_painted: bool) -> int:
    import asyncio

    app = application()
    # The kiosk ends on SIGTERM/SIGINT or when its window is closed; never by the loop stopping under this
    # coroutine (qasync would then fail with "Event loop stopped before Future completed"): the request only sets
    # this event, and the coroutine closes what it opened and returns.
    stopping = asyncio.Event()
    app.setQuitOnLastWindowClosed(False)
    app.lastWindowClosed.connect(stopping.set)
    stop = StopOnSignals(app, stopping.set)
    try:
        try:
            await first_paint(window)
        except TimeoutError:
            # The window works all the same (what waits for the first paint starts after a grace period): a
            # kiosk that cannot tell it has painted must still serve, not stop.
            log.warning("The first paint of the home screen was not seen; starting the services anyway.")
            if exit_when_painted:
                return 1
        if exit_when_painted:  # `kiosk bench` measures the time to this point in a fresh process
            print("home-painted", flush=True)
            return 0
        log.info("home screen painted")
        backend = await start_services(ctx, window, settings)
        if backend is None:  # out of service until an operator restarts it
            await stopping.wait()
            return 1
        log.info("services ready")
        try:
            await stopping.wait()
        finally:
            await shut_down(window, backend)
        log.info("stopped")
        return 0
    finally:
        stop.close()


async def shut_down(window: MainWindow, backend: Backend) -> None:
    """The kiosk stops (its window closed, SIGTERM) while a citizen may be logged in: they are logged out, their
    session ended on central (the window's ``closeEvent`` does not run on SIGTERM), then the services stop."""
    log_outs = None
    if shiboken6.isValid(window):
        window.session.forget_citizen()
        log_outs = window.session.tasks.idle
    await backend.shutdown(log_outs)


def _log_uncaught(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    """An uncaught error is logged by type and place only: its message may quote what a visitor typed."""
    log.error("uncaught %s\n%s", kind.__name__, "".join(traceback.format_tb(tb)))


ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], None]


def recovering_hook(window: MainWindow) -> ExceptHook:
    """``sys.excepthook`` for a kiosk that serves: the error is logged (type and place only), then the visitor's
    session recovers: a wipe back to "Mon accueil" and a plain message, instead of a broken screen (see
    ``VisitorSession.recover_from_error``). Exceptions in slots and in the pages' tasks come this way."""

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        _log_uncaught(kind, exc, tb)
        # KeyboardInterrupt and SystemExit stop the kiosk: nothing to recover from. The GUI thread is the main
        # one; no widget is touched from another.
        on_gui_thread = threading.current_thread() is threading.main_thread()
        if issubclass(kind, Exception) and on_gui_thread and shiboken6.isValid(window):
            window.session.recover_from_error()

    return hook


def run(settings: Settings, windowed: bool = False, exit_when_painted: bool = False) -> int:
    sys.excepthook = _log_uncaught
    app = application()
    try:
        ctx, window = build_window(settings)
    except StartupError as exc:
        print(f"kiosk: {exc}", file=sys.stderr)
        return 2
    sys.excepthook = recovering_hook(window)
    if settings.fullscreen and not windowed:
        window.show_full_screen()
    else:
        window.resize(1600, 900)
        window.show()
    # The home screen needs nothing asynchronous: it is drawn now, and only then are the event loop and its
    # imports (asyncio, qasync) brought in. Nothing else runs yet, so this is not a nested loop.
    app.processEvents()
    if exit_when_painted and window.navigator.painted:
        print("home-painted", flush=True)  # `kiosk bench` times a fresh process up to this line
        return 0
    import qasync

    result: int = qasync.run(_main(ctx, window, settings, exit_when_painted))
    return result
