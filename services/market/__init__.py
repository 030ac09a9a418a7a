"""Market data for signals and charts: gamma exposure (GEX) levels from an option chain."""

from services.market.gex import GexLevels, black_scholes_gamma, gex_levels

__all__ = ["GexLevels", "black_scholes_gamma", "gex_levels"]
