"""A server's order settings, managed by members with Manage Server (`/config`).

* **Order channels**: plain messages there are read as orders (elsewhere only `/order`, DMs and
  messages that mention the bot are).
* **Trading roles**: when any is set, only members with one of them may trade in this server,
  in every channel (an order channel, a mention or `/order`); with none set, every member may.
  DMs are not a server's business: a server's roles never limit them.
* **Escalation channel**: where an order whose outcome could not be proven is reported.

Lists are changed under a row lock, so two admins changing them at once lose nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from services.db.models import GuildConfig
from services.errors import ValidationError

MAX_ORDER_CHANNELS = 50
MAX_TRADING_ROLES = 25
# Discord ids are snowflakes: positive 64-bit integers
MAX_SNOWFLAKE = 2**63 - 1


@dataclass(frozen=True, slots=True)
class GuildSettings:
    """A server's order settings (ids only; the cog renders them as mentions)."""

    guild_id: int
    order_channel_ids: tuple[int, ...] = ()
    trading_role_ids: tuple[int, ...] = ()
    escalation_channel_id: int | None = None


@dataclass(frozen=True, slots=True)
class ChannelPolicy:
    """What a server allows a member in a channel: whether plain messages there are orders,
    and whether this member may trade here (``required_role_ids`` names the roles that may,
    empty when everyone may)."""

    is_order_channel: bool
    may_trade: bool
    required_role_ids: tuple[int, ...] = ()


def _snowflake(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= MAX_SNOWFLAKE:
        raise ValidationError(f"That is not a Discord {what}.")
    return value


def _ids(stored: object) -> tuple[int, ...]:
    if not isinstance(stored, list):
        return ()
    return tuple(
        value for value in stored if isinstance(value, int) and not isinstance(value, bool)
    )


def _settings(row: GuildConfig | None, guild_id: int) -> GuildSettings:
    if row is None:
        return GuildSettings(guild_id)
    return GuildSettings(
        guild_id=guild_id,
        order_channel_ids=_ids(row.order_channel_ids),
        trading_role_ids=_ids(row.trader_role_ids),
        escalation_channel_id=row.escalation_channel_id,
    )


async def guild_settings(guild_id: int) -> GuildSettings:
    """The server's order settings (none set for a server never configured; no row made)."""
    guild_id = _snowflake(guild_id, "server")
    return _settings(await GuildConfig.get_or_none(guild_id=guild_id), guild_id)


async def _change(guild_id: int, change: Callable[[GuildConfig], None]) -> GuildSettings:
    guild_id = _snowflake(guild_id, "server")
    await GuildConfig.get_or_create(guild_id=guild_id)
    async with in_transaction() as connection:
        row = (
            await GuildConfig.filter(guild_id=guild_id)
            .select_for_update()
            .using_db(connection)
            .get()
        )
        change(row)
        await row.save(using_db=connection)
    return _settings(row, guild_id)


def _toggled(ids: Iterable[int], value: int, enabled: bool, limit: int, what: str) -> list[int]:
    current = [existing for existing in ids if existing != value]
    if enabled:
        if len(current) >= limit:
            raise ValidationError(f"A server can have at most {limit} {what}; remove one first.")
        current.append(value)
    return current


async def set_order_channel(guild_id: int, channel_id: int, enabled: bool) -> GuildSettings:
    """Make a channel an order channel (``enabled``) or a plain one again."""
    channel_id = _snowflake(channel_id, "channel")

    def change(row: GuildConfig) -> None:
        row.order_channel_ids = _toggled(
            _ids(row.order_channel_ids), channel_id, enabled, MAX_ORDER_CHANNELS, "order channels"
        )

    return await _change(guild_id, change)


async def set_trading_role(guild_id: int, role_id: int, enabled: bool) -> GuildSettings:
    """Add a role to the roles that may trade in this server (``enabled``), or remove it."""
    role_id = _snowflake(role_id, "role")

    def change(row: GuildConfig) -> None:
        row.trader_role_ids = _toggled(
            _ids(row.trader_role_ids), role_id, enabled, MAX_TRADING_ROLES, "trading roles"
        )

    return await _change(guild_id, change)


async def set_escalation_channel(guild_id: int, channel_id: int | None) -> GuildSettings:
    """Set the channel escalated orders are reported in (``None`` clears it)."""
    if channel_id is not None:
        channel_id = _snowflake(channel_id, "channel")

    def change(row: GuildConfig) -> None:
        row.escalation_channel_id = channel_id

    return await _change(guild_id, change)


async def order_channel_policy(
    guild_id: int, channel_id: int, role_ids: Iterable[int]
) -> ChannelPolicy:
    """Whether ``channel_id`` is one of the server's order channels, and whether a member with
    ``role_ids`` may trade in this server (see the module docstring)."""
    settings = await guild_settings(guild_id)
    required = settings.trading_role_ids
    may_trade = not required or any(role in required for role in role_ids)
    return ChannelPolicy(
        is_order_channel=channel_id in settings.order_channel_ids,
        may_trade=may_trade,
        required_role_ids=required,
    )


async def escalation_channel(guild_id: int) -> int | None:
    """The channel the server wants escalated orders reported in, if it set one."""
    return (await guild_settings(guild_id)).escalation_channel_id
