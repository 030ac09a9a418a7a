"""Helpers shared by test modules (on pytest's `pythonpath`; not tests themselves)."""
