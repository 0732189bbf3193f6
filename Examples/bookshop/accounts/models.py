from django.contrib.auth.models import AbstractUser
from django.db import models


class User(AbstractUser):
    loyalty_points = models.PositiveIntegerField(default=0)
