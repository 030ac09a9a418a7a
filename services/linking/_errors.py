"""Why a link could not be made, each with a message the trader can act on."""

from __future__ import annotations

from services.errors import (
    BrokerError,
    NotFoundError,
    PermissionDeniedError,
    ValidationError,
)


class LinkStateError(ValidationError):
    """A one-time link or OAuth ``state`` cannot be used (the subclasses say why)."""

    user_message = "This link is not valid. Run /link in Discord to get a new one."


class UnknownStateError(LinkStateError):
    """No such link or state: mistyped, forged, or cleaned up long after it expired."""


class StateReusedError(LinkStateError):
    """The link or state was already used once (they are single use)."""

    user_message = "This link was already used. Run /link in Discord to get a new one."


class StateExpiredError(LinkStateError):
    """The link or state is older than its 10 minutes."""

    user_message = "This link has expired (links last 10 minutes). Run /link in Discord again."


class WrongUserError(LinkStateError, PermissionDeniedError):
    """The authorization was started by another Discord user than the one finishing it."""

    user_message = (
        "This authorization belongs to a different Discord user than the one who opened the "
        "link in this browser. Nothing was linked. Run /link yourself to link your account."
    )


class OtherBrowserError(LinkStateError):
    """The callback arrived in a browser that did not open the start link."""

    user_message = (
        "This authorization was not started in this browser (or its cookies are blocked). "
        "Open the link from /link in the same browser and try again."
    )


class MissingCodeError(ValidationError):
    """Tastytrade's redirect carried no authorization code."""

    user_message = "Tastytrade sent no authorization code. Run /link in Discord and try again."


class ConsentDeniedError(PermissionDeniedError):
    """The trader declined on Tastytrade's consent page (or Tastytrade reported an error)."""

    user_message = "Tastytrade reported that access was not granted, so nothing was linked."


class AuthorizationCodeRejectedError(BrokerError):
    """Tastytrade refused the authorization code (expired, used, or for another client)."""

    user_message = (
        "Tastytrade did not accept the authorization (it expired or was already used). "
        "Run /link in Discord and try again."
    )


class GrantRejectedError(BrokerError):
    """Tastytrade refused the grant during verification, so nothing was saved."""


class NothingLinkedError(NotFoundError):
    """``/forget`` found nothing to forget."""

    user_message = "You have no linked Tastytrade credentials to forget."
