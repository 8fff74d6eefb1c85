"""Stores a light curve as TOM photometry, without duplicates when it is fetched again.

TOM 2.x keeps photometry in ``ReducedDatum`` (``data_type='photometry'``, a ``value`` dict); TOM 3 in
``PhotometryReducedDatum`` (typed columns, unique per target, bandpass and time). Either way a point is found
again by its observation time and band (:attr:`PhotometryPoint.key`), so "Update data" adds only new points
and corrects changed ones. The model is passed in, so this module imports nothing from tom_base.
"""
from typing import NamedTuple, Optional

from .conversions import TELESCOPE

DATA_TYPE = 'photometry'


def _millis(moment):
    return round(moment.timestamp() * 1000)


def save_tom2(model, target, points, source_name, source_location):
    """Saves ``points`` as TOM 2 ``ReducedDatum`` rows; returns (created, updated) counts."""
    existing = {}
    for datum in model.objects.filter(target=target, data_type=DATA_TYPE, source_name=source_name):
        existing[(_millis(datum.timestamp), (datum.value or {}).get('filter'))] = datum
    created = updated = 0
    for point in points:
        value = point.tom2_value()
        datum = existing.get((_millis(point.timestamp), point.band))
        if datum is None:
            datum = model(target=target, data_type=DATA_TYPE, source_name=source_name,
                          source_location=source_location, timestamp=point.timestamp, value=value)
            datum.save()
            existing[(_millis(point.timestamp), point.band)] = datum
            created += 1
        elif datum.value != value:
            datum.value = value
            datum.save()
            updated += 1
    return created, updated


def save_tom3(model, target, points, source_name, source_location):
    """Saves ``points`` as TOM 3 ``PhotometryReducedDatum`` rows (unique on target, bandpass, timestamp);
    returns the saved rows, which TOM 3's ``create_reduced_datums_from_query`` must return."""
    saved = []
    for point in points:
        datum, _ = model.objects.update_or_create(
            target=target, bandpass=point.band, timestamp=point.timestamp,
            defaults={
                'brightness': point.magnitude,
                'brightness_error': point.error,
                'limit': point.limit,
                'unit': 'AB mag',
                # ZTF points (conversions.PhotometryPoint) or Rubin points (lsst.LsstPoint, with fluxes in value).
                'telescope': getattr(point, 'telescope', TELESCOPE),
                'instrument': getattr(point, 'instrument', 'ZTF camera'),
                'source_name': source_name,
                'source_location': source_location,
                'value': point.tom3_value() if hasattr(point, 'tom3_value') else {'tag': point.tag},
            })
        saved.append(datum)
    return saved


class TomModels(NamedTuple):
    """The TOM's reduced-data models: ``photometry`` is TOM 3's ``PhotometryReducedDatum``, None on TOM 2."""
    reduced_datum: type
    photometry: Optional[type] = None


def tom_models():
    """The models of the TOM this runs in (TOM 3's typed photometry model when it exists)."""
    from tom_dataproducts.models import ReducedDatum
    try:
        from tom_dataproducts.models import PhotometryReducedDatum
    except ImportError:
        PhotometryReducedDatum = None
    return TomModels(ReducedDatum, PhotometryReducedDatum)


def save_points(models, target, points, source_name, source_location):
    """Saves into whichever photometry model the TOM has; returns the target's rows from ``source_name``."""
    if models.photometry is not None:
        return save_tom3(models.photometry, target, points, source_name, source_location)
    save_tom2(models.reduced_datum, target, points, source_name, source_location)
    return list(models.reduced_datum.objects.filter(target=target, data_type=DATA_TYPE, source_name=source_name))


def has_photometry(models, target, source_name):
    if models.photometry is not None:
        return models.photometry.objects.filter(target=target, source_name=source_name).exists()
    return models.reduced_datum.objects.filter(target=target, data_type=DATA_TYPE, source_name=source_name).exists()


def save_light_curve(target, points, source_name, source_location):
    return save_points(tom_models(), target, points, source_name, source_location)
