"""`Annotated` dependencies: services, caller identity and the access rules per endpoint."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from assistant.api.security import Caller, require_admin, require_key
from assistant.api.services import Services
from assistant.settings import Settings


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


ServicesDep = Annotated[Services, Depends(get_services)]


def get_settings_dep(services: ServicesDep) -> Settings:
    return services.settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_caller(request: Request, services: ServicesDep) -> Caller:
    return services.keys.identify(request.headers)


CallerDep = Annotated[Caller, Depends(get_caller)]


def user_access(caller: CallerDep, services: ServicesDep) -> Caller:
    """Chat, rules, sources and feedback: open unless `chat_requires_key` is set."""
    if services.settings.chat_requires_key:
        require_key(caller)
    return caller


def admin_access(caller: CallerDep) -> Caller:
    require_admin(caller)
    return caller


UserDep = Annotated[Caller, Depends(user_access)]
AdminDep = Annotated[Caller, Depends(admin_access)]
