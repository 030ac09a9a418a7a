"""Option strategies: the catalog and classifier, grouping of synced transactions into strategy
groups (orders, covered calls, rolls, wheel campaigns), P&L by group and by strategy, and the
trader's edits with persistent undo/redo."""

from services.strategies._model import Leg, LegSide, LegType, StrategyMatch

__all__ = ["Leg", "LegSide", "LegType", "StrategyMatch"]
