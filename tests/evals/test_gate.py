"""The release gate: the gold set, in-process, must reach `evals/thresholds.yaml`.

The index lives in pytest's cache folder (never the developer's own data/): the first run
ingests cold, later runs re-ingest only what changed. No timing is asserted here.
"""

from __future__ import annotations

import pytest

from assistant.evals.gate import load_thresholds
from assistant.evals.session import DEFAULT_THRESHOLDS, EvalOptions, evaluate
from tests.conftest import make_settings


@pytest.mark.slow
def test_gold_set_meets_thresholds(request: pytest.FixtureRequest) -> None:
    from assistant.index.ingest import ingest

    settings = make_settings(request.config.cache.mkdir("eval-gate-index"))
    report = ingest(settings)
    assert report.ok, report.failed
    summary, rows = evaluate(settings, EvalOptions(out=None, baseline=False,
                                                   thresholds=DEFAULT_THRESHOLDS))
    assert len(rows) >= 150
    thresholds = load_thresholds(DEFAULT_THRESHOLDS)
    assert thresholds["min"], "thresholds.yaml has no minimums"
    failed = [g for g in summary["gates"] if not g["ok"]]
    assert not failed, "gate failed: " + "; ".join(
        f"{g['metric']}={g['value']} (needs {g['op']} {g['threshold']})" for g in failed
    )
