"""Where the kiosk writes what happened: stderr always, and for a running kiosk a rotating file in the data folder,
where an operator finds it after the fact (a kiosk under a display manager has no terminal). Python's
``faulthandler`` writes a crash's trace (a segfault in Qt, an abort) beside it. Qt-free.

Logs never hold personal data: messages name references and types, never what a visitor typed. Still, they say
what happened at the counter: the folder is the kiosk user's only (0700), and every file in it 0600.
"""

from __future__ import annotations

import faulthandler
import io
import logging
import logging.handlers
import sys
from pathlib import Path
from typing import IO

from kiosk.private_files import PRIVATE_FILE, make_private_folder, open_private_append, tighten

FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
LOG_FILE = "kiosk.log"
FAULT_FILE = "faults.log"
# A day of a busy counter fits in one file; five keep about a week without filling a small disk.
MAX_BYTES = 2_000_000
BACKUPS = 5


class _PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Each log file, the first one and each made at a rotation, readable by the kiosk's user only (0600)."""

    def _open(self) -> io.TextIOWrapper:
        return open(open_private_append(Path(self.baseFilename)), "a", encoding=self.encoding, errors=self.errors)


_fault_file: IO[str] | None = None  # open for the life of the process: faulthandler writes into it on a crash


def setup_logging(level: int = logging.INFO) -> None:
    """Log to stderr; a crash's trace goes to stderr too until ``log_to_folder``."""
    logging.basicConfig(level=level, format=FORMAT)
    faulthandler.enable(file=sys.stderr)


def log_to_folder(folder: Path) -> Path | None:
    """Also log to ``folder``/kiosk.log (rotated) and write crash traces to ``folder``/faults.log.

    Returns the log file, or None when the folder cannot be written (a read-only or full disk): the kiosk then
    logs to stderr only and says so there; it still serves.
    """
    global _fault_file
    try:
        make_private_folder(folder)
        for old in folder.glob(f"{LOG_FILE}.*"):  # rotated by an older install, world-readable then
            tighten(old, PRIVATE_FILE)
        handler = _PrivateRotatingFileHandler(
            folder / LOG_FILE, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        faults = open(open_private_append(folder / FAULT_FILE), "a", encoding="utf-8")  # noqa: SIM115  (kept open)
    except OSError as exc:
        logging.getLogger("kiosk").warning(
            "Cannot write logs in %s (%s): logging to stderr only.", folder, exc.strerror or type(exc).__name__
        )
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    logging.getLogger().addHandler(handler)
    if _fault_file is not None:
        _fault_file.close()
    _fault_file = faults
    faulthandler.enable(file=faults)
    return folder / LOG_FILE
