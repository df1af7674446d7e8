from django.db import migrations, models


def create_the_row(apps, schema_editor):
    apps.get_model("serving", "ContentGeneration").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="ContentGeneration",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("number", models.PositiveBigIntegerField(default=1)),
            ],
        ),
        migrations.RunPython(create_the_row, migrations.RunPython.noop),
    ]
