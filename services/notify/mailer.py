"""Outgoing email over SMTP (aiosmtplib): ``SMTP_URL`` parsing and one bounded send.

``smtp://user:password@host:587`` sends with STARTTLS (required, so credentials never cross
the wire in clear; on a loopback host STARTTLS is used when offered, for local relays and
tests), ``smtps://user:password@host:465`` with implicit TLS.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from typing import Protocol
from urllib.parse import unquote, urlsplit

import aiosmtplib

from services.errors import ConfigurationError

DEFAULT_PORTS = {"smtp": 587, "smtps": 465}
# Every SMTP step (connect, TLS, each command) gets this long; the whole send gets SEND_DEADLINE_S.
STEP_TIMEOUT_S = 10.0
SEND_DEADLINE_S = 30.0
MAX_SUBJECT_CHARS = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


class MailError(Exception):
    """An email could not be handed to the SMTP server (the message never names secrets)."""


class Mailer(Protocol):
    async def send_mail(self, to: str, subject: str, body: str) -> None:
        """Hand one plain-text email to the server; raise :class:`MailError` on failure."""
        ...


@dataclass(frozen=True)
class SmtpConfig:
    """Where and how to send, parsed from ``SMTP_URL``. ``password`` is excluded from repr."""

    hostname: str
    port: int
    implicit_tls: bool
    username: str | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def is_loopback(self) -> bool:
        if self.hostname == "localhost":
            return True
        try:
            return ipaddress.ip_address(self.hostname).is_loopback
        except ValueError:
            return False

    @property
    def start_tls(self) -> bool | None:
        """True: STARTTLS required; None: when offered (loopback only); False: implicit TLS."""
        if self.implicit_tls:
            return False
        return None if self.is_loopback else True


def parse_smtp_url(url: str) -> SmtpConfig:
    """``smtp://user:pass@host:port`` or ``smtps://...`` -> :class:`SmtpConfig`.

    Raises ConfigurationError naming what is wrong (never the URL, which holds a password).
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        raise ConfigurationError("SMTP_URL is not a valid URL") from None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        raise ConfigurationError("SMTP_URL must start with smtp:// (STARTTLS) or smtps:// (TLS)")
    if not parts.hostname:
        raise ConfigurationError("SMTP_URL must name a host")
    if parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ConfigurationError("SMTP_URL must not carry a path, a query or a fragment")
    username = unquote(parts.username) if parts.username else None
    password = unquote(parts.password) if parts.password else None
    return SmtpConfig(
        hostname=parts.hostname,
        port=port or DEFAULT_PORTS[scheme],
        implicit_tls=scheme == "smtps",
        username=username,
        password=password,
    )


def clean_subject(subject: str) -> str:
    """One header line: control characters (a CR/LF would inject headers) become spaces."""
    return _CONTROL.sub(" ", subject).strip()[:MAX_SUBJECT_CHARS] or "Tastybot"


class SmtpMailer:
    """A :class:`Mailer` that opens one SMTP connection per email (notices are rare)."""

    def __init__(
        self,
        config: SmtpConfig,
        sender: str,
        *,
        step_timeout: float = STEP_TIMEOUT_S,
        deadline: float = SEND_DEADLINE_S,
    ) -> None:
        _name, address = parseaddr(sender)
        if "@" not in address:
            raise ConfigurationError("SMTP_FROM must be an email address, e.g. Bot <bot@host>")
        self.config = config
        self.sender = sender
        self.envelope_sender = address
        self.step_timeout = step_timeout
        self.deadline = deadline

    def message(self, to: str, subject: str, body: str) -> EmailMessage:
        message = EmailMessage()
        message["From"] = self.sender
        message["To"] = to
        message["Subject"] = clean_subject(subject)
        message["Date"] = formatdate(localtime=False, usegmt=True)
        message["Message-ID"] = make_msgid(domain=self.envelope_sender.rsplit("@", 1)[1])
        message["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to a bot
        message.set_content(body)
        return message

    async def send_mail(self, to: str, subject: str, body: str) -> None:
        config = self.config
        try:
            async with asyncio.timeout(self.deadline):
                await aiosmtplib.send(
                    self.message(to, subject, body),
                    sender=self.envelope_sender,
                    recipients=[to],
                    hostname=config.hostname,
                    port=config.port,
                    username=config.username,
                    password=config.password,
                    use_tls=config.implicit_tls,
                    start_tls=config.start_tls,
                    timeout=self.step_timeout,
                )
        except TimeoutError:
            raise MailError(f"the SMTP server did not answer within {self.deadline:g} s") from None
        except aiosmtplib.SMTPException as exc:
            # The exception text is the server's reply; it names no credentials of ours.
            raise MailError(f"SMTP failure: {type(exc).__name__}: {exc}") from None
        except OSError as exc:
            raise MailError(f"cannot reach the SMTP server: {type(exc).__name__}") from None
