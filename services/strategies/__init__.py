"""Option strategies: the catalog and classifier, grouping of synced transactions into strategy
groups (orders, covered calls, rolls, wheel campaigns), P&L by group and by strategy, and the
trader's edits with persistent undo/redo."""

from services.strategies._model import Leg, LegSide, LegType, StrategyMatch
from services.strategies.catalog import CATALOG_KEYS, display_name
from services.strategies.classifier import classify

__all__ = ["CATALOG_KEYS", "Leg", "LegSide", "LegType", "StrategyMatch", "classify", "display_name"]
