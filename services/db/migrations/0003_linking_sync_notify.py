from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields
from tortoise.migrations.constraints import UniqueConstraint

class Migration(migrations.Migration):
    dependencies = [('models', '0002_vault_canary')]

    initial = False

    operations = [
        ops.AddField(
            model_name='BrokerAccount',
            name='last_sync_error',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.AddField(
            model_name='BrokerAccount',
            name='last_sync_status',
            field=fields.CharField(null=True, max_length=16),
        ),
        ops.AddField(
            model_name='Notification',
            name='dedupe_key',
            field=fields.CharField(null=True, max_length=128),
        ),
        ops.AddConstraint(
            model_name='Notification',
            constraint=UniqueConstraint(fields=('trader', 'dedupe_key'), name=None),
        ),
        ops.AddField(
            model_name='Trader',
            name='email_pending',
            field=fields.CharField(null=True, max_length=320),
        ),
        ops.AddField(
            model_name='Trader',
            name='email_token_expires_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Trader',
            name='email_token_hash',
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddField(
            model_name='Trader',
            name='expiry_warning_days',
            field=fields.IntField(default=3),
        ),
        ops.AddField(
            model_name='Trader',
            name='notification_prefs',
            field=fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
