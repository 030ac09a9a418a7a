from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0006_strategies')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SignalRule',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('trader', fields.ForeignKeyField('models.Trader', source_field='trader_id', db_constraint=True, to_field='id', related_name='signal_rules', on_delete=OnDelete.CASCADE)),
                ('text', fields.TextField(unique=False)),
                ('underlying', fields.CharField(max_length=32)),
                ('condition', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('order_text', fields.TextField(unique=False)),
                ('auto_execute', fields.BooleanField(default=False)),
                ('paused', fields.BooleanField(default=False)),
                ('armed', fields.BooleanField(default=True)),
                ('last_state', fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('cooldown_seconds', fields.IntField(default=900)),
                ('last_fired_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('deleted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'signal_rule', 'app': 'models', 'indexes': [Index(fields=['trader_id', 'paused'])], 'pk_attr': 'id', 'table_description': "A trader's rule: when a market condition holds, send an order through the pipeline."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SignalEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('rule', fields.ForeignKeyField('models.SignalRule', source_field='rule_id', db_constraint=True, to_field='id', related_name='events', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(default='fired', max_length=16)),
                ('levels', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('order_request', fields.ForeignKeyField('models.OrderRequest', source_field='order_request_id', null=True, db_constraint=True, to_field='id', related_name='signal_events', on_delete=OnDelete.SET_NULL)),
                ('outcome', fields.CharField(default='', max_length=32)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'signal_event', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One firing of a rule (or a ``/signal test``): the levels it saw and the order it made.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='average_fill_price',
            field=fields.DecimalField(null=True, max_digits=20, decimal_places=6),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='broker_status',
            field=fields.CharField(null=True, max_length=32),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='confirm_hash',
            field=fields.CharField(null=True, max_length=64),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='confirmed_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='dry_run',
            field=fields.JSONField(null=True, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='escalation_reason',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='filled_quantity',
            field=fields.DecimalField(default=0, max_digits=20, decimal_places=6),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='order_type',
            field=fields.CharField(default='Limit', max_length=16),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='placement_attempts',
            field=fields.IntField(default=0),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='preview_channel_id',
            field=fields.BigIntField(null=True),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='preview_expires_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='preview_message_id',
            field=fields.BigIntField(null=True),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='reject_reason',
            field=fields.TextField(null=True, unique=False),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='sandbox_account_number',
            field=fields.CharField(null=True, max_length=32),
        ),
        ops.AddField(
            model_name='OrderRequest',
            name='underlying',
            field=fields.CharField(null=True, max_length=32),
        ),
        ops.AddIndex(
            model_name='OrderRequest',
            index=Index(fields=['trader_id', 'created_at']),
        ),
        ops.AddIndex(
            model_name='OrderRequest',
            index=Index(fields=['state']),
        ),
        ops.AddField(
            model_name='Trader',
            name='chart_theme',
            field=fields.CharField(default='dark', max_length=8),
        ),
        ops.AddField(
            model_name='Trader',
            name='default_account_number',
            field=fields.CharField(null=True, max_length=32),
        ),
        ops.AddField(
            model_name='Trader',
            name='production_trading_enabled',
            field=fields.BooleanField(default=False),
        ),
    ]
