from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0004_book_slug"),
    ]

    operations = [
        migrations.AddField(
            model_name="book",
            name="subtitle",
            field=models.CharField(blank=True, default="", max_length=200),
        ),
    ]
