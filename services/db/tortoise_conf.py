"""Configuration for Tortoise's own CLI when generating migrations (a developer tool).

    tortoise -c services.db.tortoise_conf.TORTOISE_ORM makemigrations -n <name>

Migrations are derived from the models alone, so an in-memory database is enough here;
`tastybot migrate` applies them to the configured DATABASE_URL.
"""

from services.db.setup import tortoise_config

TORTOISE_ORM = tortoise_config("sqlite://:memory:")
