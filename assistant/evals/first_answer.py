"""Child process for the bench: seconds from process start to the first answer, as JSON."""

from __future__ import annotations

import json
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


def main() -> None:
    from assistant.chat.answer import Message
    from assistant.chat.pipeline import AnswerPipeline

    pipeline = AnswerPipeline.from_settings()
    answer = pipeline.answer([Message(role="user", content="What is IMMEX?")])
    print(json.dumps({"seconds": process_age(), "status": answer.status.value}))


if __name__ == "__main__":
    main()
