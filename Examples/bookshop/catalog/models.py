from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=200)
    bio = models.TextField(blank=True, default="")


class Book(models.Model):
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    title = models.CharField(max_length=200)
    subtitle = models.CharField(max_length=200, blank=True, default="")
    isbn = models.CharField(max_length=13, null=True)
    price = models.DecimalField(max_digits=8, decimal_places=2, default=0)
    slug = models.SlugField(max_length=220, blank=True, default="")
