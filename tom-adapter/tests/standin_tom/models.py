"""STAND-IN models, named as such: only the fields tom_finktom.photometry reads and writes, as tom_base declares them
(tom-broker-interface.md §6). They let the storage code run on real Django and SQLite without tom_base."""
from django.db import models


class StandInTarget(models.Model):
    name = models.CharField(max_length=100, unique=True)


class StandInReducedDatum(models.Model):
    """TOM 2.x ``ReducedDatum``: a free ``value`` dict per (target, data_type, timestamp)."""
    target = models.ForeignKey(StandInTarget, on_delete=models.CASCADE)
    data_type = models.CharField(max_length=100)
    source_name = models.CharField(max_length=100, default='')
    source_location = models.CharField(max_length=200, default='')
    timestamp = models.DateTimeField(db_index=True)
    value = models.JSONField()


class StandInPhotometryReducedDatum(models.Model):
    """TOM 3 ``PhotometryReducedDatum``: typed columns, unique per (target, bandpass, timestamp)."""
    target = models.ForeignKey(StandInTarget, on_delete=models.CASCADE)
    timestamp = models.DateTimeField()
    bandpass = models.CharField(max_length=20)
    brightness = models.FloatField(null=True)
    brightness_error = models.FloatField(null=True)
    limit = models.FloatField(null=True)
    unit = models.CharField(max_length=20, default='')
    telescope = models.CharField(max_length=100, default='')
    instrument = models.CharField(max_length=100, default='')
    source_name = models.CharField(max_length=100, default='')
    source_location = models.CharField(max_length=200, default='')
    value = models.JSONField(default=dict)

    class Meta:
        constraints = [models.UniqueConstraint(fields=['target', 'bandpass', 'timestamp'], name='standin_unique_point')]
