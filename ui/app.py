"""IMMEX Guide UI entry point: `streamlit run ui/app.py`. Talks to the API over HTTP only."""

from __future__ import annotations

import sys
from pathlib import Path

# `streamlit run ui/app.py` puts ui/ (not the repository root) on sys.path; the pages import
# the `ui` package, so the root must be importable however the app is launched.
_ROOT = str(Path(__file__).resolve().parents[1])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)

from ui.shell import main  # noqa: E402

main()
