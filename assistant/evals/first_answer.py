"""Child process for the bench: seconds from process start to the first answer, as JSON."""

from __future__ import annotations

import json

from assistant.process_info import process_age


def main() -> None:
    from assistant.chat.answer import Message
    from assistant.chat.pipeline import AnswerPipeline

    pipeline = AnswerPipeline.from_settings()
    answer = pipeline.answer([Message(role="user", content="What is IMMEX?")])
    print(json.dumps({"seconds": process_age(), "status": answer.status.value}))


if __name__ == "__main__":
    main()
