from django.apps import AppConfig


class ZeroDowntimeConfig(AppConfig):
    name = "zerodowntime"
    verbose_name = "Zero-downtime migrations"
