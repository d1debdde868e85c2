"""``central`` and ``python -m central``: see central/cli.py."""

from __future__ import annotations

import sys

from central.cli import main

if __name__ == "__main__":
    sys.exit(main())
