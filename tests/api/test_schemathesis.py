"""Property-based run over the OpenAPI document: no 5xx, every status, content type, header
and body as documented. Bounded so the whole run stays well under two minutes.

The schema comes from `app.openapi()` (pure: no model loaded at import); the cases run
against an app whose lifespan has loaded the pipeline over the session index.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from assistant.api import create_app
from tests.api.conftest import ADMIN, api_settings

# positive_data_acceptance is left out on purpose: some schema-valid conversations are refused
# by the guard (last turn from the assistant, blank text after cleaning) with a documented 422.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
]

_DOC = create_app(api_settings(Path(tempfile.gettempdir()) / "immex-schema-only")).openapi()
SCHEMA = schemathesis.openapi.from_dict(_DOC)


@pytest.fixture(scope="module")
def fuzz_client(index_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    feedback = tmp_path_factory.mktemp("fuzz") / "feedback.sqlite3"
    app = create_app(api_settings(index_dir, feedback_db=feedback))
    with TestClient(app, raise_server_exceptions=False) as client:
        yield client


@pytest.mark.slow
@SCHEMA.parametrize()
@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_api_conforms_to_its_schema(case: Any, fuzz_client: TestClient) -> None:
    kwargs = case.as_transport_kwargs(base_url=str(fuzz_client.base_url), headers=ADMIN)
    response = fuzz_client.request(**kwargs)
    case.validate_response(response, checks=CHECKS)
