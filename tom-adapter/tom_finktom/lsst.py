"""Rubin/LSST rows of Fink's LSST API (FinkTom's ``/lsst/api/v1``) → what TOM stores. No Django import.

A row is keyed by Fink's LSST column names (``r:diaObjectId``, ``r:midpointMjdTai``, ``r:psfFlux`` ...). Ids are
64-bit integers: Python's json reads them exactly, and nothing here passes them through a float.
"""
import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from .conversions import TNS_EXTRA, _float, _int, _present
from .moving import lsst_moving_target
from .searches import DIA_OBJECT_ID

TELESCOPE = 'Rubin'
INSTRUMENT = 'LSSTCam'
BANDS = ('u', 'g', 'r', 'i', 'z', 'y')
ZERO_POINT = 31.4  # AB magnitude of 1 nJy, as Fink converts psfFlux
SIMBAD_EXTRA = 'SIMBAD type'
SN_SCORE_EXTRA = 'SN score (SuperNNova)'

_MJD_EPOCH = datetime(1858, 11, 17, tzinfo=timezone.utc)
# Rubin times are MJD in TAI; TAI - UTC has been 37 s since 2017-01-01 (no leap second announced since).
_TAI_MINUS_UTC = timedelta(seconds=37)


def mjd_tai_to_datetime(mjd):
    """An MJD (TAI) as an aware UTC datetime, to the millisecond (a double near 6.1e4 days carries ~1 µs)."""
    return _MJD_EPOCH + timedelta(milliseconds=round(float(mjd) * 86_400_000)) - _TAI_MINUS_UTC


def flux_to_magnitude(flux, flux_error=None):
    """AB magnitude and its error from a flux in nJy as Fink: m = 31.4 − 2.5 log10 flux; None when flux ≤ 0."""
    flux, flux_error = _float(flux), _float(flux_error)
    if flux is None or flux <= 0:
        return None, None
    error = None if flux_error is None else 2.5 / math.log(10) * flux_error / flux
    return ZERO_POINT - 2.5 * math.log10(flux), error


def dia_object_id_for(name, aliases=()):
    """The Rubin diaObjectId of a target: its name, else the first alias that is one (digits only)."""
    for candidate in [name, *aliases]:
        text = (candidate or '').strip()
        if DIA_OBJECT_ID.match(text):
            return text
    return None


def object_url(dia_object_id, api_url, portal_url=None):
    """The object's ``/lsst/api/v1/objects`` answer (``portal_url`` names a ZTF portal, so it is not used here)."""
    return f"{api_url.rstrip('/')}/lsst/api/v1/objects?diaObjectId={dia_object_id}"


def target_name(row):
    """The diaObjectId in digits; an asteroid's alert has none, and is named by its designation (``f:sso_name``)."""
    dia_object_id = _int(row.get('r:diaObjectId'))
    if dia_object_id is not None:
        return str(dia_object_id)
    return row.get('f:sso_name') or row.get('r:packed_primary_provisional_designation')


def moving_target(row):
    """A Solar System alert (no diaObjectId) as a :class:`~tom_finktom.moving.MovingTarget`; None for other alerts."""
    if _int(row.get('r:diaObjectId')):
        return None
    designation = target_name(row)
    return lsst_moving_target(row, designation) if designation else None


def target_extras(row):
    """Target extras from a Rubin alert: TNS and SIMBAD types and SuperNNova's SN score, when present."""
    return _present({TNS_EXTRA: _text_value(row.get('f:xm_tns_type')),
                     SIMBAD_EXTRA: _text_value(row.get('f:xm_simbad_otype')),
                     SN_SCORE_EXTRA: _float(row.get('f:clf_snnSnVsOthers_score'))})


def _text_value(value):
    # Fink's LSST API writes "nan" for a string missing in some rows (contract §1.5).
    return None if value in (None, '', 'nan') else value


def alert_summary(row, api_url, portal_url=None):
    """The fields of TOM's ``GenericAlert`` for one Rubin alert; ``id`` is its ``r:diaSourceId``."""
    dia_source_id = _int(row.get('r:diaSourceId'))
    if dia_source_id is None or dia_source_id < 0:
        raise ValueError(f"Rubin alert row without a valid r:diaSourceId: {target_name(row)!r}")
    mjd = _float(row.get('r:midpointMjdTai'))
    name = target_name(row)
    return {
        'timestamp': mjd_tai_to_datetime(mjd) if mjd is not None else None,
        'id': dia_source_id,
        'name': name,
        'ra': _float(row.get('r:ra')),
        'dec': _float(row.get('r:dec')),
        'mag': flux_to_magnitude(row.get('r:psfFlux'))[0],
        'score': _float(row.get('f:clf_snnSnVsOthers_score')),
        'url': object_url(name, api_url, portal_url) if _int(row.get('r:diaObjectId')) is not None else None,
    }


def targets_from_alerts(rows, api_url, portal_url=None):
    """One row per object (the data service's result table), from its newest alert; first-seen order."""
    by_name = {}
    for row in rows:
        name = target_name(row)
        if not name or _float(row.get('r:ra')) is None or _float(row.get('r:dec')) is None:
            continue
        by_name.setdefault(name, []).append(row)
    targets = []
    for name, alerts in by_name.items():
        alerts.sort(key=lambda r: _float(r.get('r:midpointMjdTai')) or 0.0, reverse=True)
        newest = alerts[0]
        mjds = [m for m in (_float(r.get('r:midpointMjdTai')) for r in alerts) if m is not None]
        dia_object_id = _int(newest.get('r:diaObjectId'))
        moving = moving_target(newest)
        targets.append({
            'name': moving.name if moving else name,
            'survey': 'lsst',
            'ra': _float(newest.get('r:ra')),
            'dec': _float(newest.get('r:dec')),
            'mag': flux_to_magnitude(newest.get('r:psfFlux'))[0],
            'filter': newest.get('r:band'),
            'last_mjd_tai': max(mjds) if mjds else None,
            'num_alerts': len(alerts),
            'tns': _text_value(newest.get('f:xm_tns_type')),
            **target_extras(newest),
            'dia_object_id': dia_object_id,  # an int: exact, and None for an asteroid's alert
            'dia_source_id': _int(newest.get('r:diaSourceId')),
            'url': object_url(name, api_url, portal_url) if dia_object_id is not None else None,
            **({'target_fields': moving.fields, 'moving_extras': moving.extras} if moving else {}),
        })
    return targets


@dataclass(frozen=True)
class LsstPoint:
    """One Rubin measurement: ``flux`` ± ``flux_error`` in nJy, and the AB magnitude when the flux is positive.
    ``kind`` is ``diaSource`` (a detection in the difference image) or ``forced`` (forced photometry)."""
    mjd_tai: float
    band: str
    flux: float
    flux_error: float = None
    kind: str = 'diaSource'
    source_id: int = None  # r:diaSourceId or r:diaForcedSourceId, exact
    telescope = TELESCOPE
    instrument = INSTRUMENT
    limit = None

    @property
    def timestamp(self):
        return mjd_tai_to_datetime(self.mjd_tai)

    @property
    def magnitude(self):
        return flux_to_magnitude(self.flux, self.flux_error)[0]

    @property
    def error(self):
        return flux_to_magnitude(self.flux, self.flux_error)[1]

    @property
    def tag(self):
        return self.kind

    @property
    def key(self):
        return (round(self.mjd_tai * 86_400_000), self.band)

    def tom2_value(self):
        """``ReducedDatum.value``: TOM 2 plots points whose magnitude and error are floats; a point with flux ≤ 0
        keeps ``magnitude: None`` (TOM's photometry table reads the key) and shows in the table, not the plot."""
        return {'magnitude': self.magnitude, 'error': self.error, 'filter': self.band, 'telescope': TELESCOPE,
                'flux': self.flux, 'flux_error': self.flux_error, 'flux_unit': 'nJy', 'kind': self.kind,
                'source_id': self.source_id}

    def tom3_value(self):
        return {'flux': self.flux, 'flux_error': self.flux_error, 'flux_unit': 'nJy', 'kind': self.kind,
                'source_id': self.source_id}


def light_curve(rows):
    """Points from ``/sources`` and ``/fp`` rows (:meth:`FinkTomClient.lsst_light_curve`), oldest first.

    A forced measurement at the time and band of a diaSource (the same visit) is left out: the detection is kept,
    and TOM keeps one point per time and band. Rows without a flux, a time, or a band in ugrizy are skipped.
    """
    best = {}
    for row in rows:
        point = _point(row)
        if point is None:
            continue
        kept = best.get(point.key)
        if kept is None or (kept.kind == 'forced' and point.kind == 'diaSource'):
            best[point.key] = point
    return sorted(best.values(), key=lambda p: (p.mjd_tai, p.band))


def _point(row):
    mjd, flux, band = _float(row.get('r:midpointMjdTai')), _float(row.get('r:psfFlux')), row.get('r:band')
    if mjd is None or flux is None or band not in BANDS:
        return None
    forced = row.get('r:diaForcedSourceId') is not None and row.get('r:diaSourceId') is None
    source_id = _int(row.get('r:diaForcedSourceId') if forced else row.get('r:diaSourceId'))
    return LsstPoint(mjd, band, flux, _float(row.get('r:psfFluxErr')), 'forced' if forced else 'diaSource', source_id)
