"""The query form's fields and checks: plain Django, shared by the TOM 2 broker form and the TOM 3 data service form.

Five ZTF searches (``/api/v1``) and four Rubin/LSST searches (``/lsst/api/v1``), whose fields start with ``lsst_``.

TOM saves ``cleaned_data`` as the query's parameters (a JSON field), so every cleaned value is a str, int, float or
None. The five searches are checked by :func:`tom_finktom.searches.build_search`, the same function the broker
and the data service call, so a saved query that passed the form also runs.
"""
import logging
import time

from django import forms
from django.conf import settings

from .config import read_settings
from .searches import (DEFAULT_CLASS_ALERTS, DEFAULT_TAG_ALERTS, MAX_CLASS_ALERTS, MAX_RADIUS_ARCSEC, MAX_TAG_ALERTS,
                       MAX_WINDOW_MINUTES, SearchError, build_search)

logger = logging.getLogger(__name__)

# Shown when the server cannot be asked for its class list (FinkTom's Fink classifiers).
FALLBACK_CLASSES = ['Early SN Ia candidate', 'SN candidate', 'Kilonova candidate', 'Microlensing candidate',
                    'Solar System MPC', 'Solar System candidate', 'Tracklet', 'Ambiguous']
# Fink's LSST tags with API support (fink-filters 7.40), shown when the server cannot be asked for its list.
FALLBACK_LSST_TAGS = ['extragalactic_lt20mag_candidate', 'extragalactic_new_candidate', 'faint_trails',
                      'hostless_candidate', 'in_tns', 'mdwarf_flare', 'most_likely_sn', 'sn_near_galaxy_candidate']
_CLASS_CACHE_SECONDS = 300
_class_cache = {}
_tag_cache = {}

FIELDSETS = [
    ('Object', ['object_id']),
    ('Cone search', ['ra', 'dec', 'radius']),
    ('Date search', ['start_date', 'window']),
    ('Latest alerts of a class', ['class_name', 'n_alerts', 'days']),
    ('Solar System object', ['sso_name']),
    ('Rubin/LSST object', ['lsst_object_id']),
    ('Rubin/LSST cone search', ['lsst_ra', 'lsst_dec', 'lsst_radius']),
    ('Rubin/LSST latest alerts of a tag', ['lsst_tag', 'lsst_n_alerts']),
    ('Rubin/LSST Solar System object', ['lsst_sso_name']),
]


def _cached_names(cache, what, fetch):
    """A name list from the server, cached a few minutes per server; None when the server cannot say."""
    config = read_settings(settings)
    cached = cache.get(config.api_url)
    if cached and time.monotonic() - cached[0] < _CLASS_CACHE_SECONDS:
        return cached[1]
    try:
        names = fetch(config)()
    except Exception as e:  # the page must render even when the server is down
        logger.warning('FinkTom %s unavailable: %s', what, e)
        return None
    cache[config.api_url] = (time.monotonic(), names)
    return names


def class_names(fetch=None):
    """Class names from the server's ``/api/v1/classes``, cached a few minutes; None when the server cannot say."""
    return _cached_names(_class_cache, 'class list', lambda config: fetch or config.client().class_names)


def class_choices():
    names = class_names()
    return [('', '---------')] + [(n, n) for n in (names or FALLBACK_CLASSES)]


def lsst_tag_names(fetch=None):
    """Tag names from the server's ``GET /lsst/api/v1/tags`` (those with API support), cached a few minutes;
    None when the server cannot say."""
    return _cached_names(_tag_cache, 'LSST tag list', lambda config: fetch or config.client().lsst_tag_names)


def lsst_tag_choices():
    names = lsst_tag_names()
    return [('', '---------')] + [(n, n) for n in (names or FALLBACK_LSST_TAGS)]


class LsstTagChoiceField(forms.ChoiceField):
    """A tag from the server's list; any name is let through when the list is unavailable (the server checks it)."""

    def valid_value(self, value):
        return lsst_tag_names() is None or super().valid_value(value)


class ClassChoiceField(forms.ChoiceField):
    """A class from the server's list; any name is let through when the list is unavailable (the server checks it)."""

    def valid_value(self, value):
        return class_names() is None or super().valid_value(value)


class FinkTomSearchForm(forms.Form):
    object_id = forms.CharField(
        required=False, label='Object ID',
        help_text='A ZTF object ID, or several separated by commas (e.g. ZTF21abfmbix). Returns every alert of the objects.')
    ra = forms.CharField(
        required=False, label='Right ascension',
        help_text='Degrees (193.8217) or sexagesimal (12h55m17.2s, 12:55:17.2).')
    dec = forms.CharField(
        required=False, label='Declination',
        help_text='Degrees (2.8973) or sexagesimal (+02d53m50s, +02:53:50).')
    radius = forms.FloatField(
        required=False, min_value=0, max_value=MAX_RADIUS_ARCSEC, label='Radius (arcsec)',
        help_text=f'Cone radius in arcseconds, at most {MAX_RADIUS_ARCSEC:,.0f} (5 degrees). '
                  'Returns the latest alert of each object in the cone, nearest first.')
    start_date = forms.CharField(
        required=False, label='Start date (UTC)',
        help_text='ISO date (2021-06-01 04:30:00), JD or MJD. Returns the objects with an alert in the window.')
    window = forms.FloatField(
        required=False, min_value=0, max_value=MAX_WINDOW_MINUTES, label='Window (minutes)',
        help_text=f'Minutes after the start date, at most {MAX_WINDOW_MINUTES:g} (the default).')
    class_name = ClassChoiceField(
        required=False, choices=class_choices, label='Class',
        help_text='A Fink class, a SIMBAD cross-match type "(SIMBAD) ..." or a TNS type "(TNS) ...", '
                  "as listed by the server's /api/v1/classes.")
    n_alerts = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_CLASS_ALERTS, initial=DEFAULT_CLASS_ALERTS, label='Number of alerts',
        help_text=f'How many of the newest alerts of the class, at most {MAX_CLASS_ALERTS:,} (default {DEFAULT_CLASS_ALERTS}).')
    days = forms.FloatField(
        required=False, min_value=0, label='In the last (days)',
        help_text='Only alerts from the last N days (optional).')
    sso_name = forms.CharField(
        required=False, label='Solar System object',
        help_text='MPC number (8467) or packed designation (2010JO69) as ZTF writes it; several separated by commas.')
    lsst_object_id = forms.CharField(
        required=False, label='Rubin diaObjectId',
        help_text='A Rubin diaObjectId, or several separated by commas (e.g. 170028485706776685). '
                  'Returns every alert (diaSource) of the objects.')
    lsst_ra = forms.CharField(
        required=False, label='Right ascension',
        help_text='Degrees (63.3496) or sexagesimal (04h13m23.9s, 04:13:23.9).')
    lsst_dec = forms.CharField(
        required=False, label='Declination',
        help_text='Degrees (-47.1808) or sexagesimal (-47d10m51s, -47:10:51).')
    lsst_radius = forms.FloatField(
        required=False, min_value=0, max_value=MAX_RADIUS_ARCSEC, label='Radius (arcsec)',
        help_text=f'Cone radius in arcseconds, at most {MAX_RADIUS_ARCSEC:,.0f} (5 degrees). '
                  'Returns the latest Rubin alert of each object in the cone, nearest first.')
    lsst_tag = LsstTagChoiceField(
        required=False, choices=lsst_tag_choices, label='Tag',
        help_text="A Fink LSST tag (livestream filter) with API support, as listed by the server's /lsst/api/v1/tags.")
    lsst_n_alerts = forms.IntegerField(
        required=False, min_value=1, max_value=MAX_TAG_ALERTS, initial=DEFAULT_TAG_ALERTS, label='Number of alerts',
        help_text=f'How many of the newest alerts of the tag, at most {MAX_TAG_ALERTS:,} '
                  f'(default {DEFAULT_TAG_ALERTS}).')
    lsst_sso_name = forms.CharField(
        required=False, label='Solar System object',
        help_text='Provisional designation (2004 JQ12) or packed designation (K04J12Q); several separated by commas. '
                  'Returns its Rubin alerts.')

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            build_search(cleaned)
        except SearchError as e:
            if e.field in self.fields:
                self.add_error(e.field, str(e))
            else:
                raise forms.ValidationError(str(e)) from e
        return cleaned


def crispy_fieldsets():
    """The search fieldsets as crispy-forms objects (TOM renders its forms with crispy-forms)."""
    from crispy_forms.layout import Fieldset
    return [Fieldset(legend, *names) for legend, names in FIELDSETS]
