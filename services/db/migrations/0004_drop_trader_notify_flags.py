from tortoise import migrations
from tortoise.migrations import operations as ops

class Migration(migrations.Migration):
    dependencies = [('models', '0003_linking_sync_notify')]

    initial = False

    operations = [
        ops.RemoveField(model_name='Trader', name='notify_dm'),
        ops.RemoveField(model_name='Trader', name='notify_email'),
    ]
