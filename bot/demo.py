"""`tastybot demo`: the real bot and cogs against simulated Discord and Tastytrade, offline.

It starts the Tastytrade simulator on loopback, a fresh SQLite database in ``data/demo/``, the
web page on 127.0.0.1, plays a scripted conversation and prints it, saves attachments to
``demo-output/``, then reads your own messages when run in a terminal (or with --interactive).
"""

from __future__ import annotations

import asyncio
import contextlib
import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

import aiohttp
import discord
from pydantic import SecretStr

from bot.bootstrap import build_bot
from bot.bot import BotOptions, Tastybot
from bot.discord_sim import Exchange, Press, SimulatedDiscord, render_message, save_attachments
from bot.settings import RunMode, Settings
from services import event_loop
from services.broker import BrokerConnection, BrokerRoute, Environment, broker_route, list_accounts

DEMO_DIR = Path("data") / "demo"
CALLBACK_PATH = "/oauth/tastytrade/callback"


@dataclass(frozen=True)
class Step:
    """One message the trader types. ``shown`` is what the transcript prints instead of
    ``content`` (secrets are never printed); ``dm`` types it in the bot's direct messages."""

    content: str
    shown: str | None = None
    dm: bool = False
    download: bool = False  # fetch the download link in the reply and print its first lines
    press: str | None = None  # then press the button with this label on the newest reply
    tick: bool = False  # then run one tick of the signal rules and show what the bot sent

    @property
    def printed(self) -> str:
        return self.shown or self.content


OPENING: Sequence[Step] = (
    Step("!help"),
    Step("!about"),
    Step("!help about"),
    Step("!parse BTO SPY 12/18 600C @ 2.15"),
    Step("!parse sell to open 2 AAPL 190 puts dec 18 limit 1.35 gtc"),
    Step("!parse anyone buying SPY calls today?"),
    Step("!parse sell 2 AMD 20 12/18 call"),  # ambiguous: the "Did you mean ...?" choice
    Step("!parse BTO 1 SPY 600c 12/18 @ 2.15, my cousin swears this rockets"),  # not sure
    # the rules read a question, the second opinion an order: read, and asked about first
    Step("!parse sell 3 VZ 40p 12/18 for .45, wdyt"),
    # a correction typed on the line under the order: the corrected order is the one read
    Step("!parse BTO 2 SPY 600c 12/18 @ 2.15\n*605c, 1.90"),
    # positions pasted with the order pointing at a row: the row's contract is the one traded
    Step(
        "!parse TSLA $600 Call 1/15 · 2 contracts · avg $15.55 · mark $21.90\n"
        "AMD $265 Call 1/15 · 2 contracts · avg $6.20 · mark $6.40\n"
        "STC the TSLA line, both @ 21.90"
    ),
    # a sheet of spreads held: "row 1" closes its spread leg by leg, as held
    Step(
        "!parse # | tkr | spread | exp | qty\n"
        "1 | SPY | 625/620 PCS | 1/15 | -4\n"
        "2 | IWM | 230/225 PCS | 1/15 | -2\n"
        "BTC row 1 @ .20 gtc"
    ),
    # a jade lizard named by its three strikes: the put and the lower call sold, the higher
    # call bought, leg by leg
    Step("!parse STO 1 NVDA 420/500/505 jade lizard 1/15 @ 7.90 cr"),
    # a stop order is refused: read as a limit or a market order it would trade now
    Step("!parse sell 50 AAPL stop 240 gtc"),
)

CLOSING: Sequence[Step] = (
    Step("!sync"),
    Step("!sync status"),
    Step("!sync history"),
    Step("!dashboard"),
    Step("!positions"),
    Step("!pnl ytd"),
    Step("!trades ytd"),
    Step("!strategies"),
    Step("!strategy rename 1 Demo position"),
    Step("!undo"),
    Step("!strategy history"),
    Step("!chart pnl ytd"),
    Step("!chart breakdown ytd by: strategy"),
    Step("!chart calendar"),
    Step("!chart payoff STO 1 SPY iron condor 560/570/630/640 next month @ 2.10"),
    Step("!sync"),  # a second balance snapshot: the equity curve needs two
    Step("!chart equity"),
    Step("!settings risk production on", press="Turn production trading on"),
    Step("!settings risk account 5WT00001"),
    Step("!qualify single_option_market"),
    Step("!order buy 1 SPY 600 call expiring next month at market", press="Confirm"),
    # a chat line with talk the parser does not read: asked "Is this an order?" first
    Step(
        "buy 1 SPY 600 call expiring next month at market, my cousin swears this rockets",
        dm=True,
        press="No, ignore it",
    ),
    Step("!orders today"),
    Step("!gex SPY"),
    # a state rule fires on the first tick that sees SPY above the level (SPY is near 600)
    Step(
        "!signal add when SPY above 550 then buy 1 SPY 600 call expiring next month at market auto",
        tick=True,
    ),
    Step("!signal list"),
    Step("!inbox"),
    Step("!settings"),
    Step("!nonsense"),
)
DOWNLOAD_LINK = re.compile(r"https?://[^\s)>\]]+/download/[A-Za-z0-9._~-]+")
DOWNLOAD_PREVIEW_LINES = 4


def linking_steps(credentials: dict[str, dict[str, str]]) -> list[Step]:
    """Link both simulated environments with personal grants (in DMs, where the prefix form is
    allowed), paste a secret in the channel (the guard deletes it), and ask for the OAuth
    sign-in link."""
    steps = [
        Step(
            f"!link {env} {credentials[env]['client_secret']} {credentials[env]['refresh_token']}",
            shown=f"!link {env} <client secret> <refresh token>",
            dm=True,
        )
        for env in ("sandbox", "production")
    ]
    steps.append(
        Step(
            f"here's my token {credentials['production']['refresh_token']}",
            shown="here's my token <refresh token>",
        )
    )
    steps.append(Step("!link production"))
    return steps


def export_steps(year: int) -> list[Step]:
    """Export this year's transactions and open the link; the 8949-style CSV as an attachment."""
    return [
        Step(f"!export transactions {year}", download=True),
        Step(f"!export pnl {year} 8949"),
    ]


def script(credentials: dict[str, dict[str, str]], year: int) -> list[Step]:
    """The whole scripted conversation for a simulator with these credentials."""
    closing = list(CLOSING)
    at = closing.index(Step("!inbox"))
    return [
        *OPENING,
        *linking_steps(credentials),
        *closing[:at],
        *export_steps(year),
        *closing[at:],
    ]


class DemoPrinter:
    def __init__(self, out: TextIO, output_dir: Path) -> None:
        self.out = out
        self.output_dir = output_dir

    def say(self, text: str = "") -> None:
        print(text, file=self.out, flush=True)

    def prompt(self, text: str) -> None:
        print(text, end="", file=self.out, flush=True)

    async def download(self, exchange: Exchange) -> None:
        """Open the first download link the bot sent, as the trader would, and show the top."""
        links = _links_in(exchange.replies)
        if not links:
            self.say("(no download link in the reply)")
            return
        self.say(f"\n(downloading {links[0].split('/download/')[0]}/download/…)")
        for line in await _download_preview(links[0]):
            self.say(f"  | {line}")

    async def pressed(self, label: str, result: tuple[discord.Message, Press] | None) -> None:
        """Show a button press and the message as the press left it."""
        self.say(f"\n(the trader presses [{label}])")
        if result is None:
            self.say("(no button to press)")
            return
        message, press = result
        if press.response.sent:
            self.say(_indent(press.response.sent))
        edited = press.response.edited or {}
        if edited.get("content"):
            self.say(_indent(str(edited["content"])))
        self.say(_indent(render_message(await _latest(message))))

    async def ticked(self, sent: Sequence[discord.Message], bot_name: str) -> None:
        """Show what the bot sent on its own during one tick of the signal rules."""
        self.say("\n(the signal rules are evaluated: one tick, as every 15 seconds)")
        if not sent:
            self.say(f"{bot_name} (sent nothing)")
        for message in sent:
            where = " (DM)" if isinstance(message.channel, discord.DMChannel) else ""
            self.say(f"{bot_name}{where} >")
            self.say(_indent(render_message(await _latest(message))))

    async def exchange(self, exchange: Exchange, bot_name: str, shown: str | None = None) -> None:
        where = " (DM)" if exchange.in_dm else ""
        self.say(f"\n{exchange.author}{where} > {shown or exchange.content}")
        if not exchange.replies:
            self.say(f"{bot_name} (no reply)")
        for sent in exchange.replies:
            message = await _latest(sent)
            self.say(f"{bot_name} >")
            self.say(_indent(render_message(message)))
            for path in await save_attachments(message, self.output_dir):
                self.say(f"  (saved {path})")


async def _download_preview(url: str) -> list[str]:
    """The first lines of a download link's file, fetched as a browser would."""
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        if response.status != 200:
            return [f"(the link answered HTTP {response.status})"]
        lines: list[str] = []
        async for raw in response.content:
            lines.append(raw.decode("utf-8", "replace").rstrip("\r\n"))
            if len(lines) == DOWNLOAD_PREVIEW_LINES:
                break
        return lines


async def _latest(message: discord.Message) -> discord.Message:
    """The message as it reads now: progress messages are edited after they are sent."""
    try:
        return await message.channel.fetch_message(message.id)
    except discord.HTTPException:
        return message


def _links_in(messages: Sequence[discord.Message]) -> list[str]:
    texts = []
    for message in messages:
        texts.append(message.content or "")
        for embed in message.embeds:
            texts.append(embed.description or "")
            texts.extend(field.value or "" for field in embed.fields)
    return [link for text in texts for link in DOWNLOAD_LINK.findall(text)]


def _indent(text: str) -> str:
    return "\n".join("  " + line for line in text.splitlines())


def prepare_directories(demo_dir: Path, output_dir: Path) -> None:
    """A fresh demo database directory every run; the output directory is kept."""
    if demo_dir.exists():
        shutil.rmtree(demo_dir)
    demo_dir.mkdir(parents=True)
    output_dir.mkdir(parents=True, exist_ok=True)


def demo_settings(
    settings: Settings,
    data_dir: Path,
    tastytrade_url: str,
    web_port: int,
    credentials: dict[str, dict[str, str]],
) -> Settings:
    """The operator's settings, pointed at a throwaway database, a loopback web page and the
    simulated Tastytrade, whose OAuth clients stand in for the operator's."""
    return settings.model_copy(
        update={
            "mode": RunMode.DEMO,
            "tastytrade_base_url": tastytrade_url,
            "database_url": SecretStr(f"sqlite://{data_dir / 'tastybot.sqlite3'}"),
            "data_dir": data_dir,
            "web_host": "127.0.0.1",
            "web_port": web_port,
            "public_base_url": None,
            "command_prefix": "!",
            "oauth_client_id": credentials["production"]["oauth_client_id"],
            "oauth_client_secret": SecretStr(credentials["production"]["client_secret"]),
            "sandbox_oauth_client_id": credentials["sandbox"]["oauth_client_id"],
            "sandbox_oauth_client_secret": SecretStr(credentials["sandbox"]["client_secret"]),
        }
    )


async def show_linked_accounts(
    printer: DemoPrinter, credentials: dict[str, dict[str, str]], route: BrokerRoute
) -> None:
    """Read both simulated environments through the real SDK, as a linked trader would."""
    for environment in (Environment.SANDBOX, Environment.PRODUCTION):
        creds = credentials[environment.value]
        connection = BrokerConnection(
            environment=environment,
            client_secret=SecretStr(creds["client_secret"]),
            refresh_token=SecretStr(creds["refresh_token"]),
            route=route,
        )
        for account in await list_accounts(connection):
            printer.say(
                f"  {environment:<10} {account.account_number}  {account.account_type:<22}"
                f" {account.margin_or_cash:<7} net liq ${account.net_liquidating_value:,.2f}"
            )


async def play(
    settings: Settings,
    *,
    interactive: bool,
    output_dir: Path,
    seed: int,
    out: TextIO,
    lines: TextIO,
) -> int:
    from simulator.server import free_port, run_simulator  # demo wiring only

    output_dir, demo_dir = await asyncio.to_thread(
        lambda: (output_dir.resolve(), DEMO_DIR.resolve())
    )
    printer = DemoPrinter(out, output_dir)
    await asyncio.to_thread(prepare_directories, demo_dir, output_dir)
    web_port = free_port()
    callback = f"http://127.0.0.1:{web_port}{CALLBACK_PATH}"
    # the market is open whenever the demo runs, so it shows the same thing at any hour
    async with run_simulator(seed=seed, redirect_uris=[callback], market_hours="open") as sim:
        printer.say(
            "Tastybot demo: simulated Discord, simulated Tastytrade, nothing leaves this machine."
        )
        printer.say(f"Tastytrade simulator: {sim.url} (sandbox at {sim.url}/sandbox)")
        printer.say("Accounts in the simulator, read through the tastytrade SDK:")
        credentials = sim.credentials()
        route = broker_route(str(sim.url), demo_mode=True)
        await show_linked_accounts(printer, credentials, route)
        bot = build_bot(
            demo_settings(settings, demo_dir, str(sim.url), web_port, credentials),
            BotOptions(start_web=True, simulated_discord=True),
        )
        discord_sim: SimulatedDiscord | None = None
        try:
            await _start(bot)
            if bot.web is not None:
                printer.say(f"Web status page: {bot.web.url}")
            # dpytest writes every file the bot sends into the working directory: keep those
            # copies out of the user's directory (attachments are saved to the output folder).
            with tempfile.TemporaryDirectory() as scratch, contextlib.chdir(scratch):
                discord_sim = SimulatedDiscord(bot)
                bot.status_board.mark_connected(True)
                bot_name = "Tastybot"
                for step in script(credentials, date.today().year):
                    exchange = await discord_sim.send(step.content, dm=step.dm)
                    await printer.exchange(exchange, bot_name, shown=step.printed)
                    if step.download:
                        await printer.download(exchange)
                    if step.press:
                        await printer.pressed(
                            step.press, await discord_sim.press_latest(exchange, step.press)
                        )
                    if step.tick:
                        await printer.ticked(await run_signal_tick(bot, discord_sim), bot_name)
                if interactive:
                    await _interactive(discord_sim, printer, bot_name, lines)
        finally:
            if discord_sim is not None:
                await discord_sim.close()
            await bot.close()
    printer.say("\nDemo finished.")
    return 0


async def run_signal_tick(bot: Tastybot, discord_sim: SimulatedDiscord) -> list[discord.Message]:
    """One tick of every trader's signal rules, waited for until its orders are placed and
    followed to their fill; the messages the bot sent meanwhile."""
    from cogs.signals import Signals  # demo wiring only

    signals = bot.get_cog("Signals")
    if not isinstance(signals, Signals):
        return []
    report = await signals.evaluate_once()
    if report.fired:
        await _settle_orders(discord_sim.member().id)
    return await discord_sim.sent_by_bot()


async def _settle_orders(discord_id: int, timeout_s: float = 10.0) -> None:
    """Wait until none of the trader's orders is still working at Tastytrade (the simulator
    fills a market order at once; the account streamer brings the fill)."""
    from services.orders.queries import list_orders

    for _ in range(int(timeout_s / 0.1)):
        live = await list_orders(discord_id, "live")
        if not any(line.is_working for line in live.items):
            await asyncio.sleep(0.2)  # the fill's notice goes out just after it is stored
            return
        await asyncio.sleep(0.1)


async def _start(bot: Tastybot) -> None:
    await bot._async_setup_hook()  # what `bot.start()` would do before connecting
    await bot.setup_hook()


async def _interactive(
    discord_sim: SimulatedDiscord, printer: DemoPrinter, bot_name: str, lines: TextIO
) -> None:
    printer.say("\nYour turn: type messages as the trader (empty line or Ctrl-D to quit).")
    while True:
        printer.prompt("you > ")
        line = await asyncio.to_thread(lines.readline)
        if not line or not line.strip():
            printer.say()
            return
        await printer.exchange(await discord_sim.send(line.rstrip("\n")[:4000]), bot_name)


def run_demo(settings: Settings, *, interactive: bool | None, output: str, seed: int) -> int:
    if interactive is None:
        interactive = sys.stdin.isatty()
    return event_loop.run(
        play(
            settings,
            interactive=interactive,
            output_dir=Path(output),
            seed=seed,
            out=sys.stdout,
            lines=sys.stdin,
        )
    )
