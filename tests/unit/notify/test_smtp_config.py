"""SMTP_URL parsing and the message the mailer builds (no network)."""

from __future__ import annotations

import pytest

from services.errors import ConfigurationError
from services.notify.mailer import SmtpConfig, SmtpMailer, clean_subject, parse_smtp_url


def test_smtp_url_means_starttls_on_the_submission_port() -> None:
    config = parse_smtp_url("smtp://bot%40example.com:p%40ss@mail.example.com")

    assert (config.hostname, config.port, config.implicit_tls) == ("mail.example.com", 587, False)
    assert (config.username, config.password) == ("bot@example.com", "p@ss")
    assert config.start_tls is True


def test_smtps_url_means_implicit_tls() -> None:
    config = parse_smtp_url("smtps://user:pw@mail.example.com:2465")

    assert (config.port, config.implicit_tls, config.start_tls) == (2465, True, False)


def test_a_loopback_relay_uses_starttls_only_when_offered() -> None:
    assert parse_smtp_url("smtp://127.0.0.1:2525").start_tls is None
    assert parse_smtp_url("smtp://localhost:25").start_tls is None


def test_the_password_is_not_in_the_repr() -> None:
    assert "hunter2" not in repr(parse_smtp_url("smtp://u:hunter2@mail.example.com"))


@pytest.mark.parametrize(
    "url",
    [
        "http://mail.example.com",
        "smtp://",
        "smtp://mail.example.com:99999",
        "smtp://mail.example.com:port",
        "smtp://u:p@mail.example.com/path",
        "smtp://mail.example.com?tls=no",
        "mail.example.com:587",
    ],
)
def test_malformed_smtp_urls_are_refused_without_echoing_them(url: str) -> None:
    with pytest.raises(ConfigurationError) as raised:
        parse_smtp_url(url)

    assert "SMTP_URL" in raised.value.user_message
    assert url not in raised.value.user_message or url == "smtp://"


def test_a_subject_cannot_inject_headers() -> None:
    mailer = SmtpMailer(SmtpConfig("127.0.0.1", 25, False), "Tastybot <bot@example.com>")

    message = mailer.message("t@example.com", "Hi\r\nBcc: victim@example.com", "body")

    assert message["Subject"] == "Hi Bcc: victim@example.com"
    assert message["Bcc"] is None
    assert clean_subject("\n\n") == "Tastybot"


def test_smtp_from_must_be_an_address() -> None:
    with pytest.raises(ConfigurationError):
        SmtpMailer(SmtpConfig("127.0.0.1", 25, False), "not an address")
