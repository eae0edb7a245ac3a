"""What can go wrong talking to the API, as types the pages turn into banners."""

from __future__ import annotations


class ApiError(Exception):
    """Base class: every failure of the HTTP client is one of these, never a raw httpx error."""

    kind = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ApiUnavailable(ApiError):
    """Nothing answered at the configured URL (refused, DNS, reset before a reply)."""

    kind = "unavailable"


class ApiTimeout(ApiError):
    """The API accepted the connection but did not answer in time."""

    kind = "timeout"


class ApiResponseError(ApiError):
    """The API answered with an error status and (usually) its `{"error": ...}` shape."""

    kind = "response"

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.field = field

    def __str__(self) -> str:
        where = f" (field: {self.field})" if self.field else ""
        return f"{self.status} {self.code}: {self.message}{where}"
