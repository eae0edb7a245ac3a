"""Rules as code: deterministic IMMEX eligibility and deadline checks over dated parameters.

Plain Python over plain data: nothing here imports LangChain, Chroma or FastAPI.
"""

from assistant.rules.models import (
    ParameterUsed,
    RuleInputError,
    RuleResult,
    RuleSpec,
    TraceStep,
    Verdict,
)
from assistant.rules.parameters import ParameterError, ParameterSet, load_parameters
from assistant.rules.registry import RULES, evaluate_rule, get_rule, parse_inputs

__all__ = [
    "RULES",
    "ParameterError",
    "ParameterSet",
    "ParameterUsed",
    "RuleInputError",
    "RuleResult",
    "RuleSpec",
    "TraceStep",
    "Verdict",
    "evaluate_rule",
    "get_rule",
    "load_parameters",
    "parse_inputs",
]
