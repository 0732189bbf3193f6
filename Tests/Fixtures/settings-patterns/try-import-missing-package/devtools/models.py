from django.db import models


class Probe(models.Model):
    label = models.CharField(max_length=50)
