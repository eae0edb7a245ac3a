"""The `assistant` command line: one Typer app, one module per command group."""

from __future__ import annotations

import typer

from assistant.cli import ask as _ask
from assistant.cli import check as _check
from assistant.cli import config as _config
from assistant.cli import evaluate as _evaluate
from assistant.cli import index as _index
from assistant.cli import serve as _serve

app = typer.Typer(
    name="assistant",
    help="IMMEX Guide: build the index, search it, ask questions, run checks, serve the API.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_index.register(app)
# Command groups owned by later modules register themselves below, one line each.
_check.register(app)
_serve.register(app)
_evaluate.register(app)
_ask.register(app)
_config.register(app)
