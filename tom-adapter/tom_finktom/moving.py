"""Solar System objects → TOM targets. No Django import.

A moving object is useless as a SIDEREAL target fixed where one alert saw it. With orbital elements (Rubin alerts carry
the MPC orbit, ``mpc_orbits``) it becomes a NON_SIDEREAL target that TOM's ephemeris code can follow; without them
(ZTF alerts name the asteroid in ``i:ssnamenr`` but carry no orbit, and FinkTom's Rubin API serves only the
designations of ``mpc_orbits``) it stays SIDEREAL, named and marked as one night's position.
"""
import re

from .conversions import _float

SSO_EXTRA = 'Solar System object'
POSITION_EXTRA = 'Position'
SINGLE_EPOCH = 'single epoch: where one alert saw a moving object; not an orbit'
POSITION_MJD_EXTRA = 'Position epoch (MJD UTC)'
ORBIT_SOURCE_EXTRA = 'Orbit'
MPC_ORBIT = 'MPC orbit from the Rubin alert (mpc_orbits)'
# ZTF writes the string "null" when no known asteroid is near; ssdistnr is -999 then.
_NO_NAME = ('', 'null', 'None', 'nan')
# Fink's roid = 3 rule: a known asteroid within 5 arcsec. Farther, the name is only the nearest one's.
MAX_ZTF_DISTANCE_ARCSEC = 5.0
# Periodic (10P, P/2019 LD2), long-period (C/2020 V2), defunct (D/), uncertain (X/) or interstellar (1I, I/) comets.
_COMET = re.compile(r'^\s*(\d+[PCDXI](\b|/)|[PCDXI]/)')


def ztf_sso_name(row):
    """The asteroid a ZTF alert is, by ZTF's own association (``i:ssnamenr``), or None."""
    name = row.get('i:ssnamenr')
    name = None if name is None else str(name).strip()
    if name in _NO_NAME or name is None:
        return None
    distance = _float(row.get('i:ssdistnr'))
    if distance is not None and not 0 <= distance <= MAX_ZTF_DISTANCE_ARCSEC:
        return None
    return name


def _field(record, name):
    """A field of an ``mpc_orbits`` record, as Rubin's Avro names it or as Fink's API prefixes it (``r:a``)."""
    return record.get(name, record.get(f'r:{name}'))


def is_comet(designation, eccentricity=None):
    return bool(_COMET.match(designation or '')) or (eccentricity is not None and eccentricity >= 1)


def orbit_fields(record):
    """TOM ``Target`` fields (NON_SIDEREAL) from an MPC orbit, or None when the elements a scheme needs are missing.

    Units are those of both ``mpc_orbits`` and TOM: angles in degrees (J2000 ecliptic), distances in au, epochs as
    MJD (the MPC's TT; TOM's fields say only "Modified Julian Date"). A comet (cometary designation, or e ≥ 1)
    uses TOM's MPC_COMET scheme (perihelion distance and time), anything else MPC_MINOR_PLANET (semi-major axis and
    mean anomaly).
    """
    if not record:
        return None
    elements = {
        'epoch_of_elements': _float(_field(record, 'epoch_mjd')),
        'inclination': _float(_field(record, 'i')),
        'lng_asc_node': _float(_field(record, 'node')),
        'arg_of_perihelion': _float(_field(record, 'argperi')),
        'eccentricity': _float(_field(record, 'e')),
    }
    if any(value is None for value in elements.values()):
        return None
    designation = _field(record, 'designation') or _field(record, 'unpacked_primary_provisional_designation')
    if is_comet(designation, elements['eccentricity']):
        scheme = {'scheme': 'MPC_COMET', 'perihdist': _float(_field(record, 'q')),
                  'epoch_of_perihelion': _float(_field(record, 'peri_time'))}
    else:
        scheme = {'scheme': 'MPC_MINOR_PLANET', 'semimajor_axis': _float(_field(record, 'a')),
                  'mean_anomaly': _float(_field(record, 'mean_anomaly'))}
    if any(value is None for value in scheme.values()):
        return None
    optional = {'mean_daily_motion': _float(_field(record, 'mean_motion')), 'abs_mag': _float(_field(record, 'h')),
                'slope': _float(_field(record, 'g'))}
    return {**elements, **scheme, **{k: v for k, v in optional.items() if v is not None}}


def single_epoch_name(designation, mjd_utc):
    """The name of a single-epoch target: says what it is, and differs between nights of one asteroid."""
    return f'{designation} at MJD {mjd_utc:.5f}'


def single_epoch_extras(designation, mjd_utc):
    return {SSO_EXTRA: designation, POSITION_EXTRA: SINGLE_EPOCH, POSITION_MJD_EXTRA: round(mjd_utc, 6)}


def orbit_extras(designation):
    return {SSO_EXTRA: designation, ORBIT_SOURCE_EXTRA: MPC_ORBIT}


class MovingTarget:
    """How a Solar System alert becomes a target: ``name``, ``fields`` (``type`` and, with an orbit, the elements;
    SIDEREAL keeps the alert's ra/dec) and ``extras`` saying which kind it is."""

    def __init__(self, name, designation, fields, extras):
        self.name, self.designation, self.fields, self.extras = name, designation, fields, extras

    @property
    def has_orbit(self):
        return self.fields['type'] == 'NON_SIDEREAL'


def moving_target(designation, mjd_utc, orbit_record=None):
    """NON_SIDEREAL named by the designation when the orbit is complete, else a single-epoch SIDEREAL target."""
    orbit = orbit_fields(orbit_record)
    if orbit is not None:
        return MovingTarget(designation, designation, {'type': 'NON_SIDEREAL', **orbit}, orbit_extras(designation))
    if mjd_utc is None:
        return None
    return MovingTarget(single_epoch_name(designation, mjd_utc), designation, {'type': 'SIDEREAL'},
                        single_epoch_extras(designation, mjd_utc))


def ztf_moving_target(row):
    """For a ZTF alert of a known asteroid: single epoch (ZTF alerts carry no orbit). None for other alerts."""
    designation = ztf_sso_name(row)
    jd = _float(row.get('i:jd'))
    if designation is None:
        return None
    return moving_target(designation, None if jd is None else jd - 2400000.5)


_TAI_MINUS_UTC_DAYS = 37 / 86400


def lsst_moving_target(row, designation):
    """For a Rubin alert of a Solar System object (no diaObjectId): with its MPC orbit when the row has one."""
    mjd = _float(row.get('r:midpointMjdTai'))
    return moving_target(designation, None if mjd is None else mjd - _TAI_MINUS_UTC_DAYS, row)


def apply_target_fields(target, fields):
    """Makes an unsaved SIDEREAL target NON_SIDEREAL with the given elements (no-op for other fields)."""
    if (fields or {}).get('type') != 'NON_SIDEREAL':
        return target
    target.ra = target.dec = target.epoch = None
    for name, value in fields.items():
        setattr(target, name, value)
    return target
