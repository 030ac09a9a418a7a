"""`/link`, `/forget` and the secret guard: linking Tastytrade accounts from Discord.

The cog only guards and delegates: ``services.linking`` verifies and stores grants, makes the
one-time start links and forgets; ``web_status`` serves the OAuth pages.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any, Literal

import discord
from discord import app_commands
from discord.ext import commands

from cogs._common import brand_embed
from cogs.linking._views import ForgetConfirm, LinkPanel, SyncOnLaunchChoice
from services.environment import Environment, parse_environment
from services.errors import TastybotError, ValidationError
from services.linking import (
    ForgetResult,
    LinkingContext,
    LinkResult,
    NothingLinkedError,
    create_start_link,
    forget,
    link_personal_grant,
    linked_environments,
    looks_like_secret,
)
from web_status._routes_oauth import start_link_url

if TYPE_CHECKING:
    from bot.bot import Tastybot

log = logging.getLogger(__name__)

ENVIRONMENT_CHOICE = Literal["sandbox", "production"]
SECRET_WARNING = (
    "{mention} I deleted your message because it looked like a Tastytrade secret (a refresh "
    "token or client secret). Never paste secrets in a server channel: use `/link` (private) "
    "or `!link` in a DM with me. If it was real, delete that grant on Tastytrade and create a "
    "new one."
)
SECRET_NOT_DELETED = (
    "{mention} your message looks like a Tastytrade secret, but I cannot delete it here (I need "
    "the Manage Messages permission). Delete it now, then delete that grant on Tastytrade and "
    "create a new one."
)


def linked_embed(result: LinkResult) -> discord.Embed:
    """What a trader is told after a link: the accounts it reaches (private: DM or ephemeral)."""
    count = result.account_count
    noun = "account" if count == 1 else "accounts"
    verb = "Relinked" if result.replaced else "Linked"
    embed = brand_embed(
        f"{verb} {count} Tastytrade {result.environment.value} {noun}",
        f"Linked {count} {noun} with a {result.kind.value} grant. Run `/sync` to load them.",
    )
    lines = [
        f"`{account.account_number}` {account.nickname or account.account_type}"
        for account in result.accounts[:20]
    ]
    if lines:
        embed.add_field(name="Accounts", value="\n".join(lines)[:1024], inline=False)
    return embed


def forgotten_text(result: ForgetResult) -> str:
    if result.nothing:
        return "You had nothing linked or synced here, so nothing was deleted."
    names = " and ".join(env.value for env in result.environments)
    text = f"Deleted your {names} Tastytrade credentials." if names else "No credentials to delete."
    if result.purged:
        text += (
            f" Purged {result.accounts} accounts, {result.positions} positions, "
            f"{result.balances} balance snapshots, {result.transactions} transactions, "
            f"{result.sync_runs} sync runs and {result.sync_errors} sync errors."
        )
    text += " To revoke access at Tastytrade too, delete the grant on my.tastytrade.com."
    return text


class Linking(commands.Cog, name="Linking"):
    """Linking Tastytrade accounts: OAuth or a personal grant; forgetting them."""

    def __init__(self, bot: Tastybot) -> None:
        self.bot = bot

    def _context(self) -> LinkingContext:
        return LinkingContext(
            vault=self.bot.vault, route=self.bot.broker_route, oauth_clients=self.bot.oauth_clients
        )

    # /link -------------------------------------------------------------------------------
    async def link_panel(
        self, author_id: int, environment: Environment | None
    ) -> tuple[discord.Embed, LinkPanel]:
        """The two ways in, for one environment or both."""
        environments = (
            [environment] if environment else [Environment.PRODUCTION, Environment.SANDBOX]
        )
        start_links = {}
        embed = brand_embed(
            "Link your Tastytrade account",
            "Sandbox and production are linked separately. Your secrets are stored encrypted "
            "and checked with one real call before they are saved.",
        )
        for env in environments:
            if env in self.bot.oauth_clients:
                link = await create_start_link(author_id, env)
                start_links[env] = start_link_url(self.bot.public_url(), link.token)
                how = (
                    "**Sign in to Tastytrade** with the button (one use, valid 10 minutes), or "
                    "link a personal grant."
                )
            else:
                how = "Link a **personal grant**: a client secret and a refresh token."
            embed.add_field(name=env.value.capitalize(), value=how, inline=False)
        view = LinkPanel(
            owner_id=author_id,
            start_links=start_links,
            environments=environments,
            on_grant=self.link_from_modal,
        )
        return embed, view

    @app_commands.command(name="link", description="Link a Tastytrade account (private)")
    @app_commands.describe(environment="sandbox or production (both when left out)")
    async def link_slash(
        self, interaction: discord.Interaction[Any], environment: ENVIRONMENT_CHOICE | None = None
    ) -> None:
        """Link a Tastytrade account: sign in with Tastytrade, or paste a personal grant."""
        chosen = Environment(environment) if environment else None
        embed, view = await self.link_panel(interaction.user.id, chosen)
        await interaction.response.send_message(embed=embed, view=view, ephemeral=True)
        view.message = await interaction.original_response()

    @commands.command(name="link")
    async def link_prefix(
        self,
        ctx: commands.Context[Any],
        environment: str | None = None,
        client_secret: str | None = None,
        refresh_token: str | None = None,
    ) -> None:
        """Link a Tastytrade account. In a DM with me: `link sandbox <client secret> <refresh
        token>` links a personal grant; `link sandbox` shows the sign-in link."""
        if ctx.guild is not None:
            if client_secret or refresh_token or looks_like_secret(ctx.message.content):
                await self.guard_secret(ctx.message)
                return
            await self._link_panel_by_dm(ctx, environment)
            return
        chosen = parse_environment(environment) if environment else None
        if client_secret is None and refresh_token is None:
            embed, view = await self.link_panel(ctx.author.id, chosen)
            view.message = await ctx.send(embed=embed, view=view)
            return
        if chosen is None or not client_secret or not refresh_token:
            raise ValidationError(
                "Give the environment, the client secret and the refresh token: "
                "`!link sandbox <client secret> <refresh token>`."
            )
        result = await link_personal_grant(
            self._context(),
            ctx.author.id,
            chosen,
            client_secret=client_secret,
            refresh_token=refresh_token,
        )
        await ctx.send(embed=linked_embed(result))
        await ctx.send("You can delete your message with the secrets now; I keep them encrypted.")
        await self.ask_sync_on_launch(ctx.channel, result)

    async def _link_panel_by_dm(self, ctx: commands.Context[Any], environment: str | None) -> None:
        chosen = parse_environment(environment) if environment else None
        embed, view = await self.link_panel(ctx.author.id, chosen)
        try:
            view.message = await ctx.author.send(embed=embed, view=view)
        except discord.Forbidden:
            await ctx.send("I cannot DM you. Use `/link` (only you see the answer) or allow DMs.")
            return
        await ctx.send("I sent you a DM with your link options.")

    async def link_from_modal(
        self,
        interaction: discord.Interaction[Any],
        environment: Environment,
        client_secret: str,
        refresh_token: str,
    ) -> None:
        """The personal-grant modal was submitted: verify, store, answer privately."""
        await interaction.response.defer(ephemeral=True, thinking=True)
        try:
            result = await link_personal_grant(
                self._context(),
                interaction.user.id,
                environment,
                client_secret=client_secret,
                refresh_token=refresh_token,
            )
        except TastybotError as error:
            await interaction.followup.send(error.user_message, ephemeral=True)
            return
        await interaction.followup.send(embed=linked_embed(result), ephemeral=True)
        if result.ask_sync_on_launch:
            view = SyncOnLaunchChoice(owner_id=result.discord_id)
            view.message = await interaction.followup.send(
                SYNC_QUESTION, view=view, ephemeral=True, wait=True
            )

    async def ask_sync_on_launch(
        self, channel: discord.abc.Messageable, result: LinkResult
    ) -> None:
        """After the first link: ask whether to sync this trader's accounts at start-up."""
        if not result.ask_sync_on_launch:
            return
        view = SyncOnLaunchChoice(owner_id=result.discord_id)
        view.message = await channel.send(SYNC_QUESTION, view=view)

    @commands.Cog.listener()
    async def on_tastytrade_linked(self, result: LinkResult) -> None:
        """The OAuth callback linked an account: tell the trader by DM."""
        try:
            user = self.bot.get_user(result.discord_id) or await self.bot.fetch_user(
                result.discord_id
            )
            channel = user.dm_channel or await user.create_dm()
            await channel.send(embed=linked_embed(result))
            await self.ask_sync_on_launch(channel, result)
        except discord.HTTPException as error:
            log.warning(
                "could not DM trader %s about a new link: %s", result.discord_id, error.status
            )

    # /forget -----------------------------------------------------------------------------
    @commands.hybrid_command(name="forget")  # type: ignore[arg-type]  # discord.py typing vs mypy
    @app_commands.describe(
        environment="sandbox, production or all (all when left out)",
        purge="also delete every synced account, position, balance and transaction",
    )
    async def forget_links(
        self, ctx: commands.Context[Any], environment: str | None = None, purge: bool = False
    ) -> None:
        """Delete your linked Tastytrade credentials (with `purge`, your synced data too)."""
        chosen = None
        if environment and environment.strip().lower() != "all":
            chosen = parse_environment(environment)
        links = [
            link
            for link in await linked_environments(ctx.author.id)
            if chosen is None or link.environment is chosen
        ]
        if not links and not purge:
            raise NothingLinkedError()
        what = (
            ", ".join(
                f"{link.environment.value} ({link.kind.value} grant, "
                f"{len(link.account_numbers)} accounts)"
                for link in links
            )
            or "no credentials"
        )
        scope = "every environment" if chosen is None else chosen.value
        description = f"This deletes your Tastytrade credentials for {scope}: {what}."
        if purge:
            description += (
                " It also deletes every synced account, position, balance, "
                "transaction and sync record of " + scope + "."
            )
        author_id = ctx.author.id

        async def confirmed(interaction: discord.Interaction[Any]) -> None:
            result = await forget(author_id, chosen, purge=purge)
            await interaction.response.edit_message(
                content=forgotten_text(result), embed=None, view=None
            )

        view = ForgetConfirm(owner_id=author_id, on_confirm=confirmed)
        embed = brand_embed("Forget your Tastytrade link?", description)
        private = ctx.interaction is not None  # slash replies are ephemeral
        view.message = await ctx.send(embed=embed, view=view, ephemeral=private)

    # the secret guard --------------------------------------------------------------------
    @commands.Cog.listener()
    async def on_message(self, message: discord.Message) -> None:
        """Delete any server message that looks like a Tastytrade secret, and warn its author."""
        if message.guild is None or message.author.bot:
            return
        if not looks_like_secret(message.content):
            return
        context = await self.bot.get_context(message)
        if context.command is not None and context.command.qualified_name == "link":
            return  # `!link` guards its own message
        await self.guard_secret(message)

    async def guard_secret(self, message: discord.Message) -> None:
        """Delete ``message`` (a secret in a server channel) and warn its author there."""
        mention = message.author.mention
        try:
            await message.delete()
            warning = SECRET_WARNING
        except discord.NotFound:
            warning = SECRET_WARNING  # already gone (deleted by its author or a moderator)
        except discord.HTTPException as error:  # Forbidden: no Manage Messages here
            log.warning("could not delete a message holding a secret: HTTP %s", error.status)
            warning = SECRET_NOT_DELETED
        await message.channel.send(
            warning.format(mention=mention),
            allowed_mentions=discord.AllowedMentions(users=[message.author]),
        )


SYNC_QUESTION = (
    "Should Tastybot sync your accounts each time it starts? You can change this later in "
    "/settings."
)
