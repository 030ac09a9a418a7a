from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_drop_trader_notify_flags')]

    initial = False

    operations = [
        ops.CreateModel(
            name='DownloadGrant',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('token_hash', fields.CharField(unique=True, max_length=64)),
                ('trader', fields.ForeignKeyField('models.Trader', source_field='trader_id', db_constraint=True, to_field='id', related_name='download_grants', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=32)),
                ('params', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'download_grant', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A one-time download link: the token is HMAC-signed and bound to the trader and the'},
            bases=['Model'],
        ),
    ]
