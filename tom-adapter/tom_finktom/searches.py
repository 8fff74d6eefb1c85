"""The five ZTF searches of the Fink Science Portal and four Rubin/LSST ones, as requests to FinkTom. No Django import.

:func:`build_search` turns the query form's cleaned values (also what TOM saves as the query's parameters) into
one :class:`Search`, or raises :class:`SearchError` naming the field at fault, so the form, the broker and the
data service validate the same way.
"""
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

from .conversions import datetime_to_jd

# Columns the result table and the target need; v:classification is computed by the server.
# d:tns and the scores become target extras (conversions.target_extras).
ALERT_COLUMNS = ('i:objectId,i:candid,i:ra,i:dec,i:jd,i:jdstarthist,i:magpsf,i:sigmapsf,i:fid,'
                 'd:cdsxmatch,d:rf_snia_vs_nonia,d:snn_snia_vs_nonia,d:snn_sn_vs_all,d:rf_kn_vs_nonkn,d:mulens,'
                 'd:anomaly_score,d:tns,v:classification,i:ssnamenr,i:ssdistnr')
SSO_COLUMNS = 'i:objectId,i:candid,i:ra,i:dec,i:jd,i:magpsf,i:sigmapsf,i:fid,i:ssnamenr,i:ssdistnr,d:roid'
LIGHT_CURVE_COLUMNS = 'i:objectId,i:candid,i:jd,i:fid,i:magpsf,i:sigmapsf,i:diffmaglim,i:isdiffpos'

# Rubin/LSST (FinkTom's /lsst/api/v1, Fink's LSST API): r: Rubin fields, f: Fink values. 64-bit ids are JSON integers.
LSST_ALERT_COLUMNS = ('r:diaObjectId,r:diaSourceId,r:ssObjectId,r:ra,r:dec,r:midpointMjdTai,r:psfFlux,r:psfFluxErr,'
                      'r:band,f:xm_tns_type,f:xm_simbad_otype,f:clf_snnSnVsOthers_score')
# The asteroid table has no cross-match or classifier columns; f:sso_name is added by the API.
LSST_SSO_COLUMNS = 'r:diaObjectId,r:diaSourceId,r:ssObjectId,r:ra,r:dec,r:midpointMjdTai,r:psfFlux,r:psfFluxErr,r:band'
# The MPC orbit FinkTom serves with /sso?withOrbit=true (its own parameter): what a NON_SIDEREAL target needs.
LSST_ORBIT_COLUMNS = 'r:a,r:q,r:e,r:i,r:node,r:argperi,r:peri_time,r:mean_anomaly,r:epoch_mjd'
LSST_SOURCE_COLUMNS = 'r:diaObjectId,r:diaSourceId,r:midpointMjdTai,r:psfFlux,r:psfFluxErr,r:band'
LSST_FP_COLUMNS = 'r:diaObjectId,r:diaForcedSourceId,r:midpointMjdTai,r:psfFlux,r:psfFluxErr,r:band'

# Limits FinkTom enforces (README "Errors and limits"); checked here so the form points at the field.
MAX_OBJECT_IDS = 1000
MAX_RADIUS_ARCSEC = 18000.0
MAX_WINDOW_MINUTES = 180.0
MAX_CLASS_ALERTS = 10000
MAX_SSO_NAMES = 100
DEFAULT_CLASS_ALERTS = 10
MAX_TAG_ALERTS = 10000
DEFAULT_TAG_ALERTS = 10  # Fink's default for /tags

OBJECT_ID = re.compile(r'^ZTF\d{2}[a-z]{7}$')
DIA_OBJECT_ID = re.compile(r'^\d{1,19}$')  # a Rubin diaObjectId: a 64-bit integer, written in digits
ISO_DATE = re.compile(r'^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$')

# Which form fields start which search; the others (radius, window, n_alerts, days) only refine one.
TRIGGERS = {
    'object': ('object_id',),
    'cone': ('ra', 'dec'),
    'date': ('start_date',),
    'class': ('class_name',),
    'sso': ('sso_name',),
    'lsst_object': ('lsst_object_id',),
    'lsst_cone': ('lsst_ra', 'lsst_dec'),
    'lsst_tag': ('lsst_tag',),
    'lsst_sso': ('lsst_sso_name',),
}
LSST = 'lsst'
ZTF = 'ztf'



class SearchError(ValueError):
    """Invalid search parameters; ``field`` is the form field to attach the message to (None: the whole form)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Search:
    kind: str
    endpoint: str
    payload: dict = field(default_factory=dict)
    description: str = ''
    survey: str = ZTF  # 'lsst': the endpoint is under FinkTom's /lsst/api/v1


def build_search(params, now=None):
    """Validates the cleaned form values and returns the request to send. Exactly one search must be filled in."""
    filled = [kind for kind, names in TRIGGERS.items() if any(_text(params.get(n)) for n in names)]
    if not filled:
        raise SearchError('Fill in one search: an object ID, a cone (RA, Dec, radius), a start date, '
                          'a class or a Solar System object (ZTF), or a diaObjectId, a cone, a tag or a '
                          'Solar System object (Rubin/LSST).')
    if len(filled) > 1:
        raise SearchError(f"Fill in only one search; this query mixes {' and '.join(filled)}.")
    return _BUILDERS[filled[0]](params, now or datetime.now(timezone.utc))


def _object(params, now):
    ids = [i for i in re.split(r'[\s,]+', _text(params.get('object_id'))) if i]
    bad = [i for i in ids if not OBJECT_ID.match(i)]
    if bad:
        raise SearchError(f"Not a ZTF object ID: {', '.join(bad[:5])} (expected e.g. ZTF21abfmbix).", 'object_id')
    if len(ids) > MAX_OBJECT_IDS:
        raise SearchError(f'At most {MAX_OBJECT_IDS} object IDs per search, got {len(ids)}.', 'object_id')
    unique = list(dict.fromkeys(ids))
    return Search('object', 'objects', {'objectId': ','.join(unique), 'columns': ALERT_COLUMNS},
                  f"alerts of {', '.join(unique[:3])}{'...' if len(unique) > 3 else ''}")


def _cone(params, now, prefix=''):
    ra_name, dec_name, radius_name = f'{prefix}ra', f'{prefix}dec', f'{prefix}radius'
    ra, dec = _text(params.get(ra_name)), _text(params.get(dec_name))
    if not ra:
        raise SearchError('A cone search needs a right ascension.', ra_name)
    if not dec:
        raise SearchError('A cone search needs a declination.', dec_name)
    _check_angle(ra, ra_name, 0.0, 360.0)
    _check_angle(dec, dec_name, -90.0, 90.0)
    radius = _number(params.get(radius_name), radius_name)
    if radius is None:
        raise SearchError('A cone search needs a radius in arcseconds.', radius_name)
    if not 0 < radius <= MAX_RADIUS_ARCSEC:
        raise SearchError(f'The radius must be more than 0 and at most {MAX_RADIUS_ARCSEC:,.0f} arcseconds (5 degrees).',
                          radius_name)
    return Search('cone', 'conesearch', {'ra': ra, 'dec': dec, 'radius': radius},
                  f'objects within {radius:g}" of {ra} {dec}')


def _date(params, now):
    start = _text(params.get('start_date'))
    if not (ISO_DATE.match(start) or _is_number(start)):
        raise SearchError('The start date must be an ISO date (2021-06-01 or 2021-06-01 04:30:00), a JD or an MJD.',
                          'start_date')
    window = _number(params.get('window'), 'window')
    window = MAX_WINDOW_MINUTES if window is None else window
    if not 0 < window <= MAX_WINDOW_MINUTES:
        raise SearchError(f'The window must be more than 0 and at most {MAX_WINDOW_MINUTES:g} minutes.', 'window')
    return Search('date', 'explorer', {'startdate': start, 'window': window},
                  f'objects with alerts in the {window:g} minutes from {start}')


def _class(params, now):
    name = _text(params.get('class_name'))
    n = _number(params.get('n_alerts'), 'n_alerts')
    n = DEFAULT_CLASS_ALERTS if n is None else n
    if n != int(n) or not 1 <= n <= MAX_CLASS_ALERTS:
        raise SearchError(f'The number of alerts must be a whole number from 1 to {MAX_CLASS_ALERTS:,}.', 'n_alerts')
    payload = {'class': name, 'n': int(n), 'columns': ALERT_COLUMNS}
    days = _number(params.get('days'), 'days')
    if days is not None:
        if days <= 0:
            raise SearchError('The number of days must be positive.', 'days')
        # A JD, not an ISO string: FinkTom and Fink both take it, and it carries no timezone ambiguity.
        payload['startdate'] = f'{datetime_to_jd(now - timedelta(days=days)):.6f}'
    return Search('class', 'latests', payload,
                  f"the {int(n)} newest alerts of class {name}" + (f' in the last {days:g} days' if days else ''))


def _sso(params, now):
    names = [n.strip() for n in _text(params.get('sso_name')).split(',') if n.strip()]
    if len(names) > MAX_SSO_NAMES:
        raise SearchError(f'At most {MAX_SSO_NAMES} Solar System objects per search, got {len(names)}.', 'sso_name')
    return Search('sso', 'sso', {'n_or_d': ','.join(names), 'columns': SSO_COLUMNS},
                  f"alerts of Solar System object {', '.join(names[:3])}")


def _lsst_object(params, now):
    ids = [i for i in re.split(r'[\s,]+', _text(params.get('lsst_object_id'))) if i]
    bad = [i for i in ids if not DIA_OBJECT_ID.match(i) or int(i) >= 2 ** 63]
    if bad:
        raise SearchError(f"Not a Rubin diaObjectId: {', '.join(bad[:5])} (expected digits, e.g. 170028485706776685).",
                          'lsst_object_id')
    if len(ids) > MAX_OBJECT_IDS:
        raise SearchError(f'At most {MAX_OBJECT_IDS} diaObjectIds per search, got {len(ids)}.', 'lsst_object_id')
    unique = list(dict.fromkeys(ids))
    # A JSON string, never a number: Fink slices the id as text (contract §1.1), and digits stay exact.
    return Search('lsst_object', 'sources', {'diaObjectId': ','.join(unique), 'columns': LSST_ALERT_COLUMNS},
                  f"alerts of Rubin object {', '.join(unique[:3])}{'...' if len(unique) > 3 else ''}", LSST)


def _lsst_cone(params, now):
    cone = _cone(params, now, prefix='lsst_')
    return Search('lsst_cone', 'conesearch', {**cone.payload, 'columns': LSST_ALERT_COLUMNS},
                  f'Rubin {cone.description}', LSST)


def _lsst_tag(params, now):
    tag = _text(params.get('lsst_tag'))
    n = _number(params.get('lsst_n_alerts'), 'lsst_n_alerts')
    n = DEFAULT_TAG_ALERTS if n is None else n
    if n != int(n) or not 1 <= n <= MAX_TAG_ALERTS:
        raise SearchError(f'The number of alerts must be a whole number from 1 to {MAX_TAG_ALERTS:,}.', 'lsst_n_alerts')
    return Search('lsst_tag', 'tags', {'tag': tag, 'n': int(n), 'columns': LSST_ALERT_COLUMNS},
                  f'the {int(n)} newest Rubin alerts of tag {tag}', LSST)


def _lsst_sso(params, now):
    names = [n.strip() for n in _text(params.get('lsst_sso_name')).split(',') if n.strip()]
    if len(names) > MAX_SSO_NAMES:
        raise SearchError(f'At most {MAX_SSO_NAMES} Solar System objects per search, got {len(names)}.',
                          'lsst_sso_name')
    return Search('lsst_sso', 'sso', {'n_or_d': ','.join(names), 'withOrbit': True,
                                      'columns': f'{LSST_SSO_COLUMNS},{LSST_ORBIT_COLUMNS}'},
                  f"Rubin alerts of Solar System object {', '.join(names[:3])}", LSST)


_BUILDERS = {'object': _object, 'cone': _cone, 'date': _date, 'class': _class, 'sso': _sso,
             'lsst_object': _lsst_object, 'lsst_cone': _lsst_cone, 'lsst_tag': _lsst_tag, 'lsst_sso': _lsst_sso}


def _text(value):
    return '' if value is None else str(value).strip()


def _is_number(text):
    try:
        float(text)
        return True
    except (TypeError, ValueError):
        return False


def _number(value, name):
    text = _text(value)
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise SearchError(f'Not a number: {text!r}.', name) from None


def _check_angle(text, name, low, high):
    """Decimal degrees are range-checked here; sexagesimal (12h55m17s, +02:53:50) is left to the server's parser."""
    if _is_number(text):
        value = float(text)
        if not low <= value <= high:
            raise SearchError(f'{"RA" if name.endswith("ra") else "Dec"} in degrees must be between {low:g} and {high:g}.', name)
    elif not re.match(r'^[+-]?[0-9hdms:. ]+$', text):
        raise SearchError(f'Not a coordinate: {text!r} (degrees, or sexagesimal such as 12h55m17.2s or +02:53:50).', name)
