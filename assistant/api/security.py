"""API keys with roles, compared in constant time; the caller identity used by rate limits."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from typing import Literal

from starlette.datastructures import Headers

from assistant.api.errors import ApiError
from assistant.settings import Settings

Role = Literal["admin", "user"]


@dataclass(frozen=True)
class Caller:
    """Who is calling: a role when a valid key came with the request, else anonymous."""

    role: Role | None
    key_id: str | None  # short hash of a valid key: safe to log and to bucket on
    presented: bool = False  # a key was sent (valid or not)


def presented_key(headers: Headers) -> str | None:
    """`Authorization: Bearer <key>` or `X-API-Key: <key>`."""
    auth = headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return token.strip()
    key = headers.get("x-api-key", "").strip()
    return key or None


def key_id(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]


class KeyRing:
    """The configured keys. Every candidate is compared, so timing does not reveal which."""

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self._keys = [(k.encode("utf-8"), role) for k, role in pairs]

    @classmethod
    def from_settings(cls, settings: Settings) -> KeyRing:
        return cls(settings.api_key_roles())

    def role_of(self, key: str) -> Role | None:
        given = key.encode("utf-8", "surrogatepass")
        found: Role | None = None
        for candidate, role in self._keys:
            if hmac.compare_digest(given, candidate) and found is None:
                found = "admin" if role == "admin" else "user"
        return found

    def identify(self, headers: Headers) -> Caller:
        """Who sent the request. An unknown key only matters where a key is required: OpenAI
        clients always send one, and open chat should keep working for them."""
        key = presented_key(headers)
        if key is None:
            return Caller(role=None, key_id=None)
        role = self.role_of(key)
        if role is None:
            return Caller(role=None, key_id=None, presented=True)
        return Caller(role=role, key_id=key_id(key), presented=True)


def require_key(caller: Caller) -> None:
    if caller.role is None and caller.presented:
        raise ApiError(
            401,
            "invalid_api_key",
            "The API key is not valid. Send a configured key as 'Authorization: Bearer "
            "<key>' or 'X-API-Key: <key>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    if caller.role is None:
        raise ApiError(
            401,
            "api_key_required",
            "This endpoint needs an API key: send 'Authorization: Bearer <key>' or "
            "'X-API-Key: <key>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )


def require_admin(caller: Caller) -> None:
    if caller.presented and caller.role is None:
        # A key was sent but it is not one of ours: the caller is identified as nobody with
        # rights here, which is a refusal (403), not a missing credential (401).
        raise ApiError(
            403,
            "invalid_api_key",
            "The API key is not valid for this endpoint. Send a configured admin key as "
            "'Authorization: Bearer <key>' or 'X-API-Key: <key>'.",
        )
    require_key(caller)
    if caller.role != "admin":
        raise ApiError(403, "forbidden", "This endpoint needs an API key with the admin role.")
