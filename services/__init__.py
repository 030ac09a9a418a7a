"""Tastybot's domain and use cases: the only code that touches the ORM or the broker."""
