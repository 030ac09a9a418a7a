"""Signal rules: a trader's ``when <condition> then <order>`` rules, evaluated for every trader
by one :class:`SignalEvaluator`, whose firings send orders through the order pipeline."""

from services.signals.conditions import Evaluation, Observation, RuleState, evaluate
from services.signals.evaluator import SignalEvaluator, TickReport
from services.signals.firing import FiringResult, PreviewHook, SignalPreview, nearest_strike
from services.signals.ports import LevelsSnapshot, LevelsSource
from services.signals.rules import (
    MAX_RULES_PER_TRADER,
    RuleLimitError,
    RuleTest,
    RuleView,
    add_rule,
    delete_rule,
    get_rule,
    list_rules,
    parse_rule_id,
    pause_rule,
    resume_rule,
    test_rule,
)
from services.signals.sources import WatchersLevels

__all__ = [
    "MAX_RULES_PER_TRADER",
    "Evaluation",
    "FiringResult",
    "LevelsSnapshot",
    "LevelsSource",
    "Observation",
    "PreviewHook",
    "RuleLimitError",
    "RuleState",
    "RuleTest",
    "RuleView",
    "SignalEvaluator",
    "SignalPreview",
    "TickReport",
    "WatchersLevels",
    "add_rule",
    "delete_rule",
    "evaluate",
    "get_rule",
    "list_rules",
    "nearest_strike",
    "parse_rule_id",
    "pause_rule",
    "resume_rule",
    "test_rule",
]
