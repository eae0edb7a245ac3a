"""Facts about the running process that CLI reports share."""

from __future__ import annotations

import os
from pathlib import Path


def process_age() -> float | None:
    """Seconds since this process started (Linux /proc), imports and model load included."""
    try:
        ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None
    return uptime - ticks / os.sysconf("SC_CLK_TCK")
