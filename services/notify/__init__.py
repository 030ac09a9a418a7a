"""Notifications to traders: the inbox, Discord DMs and email (see ``events`` for the port).

``NotificationService`` implements the ``Notifier`` port; ``inbox`` reads and marks the
trader's notifications; ``addresses`` sets and verifies the email address; ``mailer`` sends.
"""

from services.notify.events import Event, Notice, Notifier
from services.notify.mailer import Mailer, MailError, SmtpConfig, SmtpMailer, parse_smtp_url
from services.notify.service import Delivery, DirectMessenger, NotificationService

__all__ = [
    "Delivery",
    "DirectMessenger",
    "Event",
    "MailError",
    "Mailer",
    "Notice",
    "NotificationService",
    "Notifier",
    "SmtpConfig",
    "SmtpMailer",
    "parse_smtp_url",
]
