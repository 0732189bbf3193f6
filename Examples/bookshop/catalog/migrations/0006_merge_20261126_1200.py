from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0005_author_bio"),
        ("catalog", "0005_book_subtitle"),
    ]

    operations = []
