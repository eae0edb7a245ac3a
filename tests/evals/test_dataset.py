from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from assistant.evals.dataset import CATEGORIES, DatasetError, load_dataset
from assistant.evals.session import DEFAULT_DATASET
from assistant.settings import REPO_ROOT


def _write(tmp_path: Path, *rows: object) -> Path:
    path = tmp_path / "other.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_unknown_keys_are_ignored_and_optional_keys_defaulted(tmp_path: Path) -> None:
    path = _write(tmp_path, {"id": "x1", "question": "Q?", "lang": "es", "category": "faq",
                             "owner": "someone", "difficulty": 3})
    (item,) = load_dataset(path)
    assert item.id == "x1" and item.lang == "es"
    assert item.must_include == [] and item.gold_sources == [] and item.expected_rule is None
    assert item.accepted_statuses is None
    assert item.user_turns == ["Q?"]


def test_out_of_scope_without_status_accepts_both_declines(tmp_path: Path) -> None:
    (item,) = load_dataset(_write(tmp_path, {"id": "o", "question": "Weather?",
                                             "category": "out_of_scope"}))
    assert item.accepted_statuses == {"out_of_scope", "not_covered"}


def test_turns_replace_question(tmp_path: Path) -> None:
    (item,) = load_dataset(_write(tmp_path, {"id": "m", "turns": ["a", "b"]}))
    assert item.user_turns == ["a", "b"]


@pytest.mark.parametrize(
    "row, message",
    [({"id": "a"}, "question"), ({"question": "q"}, "id"), ([1, 2], "JSON object")],
)
def test_bad_lines_name_the_problem(tmp_path: Path, row: object, message: str) -> None:
    with pytest.raises(DatasetError, match=message):
        load_dataset(_write(tmp_path, row))


def test_duplicate_ids_and_missing_files_are_reported(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match="duplicate"):
        load_dataset(_write(tmp_path, {"id": "a", "question": "q"}, {"id": "a", "question": "r"}))
    with pytest.raises(DatasetError, match="no such"):
        load_dataset(tmp_path / "missing.jsonl")


def test_gold_set_meets_the_brief() -> None:
    items = load_dataset(DEFAULT_DATASET)
    langs = Counter(i.lang for i in items)
    cats = Counter(i.category for i in items)
    assert len(items) >= 150 and langs["en"] >= 100 and langs["es"] >= 40
    assert cats["multi_turn"] >= 15 and set(cats) <= set(CATEGORIES)
    assert all(len(i.turns) >= 2 for i in items if i.category == "multi_turn")
    notes = {p.stem + "-" + p.parent.name for p in (REPO_ROOT / "knowledge").glob("*/*.md")
             if p.parent.name in ("en", "es") and p.name != "README.md"}
    for item in items:
        assert set(item.gold_sources) <= notes, item.id
        assert all(s.endswith(item.lang) for s in item.gold_sources), item.id
        if item.category == "eligibility":
            assert item.expected_rule and item.expected_verdict, item.id
