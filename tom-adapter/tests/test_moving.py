"""Solar System objects: the MPC orbit of a real Rubin alert (the bundled sample, read with Debian's python3-avro) →
TOM's NON_SIDEREAL fields, as FinkTom serves it (/lsst/api/v1/sso?withOrbit=true); ZTF asteroid alerts (no orbit)
→ single-epoch positions, marked; and
both kinds saved as tom_base Targets (skipped without tom_base, as tests/test_tom_classes.py)."""
import importlib.util
import os

import pytest

from conftest import REPO
from tom_finktom import moving
from tom_finktom.searches import build_search

RUBIN_SAMPLE = REPO / 'samples' / 'lsst' / 'fink-client_datatransfer_lsst' / 'part-2-918301.avro'
ASTEROID = '2004 JQ12'


@pytest.fixture(scope='module')
def sample_orbit():
    """The mpc_orbits record of the sample's alert of 2004 JQ12, as Rubin sent it."""
    if importlib.util.find_spec('avro') is None:
        if os.environ.get('CI'):
            pytest.fail('python3-avro is missing (apt-get install python3-avro, see .ci/run)')
        pytest.skip('python3-avro is not installed (Debian: python3-avro)')
    from avro.datafile import DataFileReader
    from avro.io import DatumReader
    with open(RUBIN_SAMPLE, 'rb') as f:
        for alert in DataFileReader(f, DatumReader()):
            orbit = alert.get('mpc_orbits') or {}
            if orbit.get('designation') == ASTEROID:
                return orbit
    pytest.fail(f'no alert of {ASTEROID} with mpc_orbits in {RUBIN_SAMPLE}')


def test_a_rubin_mpc_orbit_maps_to_tom_minor_planet_elements_in_degrees_au_and_mjd(sample_orbit):
    fields = moving.orbit_fields(sample_orbit)
    assert fields == {
        'scheme': 'MPC_MINOR_PLANET', 'epoch_of_elements': sample_orbit['epoch_mjd'],
        'inclination': sample_orbit['i'], 'lng_asc_node': sample_orbit['node'],
        'arg_of_perihelion': sample_orbit['argperi'], 'eccentricity': sample_orbit['e'],
        'semimajor_axis': sample_orbit['a'], 'mean_anomaly': sample_orbit['mean_anomaly'],
        'mean_daily_motion': sample_orbit['mean_motion'], 'abs_mag': sample_orbit['h'], 'slope': sample_orbit['g'],
    }
    # The same record as Fink's API would prefix it (r:<last path component>) maps identically.
    assert moving.orbit_fields({f'r:{k}': v for k, v in sample_orbit.items()}) == fields
    assert (fields['epoch_of_elements'], round(fields['semimajor_axis'], 3), round(fields['inclination'], 2)) == (
        61000.0, 2.763, 7.53)


@pytest.mark.parametrize('designation, eccentricity', [('10P', 0.53), ('C/2020 V2', 1.0), ('P/2019 LD2', 0.13),
                                                       ('2004 JQ12', 1.2)])
def test_comets_use_the_perihelion_scheme(sample_orbit, designation, eccentricity):
    fields = moving.orbit_fields({**sample_orbit, 'designation': designation, 'e': eccentricity})
    assert fields['scheme'] == 'MPC_COMET'
    assert (fields['perihdist'], fields['epoch_of_perihelion']) == (sample_orbit['q'], sample_orbit['peri_time'])
    assert 'semimajor_axis' not in fields


@pytest.mark.parametrize('missing', ['epoch_mjd', 'i', 'node', 'argperi', 'e', 'a', 'mean_anomaly'])
def test_an_incomplete_orbit_gives_a_single_epoch_position_instead(sample_orbit, missing):
    row = {**sample_orbit, missing: None, 'r:midpointMjdTai': 61105.1}
    assert moving.orbit_fields(row) is None
    target = moving.lsst_moving_target(row, ASTEROID)
    assert target.fields == {'type': 'SIDEREAL'} and target.name.startswith(f'{ASTEROID} at MJD 61105.09')
    assert target.extras[moving.POSITION_EXTRA] == moving.SINGLE_EPOCH


def test_a_ztf_asteroid_alert_from_finktom_is_a_single_epoch_position(client):
    rows = client.search(build_search({'sso_name': '1644'}))
    assert rows and all(r['i:ssnamenr'] == '1644' for r in rows)
    target = moving.ztf_moving_target(rows[0])
    mjd = rows[0]['i:jd'] - 2400000.5
    assert target.name == f'1644 at MJD {mjd:.5f}' and target.fields == {'type': 'SIDEREAL'}
    assert target.extras == {moving.SSO_EXTRA: '1644', moving.POSITION_EXTRA: moving.SINGLE_EPOCH,
                             moving.POSITION_MJD_EXTRA: round(mjd, 6)}


def test_ztf_alerts_without_a_known_asteroid_nearby_are_not_moving(client):
    rows = client.search(build_search({'object_id': 'ZTF18aaadweo'}))
    assert rows and all(moving.ztf_moving_target(r) is None for r in rows)
    # ZTF names the nearest asteroid even far away; beyond 5 arcsec (Fink's roid rule) it is not the alert's.
    assert moving.ztf_sso_name({'i:ssnamenr': '1644', 'i:ssdistnr': 12.0}) is None
    assert moving.ztf_sso_name({'i:ssnamenr': 'null', 'i:ssdistnr': -999.0}) is None


def _need_tom():
    pytest.importorskip('django', reason='Django is not installed (Debian: python3-django)')
    from django.apps import apps
    if importlib.util.find_spec('tom_targets') is None or not apps.is_installed('tom_targets'):
        pytest.skip('tom_base is not installed: set DJANGO_SETTINGS_MODULE to a TOM settings module')


@pytest.fixture
def tom(finktom, django_db):
    _need_tom()
    from django.test import override_settings
    config = {'FinkTom': {'api_url': finktom.url, 'timeout': 60}}
    with override_settings(BROKERS=config, DATA_SERVICES=config):
        yield
    from tom_targets.models import Target
    Target.objects.all().delete()


def test_a_rubin_asteroid_alert_carrying_its_orbit_becomes_a_valid_non_sidereal_tom_target(tom, client, sample_orbit):
    """FinkTom's /sso row of the asteroid, with the alert's mpc_orbits fields (withOrbit): tom_base's own validation
    (required fields per scheme) must accept the target, and its elements must be the alert's."""
    from tom_finktom.broker import FinkTomBroker
    from tom_targets.models import Target, TargetExtra
    row = client.search(build_search({'lsst_sso_name': ASTEROID}))[0]
    assert row['r:a'] == sample_orbit['a'] and row['r:epoch_mjd'] == sample_orbit['epoch_mjd']  # served by FinkTom
    generic = FinkTomBroker().to_generic_alert(row)
    assert generic.name == ASTEROID
    target, extras, aliases = generic.to_target()
    target.full_clean()
    target.save(extras=extras, names=aliases)
    saved = Target.objects.get(name=ASTEROID)
    assert (saved.type, saved.scheme, saved.ra, saved.dec) == ('NON_SIDEREAL', 'MPC_MINOR_PLANET', None, None)
    assert (saved.epoch_of_elements, saved.semimajor_axis, saved.eccentricity, saved.inclination) == (
        sample_orbit['epoch_mjd'], sample_orbit['a'], sample_orbit['e'], sample_orbit['i'])
    assert TargetExtra.objects.get(target=saved, key=moving.ORBIT_SOURCE_EXTRA).value == moving.MPC_ORBIT


def test_a_ztf_asteroid_target_is_sidereal_marked_and_keeps_its_alerts_light_curve(tom, client):
    from tom_finktom.broker import FinkTomBroker
    from tom_dataproducts.models import ReducedDatum
    from tom_targets.models import TargetExtra
    broker = FinkTomBroker()
    alert = next(iter(broker.fetch_alerts({'sso_name': '1644'})))
    target, extras, aliases = broker.to_generic_alert(alert).to_target()
    target.full_clean()
    target.save(extras=extras, names=aliases)
    broker.process_reduced_data(target, alert)
    assert target.type == 'SIDEREAL' and target.name.startswith('1644 at MJD ')
    assert (target.ra, target.dec) == (alert['i:ra'], alert['i:dec'])
    assert TargetExtra.objects.get(target=target, key=moving.POSITION_EXTRA).value == moving.SINGLE_EPOCH
    points = ReducedDatum.objects.filter(target=target, data_type='photometry', source_name='FinkTom')
    assert points.count() >= 1  # the alert's object (ZTF23ablepgb): this night's detection


def test_the_data_service_makes_the_same_moving_targets(tom, client, sample_orbit):
    if importlib.util.find_spec('tom_dataservices') is None:
        pytest.skip('tom_dataservices is not installed')
    from tom_finktom.dataservice import FinkTomDataService
    service = FinkTomDataService()
    [row] = service.query_targets(service.build_query_parameters({'sso_name': '1644'}))
    target = service.create_target_from_query(row)
    target.full_clean()
    extras = service.create_target_extras_from_query(row)
    assert target.type == 'SIDEREAL' and extras[moving.POSITION_EXTRA] == moving.SINGLE_EPOCH
    assert row['reduced_datums']['photometry'] == [{'i:objectId': 'ZTF23ablepgb'}]


def test_the_non_sidereal_targets_page_shows_its_elements(tom, client, sample_orbit):
    from django.urls import reverse
    from test_tom_classes import logged_in
    from tom_finktom.moving import moving_target
    from tom_targets.models import Target
    planned = moving_target(ASTEROID, 61105.1, sample_orbit)
    target = Target(name=planned.name, type='SIDEREAL')
    moving.apply_target_fields(target, planned.fields)
    target.save(extras=planned.extras)
    with logged_in(superuser=True) as browser:
        page = browser.get(reverse('tom_targets:detail', args=[target.pk]))
    assert page.status_code == 200 and ASTEROID.encode() in page.content
    assert b'MPC Minor Planet' in page.content or b'MPC_MINOR_PLANET' in page.content


def test_a_streamed_asteroid_alert_becomes_the_same_single_epoch_target_once(tom, client):
    from tom_finktom.alertstream import save_alert
    from tom_targets.models import Target, TargetExtra
    row = client.search(build_search({'sso_name': '1644'}))[0]
    target = save_alert(row, topic='sso_ztf_candidates')
    assert save_alert(row, topic='sso_ztf_candidates').pk == target.pk
    assert Target.objects.filter(name__startswith='1644 at MJD').count() == 1
    assert (target.name, target.type) == (f"1644 at MJD {row['i:jd'] - 2400000.5:.5f}", 'SIDEREAL')
    assert TargetExtra.objects.get(target=target, key=moving.POSITION_EXTRA).value == moving.SINGLE_EPOCH


def test_the_results_page_names_an_asteroid_alert_as_a_position_and_creates_that_target(tom, client):
    from django.urls import reverse
    from test_tom_classes import _query, logged_in
    from tom_targets.models import Target, TargetExtra
    query = _query('asteroid', sso_name='1644')
    with logged_in(superuser=True) as browser:
        page = browser.get(reverse('tom_alerts:run', args=[query.pk]))
        [alert] = page.context['alerts']
        assert page.status_code == 200 and alert.name.encode() in page.content and alert.name.startswith('1644 at MJD')
        answer = browser.post(reverse('tom_alerts:create-target'),
                              {'broker': 'FinkTom', 'query_id': query.pk, 'alerts': [alert.id]})
        assert answer.status_code == 302
        target = Target.objects.get(name=alert.name)
        assert TargetExtra.objects.get(target=target, key=moving.SSO_EXTRA).value == '1644'
    query.delete()
