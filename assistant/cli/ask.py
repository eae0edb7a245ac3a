"""`assistant ask "…"` (one turn) and `assistant chat` (interactive, with history)."""

from __future__ import annotations

import json as _json
from typing import TYPE_CHECKING, Annotated, Literal, cast

import typer

if TYPE_CHECKING:
    from assistant.chat.answer import Answer, Message
    from assistant.chat.pipeline import AnswerPipeline

LangOption = Annotated[
    str | None, typer.Option("--lang", help="Answer language: en or es (default: detected).")
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the Answer as JSON.")]
SalesOption = Annotated[
    bool, typer.Option("--sales", help="Sales-staff audience: legal references inline.")
]


def _lang(value: str | None) -> Literal["en", "es"] | None:
    if value is None:
        return None
    if value not in ("en", "es"):
        raise typer.BadParameter("use en or es", param_hint="--lang")
    return cast(Literal["en", "es"], value)


def _pipeline() -> AnswerPipeline:
    from assistant.chat.pipeline import AnswerPipeline

    return AnswerPipeline.from_settings()


def render(answer: Answer) -> str:
    """Human output: status, answer, citations (inside the text), follow-ups, timings."""
    total = sum(t.ms for t in answer.timings)
    lines = [
        f"[{answer.status.value}] route={answer.route} ({answer.route_confidence:.2f}) "
        f"lang={answer.lang}",
        "",
        answer.text,
    ]
    if answer.notice:
        lines += ["", f"Notice: {answer.notice}"]
    if answer.follow_ups:
        lines += ["", "Follow-ups:", *[f"  - {q}" for q in answer.follow_ups]]
    steps = " ".join(f"{t.step}={t.ms:.1f}" for t in answer.timings)
    lines += ["", f"Timings (ms): total={total:.1f} {steps}"]
    return "\n".join(lines)


def _run(pipeline: AnswerPipeline, history: list[Message], lang: str | None, sales: bool) -> Answer:
    from assistant.chat.guard import ConversationError

    try:
        return pipeline.answer(history, lang=_lang(lang), audience="sales" if sales else "investor")
    except ConversationError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from exc


def ask(
    question: Annotated[str, typer.Argument(help="The question, in English or Spanish.")],
    json: JsonOption = False,
    lang: LangOption = None,
    sales: SalesOption = False,
) -> None:
    """Answer one question."""
    from assistant.chat.answer import Message

    answer = _run(_pipeline(), [Message(role="user", content=question)], lang, sales)
    typer.echo(answer.model_dump_json(indent=2) if json else render(answer))


def chat(json: JsonOption = False, lang: LangOption = None, sales: SalesOption = False) -> None:
    """Interactive conversation; the history is resent each turn. Empty line or 'exit' quits."""
    from assistant.chat.answer import Message

    pipeline = _pipeline()
    history: list[Message] = []
    while True:
        try:
            line = input("you> ").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not line or line.lower() in {"exit", "quit", "salir"}:
            break
        history.append(Message(role="user", content=line))
        answer = _run(pipeline, history[-49:], lang, sales)
        history.append(Message(role="assistant", content=answer.text))
        typer.echo(_json.dumps(answer.model_dump(mode="json")) if json else render(answer))
        typer.echo("")


def register(app: typer.Typer) -> None:
    app.command("ask")(ask)
    app.command("chat")(chat)
