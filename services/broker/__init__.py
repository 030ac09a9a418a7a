"""Tastytrade broker access."""
