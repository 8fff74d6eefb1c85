"""Fetches and stores a target's light curve so that a FinkTom failure never fails the page or command asking for it.

tom_base saves the target first, then calls the broker's ``process_reduced_data`` (or the data service's
``to_reduced_datums``) and catches nothing: a FinkTom outage there was an HTTP 500 with the target already saved.
Here the error is logged and shown as a Django message when a request is at hand, and a target still without FinkTom
data is marked *pending*: ``updatereduceddata`` only visits targets holding data from a broker, so the mark is what
makes the nightly update (and "Update data") fetch the light curve later.
"""
import inspect
import logging
from datetime import datetime, timezone

from .client import FinkTomError
from . import lsst
from .conversions import light_curve, object_url
from .photometry import has_photometry, save_points, tom_models

logger = logging.getLogger(__name__)

# A ReducedDatum of this type marks a FinkTom target without FinkTom data yet. TOM plots and tables read only
# 'photometry' and 'spectroscopy' rows, so the mark shows nowhere.
PENDING_DATA_TYPE = 'finktom_pending'
_REQUEST_SEARCH_DEPTH = 40


def current_request():
    """The request of the view that called us, if any.

    tom_base passes no request to ``process_reduced_data`` or ``to_reduced_datums``, so the caller's frames are
    searched for the view's ``request`` argument; commands and scripts have none.
    """
    from django.http import HttpRequest
    frame = inspect.currentframe()
    try:
        for _ in range(_REQUEST_SEARCH_DEPTH):
            frame = frame.f_back
            if frame is None:
                return None
            candidate = frame.f_locals.get('request')
            if isinstance(candidate, HttpRequest):
                return candidate
        return None
    finally:
        del frame  # frames hold references to every local of the stack


def report_failure(name, error, request=None, update=False):
    """Logs a failed light-curve fetch of target ``name``, and tells the user when there is a request."""
    if update:
        text = f'The FinkTom light curve of {name} was not updated: {error}'
    else:
        text = (f'Target {name} was saved, but its light curve could not be fetched from FinkTom: {error} '
                'It will be fetched by the next "Update data" (updatereduceddata).')
    logger.warning(text)
    if request is not None:
        from django.contrib import messages
        messages.warning(request, text, fail_silently=True)


def mark_pending(models, target, source_name, reason):
    """Marks a target without FinkTom data, once, so that ``updatereduceddata`` visits it."""
    rows = models.reduced_datum.objects.filter(target=target, data_type=PENDING_DATA_TYPE, source_name=source_name)
    if rows.exists() or has_photometry(models, target, source_name):
        return
    # bulk_create skips ReducedDatum.save(), which accepts only the data types named in settings.DATA_PRODUCT_TYPES.
    models.reduced_datum.objects.bulk_create([models.reduced_datum(
        target=target, data_type=PENDING_DATA_TYPE, source_name=source_name, source_location='',
        timestamp=datetime.now(timezone.utc), value={'reason': str(reason)[:500]})])


def clear_pending(models, target, source_name):
    models.reduced_datum.objects.filter(target=target, data_type=PENDING_DATA_TYPE, source_name=source_name).delete()


def is_pending(models, target, source_name):
    return models.reduced_datum.objects.filter(target=target, data_type=PENDING_DATA_TYPE,
                                               source_name=source_name).exists()


def refresh_light_curve(target, object_id, config, source_name, models=None, rows=None, raise_errors=False):
    """Fetches (unless ``rows`` are given) and stores the object's light curve; returns the target's rows.

    ``object_id`` is a ZTF object ID (``/api/v1/objects``) or a Rubin diaObjectId in digits (``/lsst/api/v1/sources``
    and ``/fp``).

    A FinkTom error is reported and the target marked pending; it is raised again only with ``raise_errors``
    (``updatereduceddata`` catches it and lists the target as failed).
    """
    models = models or tom_models()
    rubin = lsst.dia_object_id_for(str(object_id)) is not None
    try:
        if rows is None:
            client = config.client()
            rows = client.lsst_light_curve(object_id) if rubin else client.light_curve(object_id)
    except FinkTomError as e:
        mark_pending(models, target, source_name, e)
        report_failure(target.name, e, current_request(), update=raise_errors)
        if raise_errors:
            raise
        return []
    if rubin:
        points = lsst.light_curve(rows)
        location = lsst.object_url(object_id, config.api_url, config.portal_url)
    else:
        points = light_curve(rows, config.include_bad_quality)
        location = object_url(object_id, config.api_url, config.portal_url)
    saved = save_points(models, target, points, source_name, location)
    if points:
        clear_pending(models, target, source_name)
    else:  # an object with no usable point yet: keep asking
        mark_pending(models, target, source_name, 'no photometry yet')
    return saved
