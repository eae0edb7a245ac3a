"""The conversational answer pipeline: conversation -> grounded, cited `Answer`."""

from assistant.chat.answer import Answer, AnswerStatus, Citation, Message, StepTiming

__all__ = ["Answer", "AnswerStatus", "Citation", "Message", "StepTiming"]
