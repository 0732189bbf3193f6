import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    # Made by `squashmigrations catalog 0003`: used on databases where none or all of the
    # replaced migrations are applied, as Django's loader decides.
    replaces = [
        ("catalog", "0001_initial"),
        ("catalog", "0002_book_isbn"),
        ("catalog", "0003_book_price"),
    ]

    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="Author",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=200)),
            ],
        ),
        migrations.CreateModel(
            name="Book",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=200)),
                ("isbn", models.CharField(max_length=13, null=True)),
                ("price", models.DecimalField(decimal_places=2, default=0, max_digits=8)),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="books", to="catalog.author"
                    ),
                ),
            ],
        ),
    ]
