from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from assistant.settings import PACKAGED_MODEL, Settings


def test_defaults_are_the_embedded_offline_product() -> None:
    settings = Settings()
    assert settings.chroma_url is None
    assert settings.embedding_model == PACKAGED_MODEL
    assert settings.knowledge_dir.name == "knowledge"
    assert settings.chroma_path == settings.data_dir / "chroma"


def test_reads_prefixed_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ASSISTANT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ASSISTANT_TOP_K", "7")
    monkeypatch.setenv("ASSISTANT_FUSION_WEIGHTS", "0.5,1.5")
    monkeypatch.setenv("ASSISTANT_CHROMA_URL", "http://127.0.0.1:8123/")
    monkeypatch.setenv("ASSISTANT_RELEVANCE_THRESHOLD", "0.42")
    settings = Settings()
    assert settings.data_dir == tmp_path
    assert settings.top_k == 7
    assert settings.fusion_weights == (0.5, 1.5)
    assert settings.chroma_url == "http://127.0.0.1:8123"
    assert settings.relevance_threshold == pytest.approx(0.42)


def test_reads_dotenv_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    env_file = tmp_path / ".env"
    env_file.write_text("ASSISTANT_COLLECTION=from_dotenv\nASSISTANT_API_PORT=9123\n")
    monkeypatch.setitem(Settings.model_config, "env_file", str(env_file))
    settings = Settings()
    assert settings.collection == "from_dotenv"
    assert settings.api_port == 9123


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"ASSISTANT_FUSION_WEIGHTS": "1"}, "two numbers"),
        ({"ASSISTANT_CHUNK_SIZE": "300", "ASSISTANT_CHUNK_OVERLAP": "300"}, "chunk_overlap"),
        ({"ASSISTANT_CHROMA_URL": "localhost:8000"}, "http://"),
        ({"ASSISTANT_TOP_K": "0"}, "top_k"),
    ],
)
def test_bad_values_are_refused_with_a_reason(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], fragment: str
) -> None:
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(ValidationError) as excinfo:
        Settings()
    assert fragment in str(excinfo.value)


def test_every_field_is_documented() -> None:
    undocumented = [name for name, f in Settings.model_fields.items() if not f.description]
    assert undocumented == []
