"""The allowed folders (USB keys, a demo folder) and what a visitor may see in them. Blocking; no Qt.

Symlinks and ``..`` are resolved before anything is listed or read: nothing outside the allowed folders is ever
shown, and hidden entries (dot files, the folders removable media carry for the system) are skipped.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Final

MAX_LISTED: Final = 500  # entries shown in one folder; a key with more is not browsed file by file

# Folders that removable media carry for the system, not for people.
_SYSTEM_FOLDERS = frozenset(
    {"system volume information", "$recycle.bin", "lost+found", "recycler", "thumbs.db", "desktop.ini"}
)


class OutsideFoldersError(ValueError):
    """A folder was asked for that is not under one of the allowed roots."""


@dataclass(frozen=True, slots=True)
class FolderEntry:
    path: Path
    name: str
    is_folder: bool
    size: int  # bytes; 0 for a folder
    modified: datetime


@dataclass(frozen=True, slots=True)
class FolderListing:
    """One place of the picker.

    ``folder`` is None at the top, where ``folders`` are the allowed roots that hold something.
    ``crumbs`` names the place from its root down (never an absolute path). ``can_go_up`` says whether there
    is a place above; it is ``parent`` (None for the top).
    """

    folder: Path | None
    crumbs: tuple[str, ...]
    can_go_up: bool
    parent: Path | None
    folders: tuple[FolderEntry, ...]
    files: tuple[FolderEntry, ...]
    truncated: bool = False

    @property
    def entries(self) -> tuple[FolderEntry, ...]:
        return self.folders + self.files

    @property
    def nothing_available(self) -> bool:
        """At the top with no root to offer: no key plugged, no folder."""
        return self.folder is None and not self.folders and not self.files


def resolved_roots(roots: Sequence[Path]) -> list[Path]:
    """The allowed folders that exist, resolved, each once."""
    found: list[Path] = []
    for root in roots:
        try:
            resolved = root.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if resolved.is_dir() and resolved not in found:
            found.append(resolved)
    return found


def root_of(path: Path, roots: Sequence[Path]) -> Path | None:
    """The deepest root holding ``path`` (both resolved), or None."""
    holders = [root for root in roots if path == root or path.is_relative_to(root)]
    return max(holders, key=lambda r: len(r.parts)) if holders else None


def _hidden(name: str) -> bool:
    return name.startswith(".") or name.casefold() in _SYSTEM_FOLDERS


def _scan(folder: Path, roots: Sequence[Path], limit: int) -> tuple[list[FolderEntry], list[FolderEntry], bool]:
    """Folders then files of ``folder``, each sorted by name; at most ``limit`` of them, the first in that order."""
    candidates: list[tuple[bool, str]] = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if _hidden(entry.name):
                continue
            try:
                is_folder = entry.is_dir()
            except OSError:
                continue
            candidates.append((not is_folder, entry.name))
    candidates.sort(key=lambda c: (c[0], c[1].casefold(), c[1]))
    folders: list[FolderEntry] = []
    files: list[FolderEntry] = []
    for _is_file, name in candidates:
        if len(folders) + len(files) >= limit:
            return folders, files, True
        path = folder / name
        try:
            target = path.resolve(strict=True)
            if root_of(target, roots) is None:
                continue  # a link out of the allowed folders: not shown
            info = target.stat()
        except (OSError, RuntimeError):
            continue
        modified = datetime.fromtimestamp(info.st_mtime)
        if stat.S_ISDIR(info.st_mode):
            folders.append(FolderEntry(path, name, True, 0, modified))
        elif stat.S_ISREG(info.st_mode):
            files.append(FolderEntry(path, name, False, info.st_size, modified))
    return folders, files, False


def _modified(path: Path) -> datetime:
    try:
        return datetime.fromtimestamp(path.stat().st_mtime)
    except OSError:
        return datetime.fromtimestamp(0)


def _has_visible_entries(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(not _hidden(entry.name) for entry in entries)
    except OSError:
        return False


def list_folder(roots: Sequence[Path], folder: Path | None, limit: int = MAX_LISTED) -> FolderListing:
    """The sub-folders and files of ``folder``, which must be under one of ``roots``.

    ``folder=None`` is the top: the roots that exist and hold something (with a single one, its content).
    Symlinks and ``..`` are resolved: nothing outside the roots is ever listed, hidden files are skipped.
    Raises OutsideFoldersError for a folder outside the roots, OSError when it cannot be read (key removed).
    """
    resolved = resolved_roots(roots)
    if folder is None:
        available = [root for root in resolved if _has_visible_entries(root)]
        if len(available) != 1:
            entries = [FolderEntry(root, root.name or str(root), True, 0, _modified(root)) for root in available]
            return FolderListing(None, (), False, None, tuple(entries), ())
        folder, single = available[0], True
    else:
        single = False
    try:
        target = folder.resolve(strict=True)
    except RuntimeError as exc:  # a symlink loop
        raise OSError(str(exc)) from None
    root = root_of(target, resolved)
    if root is None:
        raise OutsideFoldersError("not under an allowed folder")
    if not target.is_dir():
        raise NotADirectoryError("not a folder")
    folders, files, truncated = _scan(target, resolved, limit)
    crumbs = (root.name or str(root), *target.relative_to(root).parts)
    if target == root:
        only_one = single or len([r for r in resolved if _has_visible_entries(r)]) == 1
        can_go_up, parent = not only_one, None
    else:
        can_go_up, parent = True, target.parent
    return FolderListing(target, crumbs, can_go_up, parent, tuple(folders), tuple(files), truncated)
