from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from services.db.models import EditState, GroupOrigin, GroupStatus
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0005_download_grants')]

    initial = False

    operations = [
        ops.CreateModel(
            name='EditEvent',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('trader', fields.ForeignKeyField('models.Trader', source_field='trader_id', db_constraint=True, to_field='id', related_name='edit_events', on_delete=OnDelete.CASCADE)),
                ('seq', fields.IntField()),
                ('kind', fields.CharField(max_length=32)),
                ('summary', fields.CharField(default='', max_length=300)),
                ('forward', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('inverse', fields.JSONField(encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('state', fields.CharEnumField(default=EditState.APPLIED, description='APPLIED: applied\nUNDONE: undone\nDISCARDED: discarded', enum_type=EditState, max_length=9)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'edit_event', 'app': 'models', 'unique_together': (('trader', 'seq'),), 'pk_attr': 'id', 'table_description': 'One strategy edit by a trader, append-only: what was done (``forward``) and how to take'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='UserStrategyType',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('trader', fields.ForeignKeyField('models.Trader', source_field='trader_id', db_constraint=True, to_field='id', related_name='strategy_types', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=80)),
                ('name_key', fields.CharField(max_length=80)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'user_strategy_type', 'app': 'models', 'unique_together': (('trader', 'name_key'),), 'pk_attr': 'id', 'table_description': 'A strategy type a trader named ("Wheel", "Earnings strangle"), usable as a group\'s type.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StrategyGroup',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('trader', fields.ForeignKeyField('models.Trader', source_field='trader_id', db_constraint=True, to_field='id', related_name='strategy_groups', on_delete=OnDelete.CASCADE)),
                ('account', fields.ForeignKeyField('models.BrokerAccount', source_field='account_id', null=True, db_constraint=True, to_field='id', related_name='strategy_groups', on_delete=OnDelete.CASCADE)),
                ('underlying', fields.CharField(max_length=32)),
                ('strategy_key', fields.CharField(max_length=48)),
                ('user_type', fields.ForeignKeyField('models.UserStrategyType', source_field='user_type_id', null=True, db_constraint=True, to_field='id', related_name='groups', on_delete=OnDelete.SET_NULL)),
                ('name', fields.CharField(default='', max_length=120)),
                ('status', fields.CharEnumField(default=GroupStatus.OPEN, description='OPEN: open\nCLOSED: closed', enum_type=GroupStatus, max_length=6)),
                ('origin', fields.CharEnumField(default=GroupOrigin.SYSTEM, description='SYSTEM: system\nUSER: user', enum_type=GroupOrigin, max_length=6)),
                ('user_edited', fields.BooleanField(default=False)),
                ('rolled_from', fields.ForeignKeyField('models.StrategyGroup', source_field='rolled_from_id', null=True, db_constraint=True, to_field='id', related_name='rolled_into', on_delete=OnDelete.SET_NULL)),
                ('campaign', fields.CharField(null=True, max_length=64)),
                ('archived', fields.BooleanField(default=False)),
                ('opened_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('closed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'strategy_group', 'app': 'models', 'indexes': [Index(fields=['trader_id', 'status']), Index(fields=['trader_id', 'underlying'])], 'pk_attr': 'id', 'table_description': 'Legs a trader thinks of as one position ("my SPY iron condor"): inferred by the grouping'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='GroupMember',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.ForeignKeyField('models.StrategyGroup', source_field='group_id', db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.CASCADE)),
                ('opening_transaction', fields.ForeignKeyField('models.Transaction', source_field='opening_transaction_id', db_constraint=True, to_field='id', related_name='group_member', on_delete=OnDelete.CASCADE)),
                ('origin', fields.CharEnumField(default=GroupOrigin.SYSTEM, description='SYSTEM: system\nUSER: user', enum_type=GroupOrigin, max_length=6)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'group_member', 'app': 'models', 'unique_together': (('opening_transaction',),), 'pk_attr': 'id', 'table_description': 'One lot in one group. A lot is what one opening fill opened (its Transaction row), so'},
            bases=['Model'],
        ),
    ]
