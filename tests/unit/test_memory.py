"""Memory a visit leaves freed goes back to the system (kiosk/views/gc.py ``give_back_freed_memory``)."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHURN = """
import ctypes, os, threading
from kiosk.views.gc import give_back_freed_memory

libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.free.argtypes = [ctypes.c_void_p]

def rss_kb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024

def visit():  # a worker thread decodes a visitor's documents: ~40 MB in its own arena, then frees them
    blocks = [libc.malloc(2000) for _ in range(20000)]
    for block in blocks:
        ctypes.memset(block, 1, 2000)
    for block in blocks[:-1]:
        libc.free(block)  # one stays, as something always does: the arena cannot simply shrink from its top

worker = threading.Thread(target=visit)
worker.start()
worker.join()
before = rss_kb()
give_back_freed_memory()
print(before, rss_kb())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's allocator, read from /proc")
def test_memory_freed_in_a_worker_thread_goes_back_to_the_system() -> None:
    result = subprocess.run([sys.executable, "-c", CHURN], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    before, after = map(int, result.stdout.split())
    assert before - after > 20_000, (before, after)  # KiB: most of the 40 MB freed
