"""Command line of the central service: ``central catalogue check FILES``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from sync.catalogue_files import check_report, expand_paths


def main(argv: list[str] | None = None) -> int:
    top = argparse.ArgumentParser(prog="central", description="Central service of the town-hall kiosks.")
    sub = top.add_subparsers(dest="command", required=True)
    cat = sub.add_parser("catalogue", help="the catalogue of procedures that central serves to the kiosks")
    cat_sub = cat.add_subparsers(dest="catalogue_command", required=True)
    check = cat_sub.add_parser("check", help="validate a catalogue directory or files before loading them")
    check.add_argument("paths", nargs="+", type=Path)
    args = top.parse_args(argv)
    lines, ok = check_report(expand_paths(args.paths))
    print("\n".join(lines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
