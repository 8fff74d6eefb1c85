"""Fink alert rows → what TOM stores: alert summaries, targets and photometry points. No Django import.

A row is one JSON record of the Fink API, keyed by Fink column names (``i:objectId``, ``i:jd``, ``d:tag`` ...).
"""
import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

# ZTF filter ids → the band names TOM's light-curve plot colours (g, r, i).
FID_TO_BAND = {1: 'g', 2: 'r', 3: 'i'}
TELESCOPE = 'ZTF'

_J2000 = datetime(2000, 1, 1, 12, tzinfo=timezone.utc)
_JD_J2000 = 2451545.0


def jd_to_datetime(jd):
    """A Julian Date (UTC) as an aware UTC datetime, rounded to the millisecond: a JD near 2.46e6 in a double
    carries ~40 microseconds, so finer digits would be noise (and would differ between equal observations)."""
    return _J2000 + timedelta(milliseconds=round((float(jd) - _JD_J2000) * 86_400_000))


def datetime_to_jd(moment):
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return _JD_J2000 + (moment - _J2000).total_seconds() / 86400.0


def _float(value):
    """A finite float, or None (JSON null, NaN, missing)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _int(value):
    """An integer, exactly: 64-bit ids such as i:candid must not pass through a float (53 bits)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip('-').isdigit():
        return int(value)
    number = _float(value)
    return None if number is None else int(number)


# Alerts (the broker's result table).

def object_url(row_or_id, api_url, portal_url=None):
    """Where a TOM user reads more about the object: the portal page when one is configured, else the API answer."""
    object_id = row_or_id if isinstance(row_or_id, str) else row_or_id.get('i:objectId')
    if portal_url:
        return f"{portal_url.rstrip('/')}/{object_id}"
    return f"{api_url.rstrip('/')}/api/v1/objects?objectId={object_id}"


def alert_summary(row, api_url, portal_url=None):
    """The fields of TOM's ``GenericAlert`` for one alert row.

    ``id`` is the alert's ``i:candid``: unique per alert and the same on every run, since TOM caches the raw alert
    under ``alert_<id>`` between showing the results and creating the target.
    """
    candid = _int(row.get('i:candid'))
    if candid is None or candid < 0:
        raise ValueError(f"Alert row without a valid i:candid: {row.get('i:objectId')!r}")
    jd = _float(row.get('i:jd'))
    return {
        'timestamp': jd_to_datetime(jd) if jd is not None else None,
        'id': candid,
        'name': row.get('i:objectId'),
        'ra': _float(row.get('i:ra')),
        'dec': _float(row.get('i:dec')),
        'mag': _float(row.get('i:magpsf')),
        'score': _float(row.get('d:rf_snia_vs_nonia')),
        'url': object_url(row, api_url, portal_url),
    }


def classification(row):
    """Fink's class of the alert: ``v:classification`` (objects, latests) or ``d:classification`` (cone searches)."""
    return row.get('v:classification') or row.get('d:classification') or row.get('d:cdsxmatch')


# Fink's main scores, as target extras and result-table columns: (column, label). Null or absent scores are left out.
SCORES = (
    ('d:rf_snia_vs_nonia', 'Early SN Ia score'),
    ('d:snn_snia_vs_nonia', 'SN Ia score (SuperNNova)'),
    ('d:snn_sn_vs_all', 'SN score (SuperNNova)'),
    ('d:rf_kn_vs_nonkn', 'Kilonova score'),
    ('d:mulens', 'Microlensing score'),
    ('d:anomaly_score', 'Anomaly score'),
)
CLASS_EXTRA = 'Fink class'
TNS_EXTRA = 'TNS type'


def tns_type(row):
    """The TNS type of the object's counterpart (``d:tns``); Fink writes ``""`` when there is none."""
    return (row.get('d:tns') or '').strip() or None


def scores(row):
    """The main Fink scores of an alert, labelled, in :data:`SCORES` order."""
    found = {}
    for column, label in SCORES:
        value = _float(row.get(column))
        if value is not None:
            found[label] = value
    return found


def target_extras(row):
    """What a target created from this alert keeps as TOM extras: Fink's class, the TNS type and the scores."""
    return _present({CLASS_EXTRA: classification(row), TNS_EXTRA: tns_type(row), **scores(row)})


def target_extras_from_summary(target):
    """The same extras from a row of :func:`targets_from_alerts` (the data service's result row)."""
    labels = [label for _, label in SCORES]
    return _present({CLASS_EXTRA: target.get('classification'), TNS_EXTRA: target.get('tns'),
                     **{label: target.get(label) for label in labels}})


def _present(extras):
    return {key: value for key, value in extras.items() if value not in (None, '')}


def targets_from_alerts(rows, api_url, portal_url=None):
    """One selectable row per object (the data service's result table), from its newest alert; first-seen order."""
    by_object = {}
    for row in rows:
        name = row.get('i:objectId')
        if not name or _float(row.get('i:ra')) is None or _float(row.get('i:dec')) is None:
            continue
        by_object.setdefault(name, []).append(row)
    from .moving import ztf_moving_target  # moving imports this module
    targets = []
    for name, alerts in by_object.items():
        alerts.sort(key=lambda r: _float(r.get('i:jd')) or 0.0, reverse=True)
        newest = alerts[0]
        jds = [jd for jd in (_float(r.get('i:jd')) for r in alerts) if jd is not None]
        moving = ztf_moving_target(newest)  # an asteroid: one night's position, named so
        targets.append({
            'name': moving.name if moving else name,
            'object_id': name,
            'ra': _float(newest.get('i:ra')),
            'dec': _float(newest.get('i:dec')),
            'mag': _float(newest.get('i:magpsf')),
            'filter': FID_TO_BAND.get(_int(newest.get('i:fid'))),
            'last_jd': max(jds) if jds else None,
            'first_jd': _float(newest.get('i:jdstarthist')) or (min(jds) if jds else None),
            'num_alerts': len(alerts),
            'classification': classification(newest),
            'tns': tns_type(newest),
            **scores(newest),  # one column per score in TOM's result table, which shows every key
            'candid': _int(newest.get('i:candid')),
            'url': object_url(name, api_url, portal_url),
            **({'target_fields': moving.fields, 'moving_extras': moving.extras} if moving else {}),
        })
    return targets


# Photometry (the target's light curve).

@dataclass(frozen=True)
class PhotometryPoint:
    """One light-curve point: a detection (``magnitude`` and ``error``) or a non-detection (``limit``)."""
    jd: float
    band: str
    magnitude: float = None
    error: float = None
    limit: float = None
    tag: str = 'valid'

    @property
    def timestamp(self):
        return jd_to_datetime(self.jd)

    @property
    def is_detection(self):
        return self.magnitude is not None

    @property
    def key(self):
        """Identity of the observation, the same on every refresh: time (to the millisecond) and band."""
        return (round(self.jd * 86_400_000), self.band)

    def tom2_value(self):
        """``ReducedDatum.value`` as TOM 2's plot and table read it; floats only, or the plot drops the point."""
        if self.is_detection:
            return {'magnitude': self.magnitude, 'error': self.error, 'filter': self.band, 'telescope': TELESCOPE}
        return {'limit': self.limit, 'filter': self.band, 'telescope': TELESCOPE}


_TAG_RANK = {'valid': 0, 'badquality': 1, 'upperlim': 2}


def light_curve(rows, include_bad_quality=False):
    """Photometry points from ``/api/v1/objects`` rows asked with ``withupperlim``, oldest first, one per key.

    ``d:tag`` says what a row is: ``valid`` (a detection), ``upperlim`` (a non-detection: ``i:diffmaglim`` is the
    5-sigma limit) or ``badquality`` (a detection failing Fink's quality cut, left out unless asked for). Rows
    without ``d:tag`` (plain alert rows) are detections. A band other than g, r, i is skipped.
    """
    best = {}
    for row in rows:
        point = _point(row)
        if point is None or (point.tag == 'badquality' and not include_bad_quality):
            continue
        kept = best.get(point.key)
        if kept is None or _TAG_RANK.get(point.tag, 3) < _TAG_RANK.get(kept.tag, 3):
            best[point.key] = point
    return sorted(best.values(), key=lambda p: (p.jd, p.band))


def _point(row):
    jd = _float(row.get('i:jd'))
    band = FID_TO_BAND.get(_int(row.get('i:fid')))
    if jd is None or band is None:
        return None
    tag = row.get('d:tag') or 'valid'
    magnitude = _float(row.get('i:magpsf'))
    if tag == 'upperlim' or magnitude is None:
        limit = _float(row.get('i:diffmaglim'))
        return None if limit is None else PhotometryPoint(jd, band, limit=limit, tag='upperlim')
    error = _float(row.get('i:sigmapsf'))
    return PhotometryPoint(jd, band, magnitude=magnitude, error=0.0 if error is None else error, tag=tag)


def object_id_for(name, aliases=()):
    """The ZTF object ID of a target: its name, else the first alias that is one (TOM targets are often renamed)."""
    from .searches import OBJECT_ID
    for candidate in [name, *aliases]:
        if candidate and OBJECT_ID.match(candidate.strip()):
            return candidate.strip()
    return None
