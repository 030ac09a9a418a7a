from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import UniqueConstraint

class Migration(migrations.Migration):
    dependencies = [('models', '0007_orders_signals')]

    initial = False

    operations = [
        ops.AddConstraint(
            model_name='OrderEvent',
            constraint=UniqueConstraint(fields=('order_request', 'prev_hash'), name=None),
        ),
    ]
