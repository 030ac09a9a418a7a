"""Domain errors. Adapters (cogs, web handlers) map these to short replies in one place."""

from __future__ import annotations


class TastybotError(Exception):
    """Base of every error we expect and can explain to a user.

    ``user_message`` is safe to show: it never contains secrets or internal details.
    """

    user_message = "Something went wrong."

    def __init__(self, user_message: str | None = None) -> None:
        if user_message is not None:
            self.user_message = user_message
        super().__init__(self.user_message)


class ConfigurationError(TastybotError):
    """The operator's configuration is missing or malformed."""

    user_message = "Tastybot is not configured correctly."


class ValidationError(TastybotError):
    """The user's input cannot be used as given."""

    user_message = "That input is not valid."


class NotFoundError(TastybotError):
    """Something the user referred to does not exist (or is not theirs)."""

    user_message = "Not found."


class PermissionDeniedError(TastybotError):
    """The user may not do this here."""

    user_message = "You are not allowed to do that here."


class VaultError(TastybotError):
    """A secret could not be decrypted: wrong key, tampering, or corruption."""

    user_message = "A stored secret could not be read; please link your account again."


class BrokerError(TastybotError):
    """The broker refused or failed a request."""

    user_message = "Tastytrade did not accept the request."


class BrokerUnavailableError(BrokerError):
    """A transient broker failure (rate limit, 5xx, timeout); safe to retry later."""

    user_message = "Tastytrade is not answering right now; please try again shortly."


class DatabaseUnavailableError(TastybotError):
    """The database could not be reached (at start-up, after bounded retries)."""

    user_message = "The database is not reachable."


class StartupError(TastybotError):
    """Tastybot cannot start; the message tells the operator what to fix, in one line."""

    user_message = "Tastybot cannot start."


class AuthExpiredError(BrokerError):
    """Tastytrade no longer accepts the trader's grant (revoked, expired or wrong): re-link."""

    user_message = (
        "Tastytrade no longer accepts your linked credentials; link your account again with /link."
    )


class RateLimitedError(BrokerUnavailableError):
    """Tastytrade asked us to slow down (HTTP 429); ``retry_after`` is its hint in seconds."""

    user_message = "Tastytrade is rate-limiting requests; please try again in a minute."

    def __init__(self, user_message: str | None = None, *, retry_after: float | None = None):
        super().__init__(user_message)
        self.retry_after = retry_after


class AccessTokenRejectedError(BrokerUnavailableError):
    """The short-lived access token was refused before its expiry (HTTP 401 on an API call):
    refresh it and try again; the grant itself may still be fine."""


class RejectedError(BrokerError):
    """Tastytrade understood the request and refused it (a 4xx with a reason)."""


class NotLinkedError(NotFoundError):
    """The trader has no credentials for that environment."""

    user_message = "You have not linked a Tastytrade account for that environment yet; use /link."


class GrantMissingError(NotLinkedError):
    """No live grant for ``environment`` (never linked, or unlinked since)."""

    def __init__(self, environment: str) -> None:
        self.environment = environment
        super().__init__(
            f"Link your Tastytrade {environment} account first (`/link {environment}`)."
        )


class SyncInProgressError(TastybotError):
    """A sync of this trader is already running (in this process or another one)."""

    user_message = "A sync of your accounts is already running; wait for it to finish."
