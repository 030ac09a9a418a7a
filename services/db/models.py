"""Tortoise models: Tastybot's data model (see DESIGN.md §3).

Money is ``Decimal`` (``DecimalField``), times are timezone-aware UTC, quantities are Decimal.
Secrets are stored only as vault ciphertext (``*_encrypted`` columns, never plaintext).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from tortoise import fields
from tortoise.models import Model

# re-exported: the migrations import it from here
from services.environment import Environment as Environment

MONEY_DIGITS, MONEY_PLACES = 20, 6


class CredentialKind(StrEnum):
    OAUTH = "oauth"
    PERSONAL = "personal"


class SyncOnLaunch(StrEnum):
    UNASKED = "unasked"
    YES = "yes"
    NO = "no"


class SyncStatus(StrEnum):
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    PARTIAL = "partial"
    FAILED = "failed"


class Trader(Model):
    """A Discord user who uses Tastybot (identity is the Discord user id)."""

    id = fields.IntField(primary_key=True)
    discord_id = fields.BigIntField(unique=True)
    email = fields.CharField(max_length=320, null=True)
    email_verified = fields.BooleanField(default=False)
    # An address waiting for its verification link (only a hash of the link's token is kept).
    email_pending = fields.CharField(max_length=320, null=True)
    email_token_hash = fields.CharField(max_length=64, null=True)
    email_token_expires_at = fields.DatetimeField(null=True)
    # {event: {channel: bool}}; an absent entry means the event's default.
    notification_prefs: fields.JSONField[Any] = fields.JSONField(default=dict)
    expiry_warning_days = fields.IntField(default=3)
    sync_on_launch = fields.CharEnumField(SyncOnLaunch, default=SyncOnLaunch.UNASKED)
    max_contracts = fields.IntField(null=True)
    max_notional = fields.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True
    )
    max_loss_per_order = fields.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True
    )
    max_orders_per_day = fields.IntField(null=True)
    allowed_underlyings: fields.JSONField[Any] = fields.JSONField(null=True)
    naked_options_allowed = fields.BooleanField(default=False)
    auto_confirm_threshold = fields.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True
    )
    # off until the trader turns it on: no order reaches production before that
    production_trading_enabled = fields.BooleanField(default=False)
    default_account_number = fields.CharField(max_length=32, null=True)
    chart_theme = fields.CharField(max_length=8, default="dark")
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "trader"


class BrokerCredential(Model):
    """A Tastytrade grant for one trader and environment, secrets as vault ciphertext."""

    id = fields.IntField(primary_key=True)
    trader: fields.ForeignKeyRelation[Trader] = fields.ForeignKeyField(
        "models.Trader", related_name="credentials", on_delete=fields.CASCADE
    )
    environment = fields.CharEnumField(Environment)
    kind = fields.CharEnumField(CredentialKind)
    refresh_token_encrypted = fields.TextField()
    client_secret_encrypted = fields.TextField(null=True)
    scopes = fields.CharField(max_length=200, default="")
    last_ok_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "broker_credential"
        unique_together = (("trader", "environment"),)


class BrokerAccount(Model):
    """A Tastytrade account a trader linked."""

    id = fields.IntField(primary_key=True)
    trader: fields.ForeignKeyRelation[Trader] = fields.ForeignKeyField(
        "models.Trader", related_name="accounts", on_delete=fields.CASCADE
    )
    environment = fields.CharEnumField(Environment)
    account_number = fields.CharField(max_length=32)
    nickname = fields.CharField(max_length=200, default="")
    account_type = fields.CharField(max_length=100, default="")
    margin_or_cash = fields.CharField(max_length=20, default="")
    is_closed = fields.BooleanField(default=False)
    last_synced_at = fields.DatetimeField(null=True)
    last_sync_status = fields.CharField(max_length=16, null=True)
    last_sync_error = fields.TextField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "broker_account"
        unique_together = (("trader", "environment", "account_number"),)


class Position(Model):
    """One position as of one sync (snapshots, so history survives)."""

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[BrokerAccount] = fields.ForeignKeyField(
        "models.BrokerAccount", related_name="positions", on_delete=fields.CASCADE
    )
    sync_run: fields.ForeignKeyNullableRelation[SyncRun] = fields.ForeignKeyField(
        "models.SyncRun", related_name="positions", null=True, on_delete=fields.SET_NULL
    )
    symbol = fields.CharField(max_length=64)
    underlying_symbol = fields.CharField(max_length=32)
    instrument_type = fields.CharField(max_length=32)
    quantity = fields.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)
    average_open_price = fields.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True
    )
    close_price = fields.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True
    )
    mark = fields.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True)
    multiplier = fields.IntField(default=1)
    expires_at = fields.DatetimeField(null=True)
    as_of = fields.DatetimeField()
    payload: fields.JSONField[Any] = fields.JSONField()

    class Meta:
        table = "position"
        indexes = (("account_id", "as_of"),)


class BalanceSnapshot(Model):
    """Balances at one moment (the series draws equity curves)."""

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[BrokerAccount] = fields.ForeignKeyField(
        "models.BrokerAccount", related_name="balance_snapshots", on_delete=fields.CASCADE
    )
    as_of = fields.DatetimeField()
    cash_balance = fields.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)
    net_liquidating_value = fields.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES
    )
    equity_buying_power = fields.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True
    )
    derivative_buying_power = fields.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True
    )
    maintenance_requirement = fields.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True
    )
    payload: fields.JSONField[Any] = fields.JSONField()

    class Meta:
        table = "balance_snapshot"
        unique_together = (("account", "as_of"),)


class Transaction(Model):
    """A Tastytrade transaction, unique on (account, tastytrade id), wire JSON in payload."""

    id = fields.BigIntField(primary_key=True)
    account: fields.ForeignKeyRelation[BrokerAccount] = fields.ForeignKeyField(
        "models.BrokerAccount", related_name="transactions", on_delete=fields.CASCADE
    )
    tastytrade_id = fields.BigIntField()
    transaction_type = fields.CharField(max_length=64)
    transaction_sub_type = fields.CharField(max_length=64)
    action = fields.CharField(max_length=32, null=True)
    symbol = fields.CharField(max_length=64, null=True)
    underlying_symbol = fields.CharField(max_length=32, null=True)
    instrument_type = fields.CharField(max_length=32, null=True)
    quantity = fields.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True)
    price = fields.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True)
    value = fields.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)
    net_value = fields.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES)
    fees = fields.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, default=0)
    order_id = fields.BigIntField(null=True)
    executed_at = fields.DatetimeField()
    transaction_date = fields.DateField()
    description = fields.TextField(default="")
    payload: fields.JSONField[Any] = fields.JSONField()

    class Meta:
        table = "transaction"
        unique_together = (("account", "tastytrade_id"),)
        indexes = (("account_id", "executed_at"),)


class SyncRun(Model):
    """One sync of one trader: trigger, timing, status and per-stage counts."""

    id = fields.IntField(primary_key=True)
    trader: fields.ForeignKeyRelation[Trader] = fields.ForeignKeyField(
        "models.Trader", related_name="sync_runs", on_delete=fields.CASCADE
    )
    trigger = fields.CharField(max_length=32)
    status = fields.CharEnumField(SyncStatus, default=SyncStatus.RUNNING)
    started_at = fields.DatetimeField()
    finished_at = fields.DatetimeField(null=True)
    counts: fields.JSONField[Any] = fields.JSONField(default=dict)

    class Meta:
        table = "sync_run"


class SyncError(Model):
    """A failure inside a sync stage, kept for the report and for retries."""

    id = fields.IntField(primary_key=True)
    sync_run: fields.ForeignKeyRelation[SyncRun] = fields.ForeignKeyField(
        "models.SyncRun", related_name="errors", on_delete=fields.CASCADE
    )
    stage = fields.CharField(max_length=32)
    account_number = fields.CharField(max_length=32, null=True)
    message = fields.TextField()
    retryable = fields.BooleanField(default=False)
    attempts = fields.IntField(default=1)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "sync_error"


class Notification(Model):
    """An in-app inbox entry and its delivery status per channel."""

    id = fields.IntField(primary_key=True)
    trader: fields.ForeignKeyRelation[Trader] = fields.ForeignKeyField(
        "models.Trader", related_name="notifications", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=64)
    title = fields.CharField(max_length=256)
    body = fields.TextField()
    read_at = fields.DatetimeField(null=True)
    dm_status = fields.CharField(max_length=16, default="pending")
    email_status = fields.CharField(max_length=16, default="skipped")
    # Set for events that must be told once (an assignment, an expiry warning): a second
    # notification with the same key is not created.
    dedupe_key = fields.CharField(max_length=128, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "notification"
        unique_together = (("trader", "dedupe_key"),)


class GuildConfig(Model):
    """Per-server settings managed by members with Manage Server."""

    id = fields.IntField(primary_key=True)
    guild_id = fields.BigIntField(unique=True)
    order_channel_ids: fields.JSONField[Any] = fields.JSONField(default=list)
    trader_role_ids: fields.JSONField[Any] = fields.JSONField(default=list)
    escalation_channel_id = fields.BigIntField(null=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "guild_config"


class OAuthState(Model):
    """A single-use, expiring OAuth ``state`` bound to one Discord user."""

    id = fields.IntField(primary_key=True)
    state_hash = fields.CharField(max_length=64, unique=True)
    discord_id = fields.BigIntField()
    environment = fields.CharEnumField(Environment)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "oauth_state"


class OrderRequest(Model):
    """An order from chat or a signal, through rehearsal and confirmation to its fill."""

    id = fields.IntField(primary_key=True)
    trader: fields.ForeignKeyRelation[Trader] = fields.ForeignKeyField(
        "models.Trader", related_name="order_requests", on_delete=fields.CASCADE
    )
    source = fields.CharField(max_length=16)
    raw_text = fields.TextField(default="")
    parsed: fields.JSONField[Any] = fields.JSONField(null=True)
    underlying = fields.CharField(max_length=32, null=True)
    legs: fields.JSONField[Any] = fields.JSONField(default=list)
    order_type = fields.CharField(max_length=16, default="Limit")
    price = fields.DecimalField(max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True)
    price_effect = fields.CharField(max_length=8, null=True)
    time_in_force = fields.CharField(max_length=16, default="Day")
    state = fields.CharField(max_length=32)
    environment = fields.CharEnumField(Environment)
    account_number = fields.CharField(max_length=32, null=True)
    sandbox_account_number = fields.CharField(max_length=32, null=True)
    external_identifier = fields.CharField(max_length=64, unique=True)
    sandbox_order_id = fields.BigIntField(null=True)
    production_order_id = fields.BigIntField(null=True)
    # the preview a confirmation must match: a hash of the exact order, and until when
    confirm_hash = fields.CharField(max_length=64, null=True)
    preview_expires_at = fields.DatetimeField(null=True)
    confirmed_at = fields.DatetimeField(null=True)
    dry_run: fields.JSONField[Any] = fields.JSONField(null=True)
    placement_attempts = fields.IntField(default=0)
    reject_reason = fields.TextField(null=True)
    escalation_reason = fields.TextField(null=True)
    broker_status = fields.CharField(max_length=32, null=True)
    filled_quantity = fields.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, default=0
    )
    average_fill_price = fields.DecimalField(
        max_digits=MONEY_DIGITS, decimal_places=MONEY_PLACES, null=True
    )
    # where the preview was shown, so status changes can edit it
    preview_channel_id = fields.BigIntField(null=True)
    preview_message_id = fields.BigIntField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "order_request"
        indexes = (("trader_id", "created_at"), ("state",))


class OrderEvent(Model):
    """Append-only, hash-chained audit of everything that happened to an order."""

    id = fields.BigIntField(primary_key=True)
    order_request: fields.ForeignKeyRelation[OrderRequest] = fields.ForeignKeyField(
        "models.OrderRequest", related_name="events", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=48)
    detail: fields.JSONField[Any] = fields.JSONField(default=dict)
    prev_hash = fields.CharField(max_length=64)
    entry_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField()

    class Meta:
        table = "order_event"
        # one successor per entry: two writers appending at once cannot fork the chain
        unique_together = (("order_request", "prev_hash"),)


class TestResult(Model):
    """A sandbox rehearsal or an order-type qualification run."""

    __test__ = False  # a model named Test...: not a test class for pytest to collect

    id = fields.IntField(primary_key=True)
    trader: fields.ForeignKeyRelation[Trader] = fields.ForeignKeyField(
        "models.Trader", related_name="test_results", on_delete=fields.CASCADE
    )
    order_request: fields.ForeignKeyNullableRelation[OrderRequest] = fields.ForeignKeyField(
        "models.OrderRequest", related_name="test_results", null=True, on_delete=fields.SET_NULL
    )
    kind = fields.CharField(max_length=32)
    order_type = fields.CharField(max_length=64, null=True)
    checks: fields.JSONField[Any] = fields.JSONField(default=list)
    timings: fields.JSONField[Any] = fields.JSONField(default=dict)
    passed = fields.BooleanField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "test_result"


class ChatMessage(Model):
    """A message the bot read as a possible order, and what it became."""

    id = fields.BigIntField(primary_key=True)
    discord_message_id = fields.BigIntField(unique=True)
    channel_id = fields.BigIntField()
    guild_id = fields.BigIntField(null=True)
    author_id = fields.BigIntField()
    content = fields.TextField()
    received_at = fields.DatetimeField()
    outcome = fields.CharField(max_length=32, default="ignored")
    order_request: fields.ForeignKeyNullableRelation[OrderRequest] = fields.ForeignKeyField(
        "models.OrderRequest", related_name="chat_messages", null=True, on_delete=fields.SET_NULL
    )

    class Meta:
        table = "chat_message"


class VaultCanary(Model):
    """One known secret encrypted under the vault key: start-up decrypts it to prove the
    configured key is the one this database's secrets were written with."""

    id = fields.IntField(primary_key=True)
    ciphertext = fields.TextField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "vault_canary"


class DownloadGrant(Model):
    """A one-time download link: the token is HMAC-signed and bound to the trader and the
    export's parameters; this row makes it single use (only the token's hash is kept)."""

    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    trader: fields.ForeignKeyRelation[Trader] = fields.ForeignKeyField(
        "models.Trader", related_name="download_grants", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=32)
    params: fields.JSONField[Any] = fields.JSONField(default=dict)
    expires_at = fields.DatetimeField()
    used_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "download_grant"


class GroupOrigin(StrEnum):
    """Who made a strategy group (or a membership): the grouping engine or the trader."""

    SYSTEM = "system"
    USER = "user"


class GroupStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class UserStrategyType(Model):
    """A strategy type a trader named ("Wheel", "Earnings strangle"), usable as a group's type."""

    id = fields.IntField(primary_key=True)
    trader: fields.ForeignKeyRelation[Trader] = fields.ForeignKeyField(
        "models.Trader", related_name="strategy_types", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=80)
    # case-folded name: one type per trader and name, whatever its case
    name_key = fields.CharField(max_length=80)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "user_strategy_type"
        unique_together = (("trader", "name_key"),)


class StrategyGroup(Model):
    """Legs a trader thinks of as one position ("my SPY iron condor"): inferred by the grouping
    engine (origin system) or made by the trader (origin user). ``rolled_from`` chains a roll to
    the group it rolled out of; ``campaign`` ties the groups of one wheel together."""

    id = fields.IntField(primary_key=True)
    trader: fields.ForeignKeyRelation[Trader] = fields.ForeignKeyField(
        "models.Trader", related_name="strategy_groups", on_delete=fields.CASCADE
    )
    account: fields.ForeignKeyNullableRelation[BrokerAccount] = fields.ForeignKeyField(
        "models.BrokerAccount", related_name="strategy_groups", null=True, on_delete=fields.CASCADE
    )
    underlying = fields.CharField(max_length=32)
    strategy_key = fields.CharField(max_length=48)
    user_type: fields.ForeignKeyNullableRelation[UserStrategyType] = fields.ForeignKeyField(
        "models.UserStrategyType", related_name="groups", null=True, on_delete=fields.SET_NULL
    )
    name = fields.CharField(max_length=120, default="")
    status = fields.CharEnumField(GroupStatus, default=GroupStatus.OPEN)
    origin = fields.CharEnumField(GroupOrigin, default=GroupOrigin.SYSTEM)
    # set once the trader edited the group: a later sync never regroups or retypes it
    user_edited = fields.BooleanField(default=False)
    rolled_from: fields.ForeignKeyNullableRelation[StrategyGroup] = fields.ForeignKeyField(
        "models.StrategyGroup", related_name="rolled_into", null=True, on_delete=fields.SET_NULL
    )
    campaign = fields.CharField(max_length=64, null=True)
    # soft delete: an emptied group (merge, move) stays so that undo can bring it back
    archived = fields.BooleanField(default=False)
    opened_at = fields.DatetimeField(null=True)
    closed_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "strategy_group"
        indexes = (("trader_id", "status"), ("trader_id", "underlying"))


class GroupMember(Model):
    """One lot in one group. A lot is what one opening fill opened (its Transaction row), so
    every opening transaction belongs to exactly one group."""

    id = fields.BigIntField(primary_key=True)
    group: fields.ForeignKeyRelation[StrategyGroup] = fields.ForeignKeyField(
        "models.StrategyGroup", related_name="members", on_delete=fields.CASCADE
    )
    opening_transaction: fields.ForeignKeyRelation[Transaction] = fields.ForeignKeyField(
        "models.Transaction", related_name="group_member", on_delete=fields.CASCADE
    )
    origin = fields.CharEnumField(GroupOrigin, default=GroupOrigin.SYSTEM)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "group_member"
        unique_together = (("opening_transaction",),)


class EditState(StrEnum):
    APPLIED = "applied"
    UNDONE = "undone"
    # undone, then a new edit was made: the redo branch is gone for good
    DISCARDED = "discarded"


class EditEvent(Model):
    """One strategy edit by a trader, append-only: what was done (``forward``) and how to take
    it back (``inverse``), both as plain JSON operations. ``/undo`` applies the inverse of the
    trader's latest applied edit; ``/redo`` the forward of the oldest undone one."""

    id = fields.BigIntField(primary_key=True)
    trader: fields.ForeignKeyRelation[Trader] = fields.ForeignKeyField(
        "models.Trader", related_name="edit_events", on_delete=fields.CASCADE
    )
    seq = fields.IntField()
    kind = fields.CharField(max_length=32)
    summary = fields.CharField(max_length=300, default="")
    forward: fields.JSONField[Any] = fields.JSONField()
    inverse: fields.JSONField[Any] = fields.JSONField()
    state = fields.CharEnumField(EditState, default=EditState.APPLIED)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "edit_event"
        unique_together = (("trader", "seq"),)


class SignalRule(Model):
    """A trader's rule: when a market condition holds, send an order through the pipeline.
    ``armed`` is the hysteresis state (a rule fires on a crossing, then re-arms only after the
    condition clears by the margin); ``cooldown_seconds`` spaces two firings."""

    id = fields.IntField(primary_key=True)
    trader: fields.ForeignKeyRelation[Trader] = fields.ForeignKeyField(
        "models.Trader", related_name="signal_rules", on_delete=fields.CASCADE
    )
    text = fields.TextField()
    underlying = fields.CharField(max_length=32)
    condition: fields.JSONField[Any] = fields.JSONField()
    order_text = fields.TextField()
    auto_execute = fields.BooleanField(default=False)
    paused = fields.BooleanField(default=False)
    armed = fields.BooleanField(default=True)
    last_state: fields.JSONField[Any] = fields.JSONField(null=True)
    cooldown_seconds = fields.IntField(default=900)
    last_fired_at = fields.DatetimeField(null=True)
    deleted_at = fields.DatetimeField(null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        table = "signal_rule"
        indexes = (("trader_id", "paused"),)


class SignalEvent(Model):
    """One firing of a rule (or a ``/signal test``): the levels it saw and the order it made."""

    id = fields.BigIntField(primary_key=True)
    rule: fields.ForeignKeyRelation[SignalRule] = fields.ForeignKeyField(
        "models.SignalRule", related_name="events", on_delete=fields.CASCADE
    )
    kind = fields.CharField(max_length=16, default="fired")
    levels: fields.JSONField[Any] = fields.JSONField(default=dict)
    order_request: fields.ForeignKeyNullableRelation[OrderRequest] = fields.ForeignKeyField(
        "models.OrderRequest", related_name="signal_events", null=True, on_delete=fields.SET_NULL
    )
    outcome = fields.CharField(max_length=32, default="")
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "signal_event"
