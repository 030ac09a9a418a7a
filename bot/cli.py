"""The `tastybot` command: run, demo, migrate, rotate-key, simulator."""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from collections.abc import Sequence
from typing import Protocol

from bot import __version__
from bot.logging_setup import configure_logging
from bot.settings import RunMode, Settings, load_settings
from services import event_loop
from services.errors import (
    ConfigurationError,
    DatabaseUnavailableError,
    StartupError,
    TastybotError,
)

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2

# The production image leaves out the simulator and the simulated Discord.
NOT_INSTALLED = (
    "{what}: not part of this installation; it needs a source checkout with the `demo` extra "
    "(`make demo`)"
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tastybot", description="Tastybot: a Discord companion for Tastytrade traders."
    )
    parser.add_argument("--version", action="version", version=f"tastybot {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("run", help="connect to Discord and serve (needs DISCORD_TOKEN)")
    demo = commands.add_parser(
        "demo", help="play a scripted conversation against simulated Discord and Tastytrade"
    )
    demo.add_argument(
        "--interactive",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="after the script, read your own messages (default: when stdin is a terminal)",
    )
    demo.add_argument("--output", default="demo-output", help="where images and files are saved")
    demo.add_argument("--seed", type=int, default=7, help="seed of the simulated market")
    commands.add_parser("migrate", help="apply database migrations to DATABASE_URL")
    rotate = commands.add_parser(
        "rotate-key", help="add a new vault key and re-encrypt every stored secret with it"
    )
    rotate.add_argument(
        "--retire",
        action="store_true",
        help="after a rotation: check every secret reads with the newest key, drop the others",
    )
    commands.add_parser(
        "simulator",
        help="run the local Tastytrade API simulator (see `tastybot simulator -h`)",
        add_help=False,
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if args_list[:1] == ["simulator"]:
        return simulator(args_list[1:])
    parser = build_parser()
    args = parser.parse_args(args_list)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        settings = load_settings()
        quiet = args.command == "demo" and settings.log_level == "INFO"
        configure_logging("WARNING" if quiet else settings.log_level)
        if args.command == "run":
            return run(settings)
        if args.command == "demo":
            try:
                from bot.demo import run_demo
            except ImportError:
                print(NOT_INSTALLED.format(what="tastybot demo"), file=sys.stderr)
                return EXIT_USAGE

            return run_demo(
                settings, interactive=args.interactive, output=args.output, seed=args.seed
            )
        if args.command == "migrate":
            return migrate(settings)
        if args.command == "rotate-key":
            return rotate_key(settings, retire=args.retire)
    except ConfigurationError as exc:
        print(f"tastybot: configuration error: {exc.user_message}", file=sys.stderr)
        return EXIT_USAGE
    except (StartupError, DatabaseUnavailableError) as exc:
        print(f"tastybot: cannot start: {exc.user_message}", file=sys.stderr)
        return EXIT_USAGE
    except TastybotError as exc:
        print(f"tastybot: {exc.user_message}", file=sys.stderr)
        return EXIT_FAILURE
    except KeyboardInterrupt:
        return EXIT_FAILURE
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE  # pragma: no cover - parser.error exits


def run(settings: Settings) -> int:
    """Connect to Discord for real."""
    if settings.discord_token is None or not settings.discord_token.get_secret_value().strip():
        print(
            "tastybot run: DISCORD_TOKEN is not set; create a bot at "
            "https://discord.com/developers/applications and put its token in DISCORD_TOKEN "
            "(see .env.example).",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from bot.bootstrap import build_bot

    bot = build_bot(settings)
    token = settings.discord_token.get_secret_value()

    async def runner() -> None:
        async with bot:
            install_shutdown_handlers(bot)
            await bot.prepare()  # web page, database and vault key before Discord
            await start_discord(bot, token)

    event_loop.run(runner())
    return EXIT_OK


class _DiscordClient(Protocol):
    async def start(self, token: str) -> None: ...


async def start_discord(bot: _DiscordClient, token: str) -> None:
    """Log in and stay connected; a refused token or an unreachable Discord is one line."""
    import aiohttp
    import discord

    try:
        await bot.start(token)
    except discord.LoginFailure:
        raise StartupError(
            "Discord refused DISCORD_TOKEN (invalid or reset token); copy the current one from "
            "the Discord developer portal"
        ) from None
    except (aiohttp.ClientConnectionError, OSError, TimeoutError) as exc:
        raise StartupError(
            f"Discord is unreachable ({type(exc).__name__}); check the network and DNS"
        ) from None


class _Closable(Protocol):
    async def close(self) -> None: ...


def install_shutdown_handlers(bot: _Closable) -> None:
    """SIGTERM (Docker, Heroku) and SIGINT close the bot cleanly: web page, gateway, database."""
    loop = asyncio.get_running_loop()
    closing: set[asyncio.Task[None]] = set()

    def shut_down(signame: str) -> None:
        log.info("%s received: shutting down", signame)
        task = loop.create_task(bot.close())
        closing.add(task)
        task.add_done_callback(closing.discard)

    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, shut_down, sig.name)


def migrate(settings: Settings) -> int:
    """Apply every migration that is not applied yet."""
    from services.db import apply_migrations, close_db

    async def runner() -> None:
        try:
            await apply_migrations(settings.effective_database_url)
        finally:
            await close_db()

    asyncio.run(runner())
    print("tastybot: database is up to date")
    return EXIT_OK


def rotate_key(settings: Settings, *, retire: bool = False) -> int:
    """Add a new primary key and re-encrypt every stored secret under it; with ``retire``,
    drop the old keys once nothing needs them."""
    from bot.bootstrap import rotate_vault_key

    result = asyncio.run(rotate_vault_key(settings, retire=retire))
    if retire:
        print(f"tastybot: retired {result.retired} old key(s) ({result.where})")
    else:
        print(
            f"tastybot: re-encrypted {result.reencrypted} secret(s) with the new key "
            f"({result.where})"
        )
    return EXIT_OK


def simulator(argv: Sequence[str]) -> int:
    """The local Tastytrade simulator: a test tool, refused in real mode and off loopback."""
    try:
        settings = load_settings()
    except ConfigurationError as exc:
        print(f"tastybot: configuration error: {exc.user_message}", file=sys.stderr)
        return EXIT_USAGE
    if settings.mode is RunMode.REAL and "mode" in settings.model_fields_set:
        print(
            "tastybot simulator: refused with TASTYBOT_MODE=real; the simulator is a test tool",
            file=sys.stderr,
        )
        return EXIT_USAGE
    try:
        from simulator.server import main as simulator_main  # only the CLI wires the simulator
    except ImportError:
        print(NOT_INSTALLED.format(what="tastybot simulator"), file=sys.stderr)
        return EXIT_USAGE
    return simulator_main(list(argv))


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
