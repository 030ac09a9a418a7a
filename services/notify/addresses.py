"""A trader's email address: set (pending until its link is opened), verify, show, remove.

Only a SHA-256 hash of the verification token is stored; the token itself exists only in the
email. Email notices go to a verified address only.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from services.db.models import Trader
from services.errors import TastybotError, ValidationError
from services.notify.mailer import Mailer, MailError
from services.redaction import redact
from services.traders import existing_trader, trader_for

log = logging.getLogger(__name__)

TOKEN_TTL = timedelta(hours=24)
# A second address may be asked for this long after the last one (the bot must not become a
# way to send many emails to strangers).
RESEND_COOLDOWN = timedelta(seconds=60)
TOKEN_BYTES = 32
MAX_TOKEN_CHARS = 64  # token_urlsafe(32) is 43 characters
VERIFY_PATH = "/email/verify"
MAX_ADDRESS_CHARS = 254  # RFC 5321 path limit
MAX_LOCAL_CHARS = 64

_TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
_LOCAL = re.compile(r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*")
_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")
_TLD = re.compile(r"(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})")


class EmailNotSentError(TastybotError):
    user_message = (
        "I could not send the verification email just now; check the address and try again "
        "in a few minutes."
    )


class EmailNotConfiguredError(TastybotError):
    user_message = (
        "Email is not configured on this Tastybot (the operator has not set SMTP_URL), so "
        "notices reach you by DM and in /inbox only."
    )


class VerificationOutcome(StrEnum):
    VERIFIED = "verified"
    EXPIRED = "expired"
    ALREADY_USED = "already_used"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class EmailStatus:
    """What the trader sees in ``/email show``."""

    address: str | None
    verified: bool
    pending: str | None
    pending_expires_at: datetime | None


@dataclass(frozen=True)
class PendingEmail:
    address: str
    expires_at: datetime


def normalise_address(text: str) -> str:
    """A plain ``local@domain`` address, the domain lower-cased; raises ValidationError.

    Deliberately stricter than RFC 5322: no quoted local parts, comments, display names,
    IP-literal domains or non-ASCII, since the address goes into mail headers.
    """
    if len(text) > MAX_ADDRESS_CHARS + 2:  # judged before any other work on the text
        raise ValidationError(f"That address is too long (the limit is {MAX_ADDRESS_CHARS}).")
    address = text.strip().strip("<>")
    if not address:
        raise ValidationError("Give me an address, e.g. `/email set you@example.com`.")
    if len(address) > MAX_ADDRESS_CHARS:
        raise ValidationError(f"That address is too long (the limit is {MAX_ADDRESS_CHARS}).")
    if not address.isascii():
        raise ValidationError("Use an address in plain ASCII (for example you@example.com).")
    local, at, domain = address.rpartition("@")
    labels = domain.split(".")
    valid = (
        bool(at)
        and 0 < len(local) <= MAX_LOCAL_CHARS
        and _LOCAL.fullmatch(local) is not None
        and len(labels) >= 2
        and all(_LABEL.fullmatch(label) for label in labels)
        and _TLD.fullmatch(labels[-1]) is not None
    )
    if not valid:
        raise ValidationError("That does not look like an email address (e.g. you@example.com).")
    return f"{local}@{domain.lower()}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def verification_link(base_url: str, token: str) -> str:
    return f"{base_url.rstrip('/')}{VERIFY_PATH}?token={token}"


def _verification_body(address: str, link: str) -> str:
    return (
        f"Hello,\n\nsomeone (hopefully you) asked Tastybot to send notices to {address}.\n"
        f"Open this link within 24 hours to confirm the address:\n\n{link}\n\n"
        "If you did not ask for this, ignore this email: nothing will be sent to you.\n"
    )


async def request_verification(
    discord_id: int,
    text: str,
    *,
    mailer: Mailer | None,
    base_url: str,
    now: datetime | None = None,
) -> PendingEmail:
    """Store ``text`` as the trader's pending address and email it a verification link.

    The verified address (if any) stays in use until the new one is confirmed. Raises
    ValidationError (bad address, asked again too soon), EmailNotConfiguredError or
    EmailNotSentError (then nothing stays pending).
    """
    address = normalise_address(text)
    if mailer is None:
        raise EmailNotConfiguredError()
    now = now or datetime.now(UTC)
    trader = await trader_for(discord_id)
    if trader.email_verified and trader.email == address:
        raise ValidationError(f"{address} is already your verified address.")
    last_expiry = trader.email_token_expires_at
    if last_expiry is not None and last_expiry - TOKEN_TTL + RESEND_COOLDOWN > now:
        raise ValidationError("I just sent a verification email; wait a minute before another.")
    token = secrets.token_urlsafe(TOKEN_BYTES)
    expires_at = now + TOKEN_TTL
    trader.email_pending = address
    trader.email_token_hash = hash_token(token)
    trader.email_token_expires_at = expires_at
    await trader.save(update_fields=["email_pending", "email_token_hash", "email_token_expires_at"])
    link = verification_link(base_url, token)
    try:
        await mailer.send_mail(
            address, "Confirm your email for Tastybot", _verification_body(address, link)
        )
    except MailError as exc:
        log.warning("verification email for trader %s not sent: %s", discord_id, redact(str(exc)))
        # Nothing pending that no email announced; keep the send time for the cooldown.
        await Trader.filter(id=trader.id, email_token_hash=hash_token(token)).update(
            email_pending=None, email_token_hash=None
        )
        raise EmailNotSentError() from None
    return PendingEmail(address, expires_at)


def is_wellformed_token(token: str) -> bool:
    return len(token) <= MAX_TOKEN_CHARS and _TOKEN.fullmatch(token) is not None


async def verify_token(token: str, *, now: datetime | None = None) -> VerificationOutcome:
    """Confirm the pending address whose link carried ``token`` (single use, 24 h)."""
    if not is_wellformed_token(token):
        return VerificationOutcome.UNKNOWN
    now = now or datetime.now(UTC)
    token_hash = hash_token(token)
    trader = await Trader.get_or_none(email_token_hash=token_hash)
    if trader is None:
        return VerificationOutcome.UNKNOWN
    if trader.email_pending is None:
        return VerificationOutcome.ALREADY_USED
    if trader.email_token_expires_at is None or trader.email_token_expires_at <= now:
        return VerificationOutcome.EXPIRED
    # Conditional on the pending row still being there: two clicks at once verify once.
    updated = await Trader.filter(
        id=trader.id, email_token_hash=token_hash, email_pending=trader.email_pending
    ).update(
        email=trader.email_pending,
        email_verified=True,
        email_pending=None,
        email_token_expires_at=None,
    )
    if not updated:
        return VerificationOutcome.ALREADY_USED
    log.info("trader %s verified an email address", trader.discord_id)
    return VerificationOutcome.VERIFIED


async def email_status(discord_id: int) -> EmailStatus:
    trader = await existing_trader(discord_id)
    if trader is None:
        return EmailStatus(None, False, None, None)
    return EmailStatus(
        address=trader.email,
        verified=trader.email_verified and trader.email is not None,
        pending=trader.email_pending,
        pending_expires_at=trader.email_token_expires_at if trader.email_pending else None,
    )


async def remove_email(discord_id: int) -> bool:
    """Forget the trader's address (verified and pending); False when there was none."""
    trader = await existing_trader(discord_id)
    if trader is None or (trader.email is None and trader.email_pending is None):
        return False
    await Trader.filter(id=trader.id).update(
        email=None,
        email_verified=False,
        email_pending=None,
        email_token_hash=None,
        email_token_expires_at=None,
    )
    return True
