"""Orders typed in chat or made by signals: resolve, validate, risk limits, sandbox rehearsal,
production dry-run, confirmation, placement without duplicates, status, and a hash-chained
audit log of every step."""
