"""Orders typed in chat or made by signals: resolve, validate, risk limits, sandbox rehearsal,
production dry-run, confirmation, placement without duplicates, status, and a hash-chained
audit log of every step."""

# Light imports only: the pipeline (which loads spaCy through nlp) is imported where it is used.
from services.orders._context import OrderContext

__all__ = ["OrderContext"]
