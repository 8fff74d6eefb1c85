"""Rubin/LSST: the four searches against a real FinkTom serving the bundled Rubin sample (each returns what
/lsst/api/v1 returns), exact 64-bit ids, the ugrizy light curve from /sources and /fp, its storage on the stand-in
models, and FinkTom's errors."""
import math

import pytest
import requests

from tom_finktom import lsst
from tom_finktom.client import FinkTomError, FinkTomUnreachable
from tom_finktom.searches import LSST_ALERT_COLUMNS, SearchError, build_search

OBJECT = 170028485706776685        # more than 2**53: a float would round it
OTHER = 313893023095193658
ASTEROID = '2004 JQ12'
CONE = {'lsst_ra': '63.3496', 'lsst_dec': '-47.1808', 'lsst_radius': 5}


def _api(finktom, endpoint, payload):
    """The answer of FinkTom's LSST API itself, parsed by Python's json (ints stay exact)."""
    response = requests.post(f'{finktom.url}/lsst/api/v1/{endpoint}', json=payload, timeout=60)
    response.raise_for_status()
    return response.json()


# The searches as requests.

def test_dia_object_ids_are_sent_as_one_json_string():
    search = build_search({'lsst_object_id': f' {OBJECT}, {OTHER} {OBJECT}'})
    assert (search.kind, search.endpoint, search.survey) == ('lsst_object', 'sources', 'lsst')
    assert search.payload == {'diaObjectId': f'{OBJECT},{OTHER}', 'columns': LSST_ALERT_COLUMNS}


@pytest.mark.parametrize('value', ['ZTF21abfmbix', '1.7e17', '-5', str(2 ** 63)])
def test_malformed_dia_object_ids_are_refused_on_the_field(value):
    with pytest.raises(SearchError) as raised:
        build_search({'lsst_object_id': value})
    assert raised.value.field == 'lsst_object_id'


def test_lsst_cone_tag_and_sso_searches_and_their_checks():
    cone = build_search(CONE)
    assert (cone.endpoint, cone.survey, cone.payload['radius']) == ('conesearch', 'lsst', 5.0)
    tag = build_search({'lsst_tag': 'in_tns'})
    assert (tag.endpoint, tag.payload['tag'], tag.payload['n']) == ('tags', 'in_tns', 10)
    sso = build_search({'lsst_sso_name': f'{ASTEROID}, K04J12Q'})
    assert (sso.endpoint, sso.payload['n_or_d']) == ('sso', f'{ASTEROID},K04J12Q')
    for params, field in [({**CONE, 'lsst_radius': 18001}, 'lsst_radius'), ({'lsst_ra': '10'}, 'lsst_dec'),
                          ({**CONE, 'lsst_dec': '-91'}, 'lsst_dec'), ({'lsst_tag': 'in_tns', 'lsst_n_alerts': 0},
                                                                      'lsst_n_alerts')]:
        with pytest.raises(SearchError) as raised:
            build_search(params)
        assert raised.value.field == field
    with pytest.raises(SearchError, match='only one search'):
        build_search({'object_id': 'ZTF21abfmbix', 'lsst_object_id': str(OBJECT)})


# The searches against FinkTom.

@pytest.mark.parametrize('params', [
    {'lsst_object_id': f'{OBJECT},{OTHER}'}, CONE, {'lsst_tag': 'in_tns', 'lsst_n_alerts': 50},
    {'lsst_sso_name': ASTEROID}])
def test_each_lsst_search_returns_what_the_api_returns(client, finktom, params):
    search = build_search(params)
    assert client.search(search) == _api(finktom, search.endpoint, search.payload)


def test_searches_find_the_sample_objects_with_exact_ids(client):
    rows = client.search(build_search({'lsst_object_id': f'{OBJECT},{OTHER}'}))
    assert {r['r:diaObjectId'] for r in rows} == {OBJECT, OTHER}
    assert all(type(r['r:diaObjectId']) is int and type(r['r:diaSourceId']) is int for r in rows)
    cone = client.search(build_search(CONE))
    assert [r['r:diaObjectId'] for r in cone] == [OBJECT]
    sso = client.search(build_search({'lsst_sso_name': ASTEROID}))
    assert sso and {r['f:sso_name'] for r in sso} == {ASTEROID}


def test_the_tag_list_is_the_servers(client, finktom):
    tags = requests.get(f'{finktom.url}/lsst/api/v1/tags', timeout=60).json()
    assert client.lsst_tag_names() == sorted(t for t, about in tags.items() if about['API support'])
    assert 'in_tns' in client.lsst_tag_names() and 'uniform_sample' not in client.lsst_tag_names()


def test_a_tag_without_api_support_is_a_finktom_error_naming_the_parameter(client):
    with pytest.raises(FinkTomError) as raised:
        client.search(build_search({'lsst_tag': 'uniform_sample'}))
    assert raised.value.status == 400 and raised.value.parameter == 'tag' and 'Livestream' in str(raised.value)


def test_an_unreachable_server_is_a_finktom_error():
    from conftest import free_port
    from tom_finktom.client import FinkTomClient
    with pytest.raises(FinkTomUnreachable):
        FinkTomClient(f'http://127.0.0.1:{free_port()}', timeout=5).lsst_light_curve(OBJECT)


# Alerts, targets and light curves.

def test_a_rubin_alert_becomes_a_target_named_by_its_exact_dia_object_id(client, finktom):
    rows = client.search(build_search({'lsst_object_id': str(OBJECT)}))
    summary = lsst.alert_summary(rows[0], finktom.url)
    assert summary['name'] == '170028485706776685' and summary['id'] == rows[0]['r:diaSourceId']
    assert (summary['ra'], summary['dec']) == (rows[0]['r:ra'], rows[0]['r:dec'])
    [target] = lsst.targets_from_alerts(rows, finktom.url)
    assert target['name'] == '170028485706776685' and target['dia_object_id'] == OBJECT
    asteroid = lsst.targets_from_alerts(client.search(build_search({'lsst_sso_name': ASTEROID})), finktom.url)
    # FinkTom serves the orbit the alert carried (/sso?withOrbit=true): a non-sidereal target named by its designation.
    assert [t['name'] for t in asteroid] == [ASTEROID] and asteroid[0]['dia_object_id'] is None
    assert asteroid[0]['target_fields']['type'] == 'NON_SIDEREAL'
    assert asteroid[0]['target_fields']['scheme'] == 'MPC_MINOR_PLANET'


def test_the_light_curve_holds_the_diasources_and_forced_photometry_in_ugrizy(client, finktom):
    rows = client.lsst_light_curve(OBJECT)
    sources = _api(finktom, 'sources', {'diaObjectId': str(OBJECT)})
    forced = _api(finktom, 'fp', {'diaObjectId': str(OBJECT)})
    points = lsst.light_curve(rows)
    kinds = {p.kind for p in points}
    assert kinds == {'diaSource', 'forced'} and {p.band for p in points} <= set('ugrizy')
    assert len({p.band for p in points}) > 1
    # One point per visit and band: a forced measurement of a detected visit is left out.
    visits = {(round(r['r:midpointMjdTai'] * 86_400_000), r['r:band']) for r in sources + forced}
    assert len(points) == len(visits)
    ids = {p.source_id for p in points}
    assert {r['r:diaSourceId'] for r in sources} <= ids
    for point in points:
        if point.flux > 0:
            assert point.magnitude == pytest.approx(31.4 - 2.5 * math.log10(point.flux))
            assert point.error == pytest.approx(2.5 / math.log(10) * point.flux_error / point.flux)
        else:
            assert point.magnitude is None and point.tom2_value()['magnitude'] is None


def test_times_are_mjd_tai_converted_to_utc():
    # MJD 61105 = 2026-03-06 00:00 TAI, 37 s ahead of UTC.
    assert lsst.mjd_tai_to_datetime(61105).isoformat() == '2026-03-05T23:59:23+00:00'


def test_stored_twice_on_the_stand_in_models_adds_nothing(client, django_db):
    from django.apps import apps
    if not apps.is_installed('standin_tom'):
        pytest.skip('stand-in models are installed only without DJANGO_SETTINGS_MODULE')
    from standin_tom.models import StandInPhotometryReducedDatum, StandInReducedDatum, StandInTarget
    from tom_finktom.config import FinkTomSettings
    from tom_finktom.photometry import TomModels
    from tom_finktom.refresh import is_pending, refresh_light_curve
    config = FinkTomSettings(api_url=client.api_url, timeout=60)
    expected = lsst.light_curve(client.lsst_light_curve(OBJECT))
    for models in (TomModels(StandInReducedDatum), TomModels(StandInReducedDatum, StandInPhotometryReducedDatum)):
        target = StandInTarget.objects.create(name=str(OBJECT))
        try:
            refresh_light_curve(target, str(OBJECT), config, 'FinkTom', models)
            saved = refresh_light_curve(target, str(OBJECT), config, 'FinkTom', models)
            assert len(saved) == len(expected) and not is_pending(models, target, 'FinkTom')
            if models.photometry is None:
                values = [d.value for d in saved]
                assert {v['filter'] for v in values} <= set('ugrizy') and {v['telescope'] for v in values} == {'Rubin'}
                assert {v['source_id'] for v in values} == {p.source_id for p in expected}
            else:
                assert {d.bandpass for d in saved} <= set('ugrizy')
                assert {d.value['source_id'] for d in saved} == {p.source_id for p in expected}
        finally:
            target.delete()


def test_finktom_down_while_storing_keeps_the_target_pending(django_db):
    from django.apps import apps
    if not apps.is_installed('standin_tom'):
        pytest.skip('stand-in models are installed only without DJANGO_SETTINGS_MODULE')
    from conftest import free_port
    from standin_tom.models import StandInReducedDatum, StandInTarget
    from tom_finktom.config import FinkTomSettings
    from tom_finktom.photometry import TomModels
    from tom_finktom.refresh import is_pending, refresh_light_curve
    models = TomModels(StandInReducedDatum)
    target = StandInTarget.objects.create(name=str(OBJECT))
    try:
        config = FinkTomSettings(api_url=f'http://127.0.0.1:{free_port()}', timeout=5)
        assert refresh_light_curve(target, str(OBJECT), config, 'FinkTom', models) == []
        assert is_pending(models, target, 'FinkTom')
        with pytest.raises(FinkTomUnreachable):
            refresh_light_curve(target, str(OBJECT), config, 'FinkTom', models, raise_errors=True)
    finally:
        target.delete()


# The TOM 3 data service's pipeline, on STAND-INS: tom_dataservices' two base classes (stub modules) and the
# stand-in models, since tom_base's data services cannot be installed here. tests/test_tom_classes.py runs the
# same service inside a real TOM where tom_dataservices exists.

@pytest.fixture
def service(client, django_db, monkeypatch):
    import importlib
    import sys
    import types
    from django import forms
    from django.apps import apps
    from django.test import override_settings
    if not apps.is_installed('standin_tom'):
        pytest.skip('stand-in models are installed only without DJANGO_SETTINGS_MODULE')
    stubbed = importlib.util.find_spec('tom_dataservices') is None
    if stubbed:
        dataservices = types.ModuleType('tom_dataservices.dataservices')
        dataservices.DataService = type('DataService', (), {})
        stub_forms = types.ModuleType('tom_dataservices.forms')
        stub_forms.BaseQueryForm = type('BaseQueryForm', (forms.Form,), {})
        monkeypatch.setitem(sys.modules, 'tom_dataservices', types.ModuleType('tom_dataservices'))
        monkeypatch.setitem(sys.modules, 'tom_dataservices.dataservices', dataservices)
        monkeypatch.setitem(sys.modules, 'tom_dataservices.forms', stub_forms)
        monkeypatch.delitem(sys.modules, 'tom_finktom.dataservice', raising=False)
    from standin_tom.models import StandInPhotometryReducedDatum, StandInReducedDatum
    from tom_finktom import refresh
    from tom_finktom.photometry import TomModels
    monkeypatch.setattr(refresh, 'tom_models', lambda: TomModels(StandInReducedDatum, StandInPhotometryReducedDatum))
    config = {'FinkTom': {'api_url': client.api_url, 'timeout': 60}}
    with override_settings(BROKERS=config, DATA_SERVICES=config):
        yield importlib.import_module('tom_finktom.dataservice').FinkTomDataService()
    if stubbed:  # the module built on the stubs must not outlive them
        sys.modules.pop('tom_finktom.dataservice', None)


@pytest.mark.parametrize('params', [
    {'lsst_object_id': f'{OBJECT},{OTHER}'}, CONE, {'lsst_tag': 'in_tns'}, {'lsst_sso_name': ASTEROID}])
def test_data_service_lists_the_objects_of_each_rubin_search(service, client, params):
    expected = lsst.targets_from_alerts(client.search(build_search(params)), client.api_url)
    rows = service.query_targets(service.build_query_parameters(params))
    assert [r['name'] for r in rows] == [t['name'] for t in expected]
    for row in rows:
        assert row['survey'] == 'lsst' and bool(row['reduced_datums']) == (row['dia_object_id'] is not None)


def test_data_service_target_gets_the_rubin_light_curve(service, client):
    from standin_tom.models import StandInTarget
    [row] = service.query_targets(service.build_query_parameters({'lsst_object_id': str(OBJECT)}))
    assert row['name'] == str(OBJECT) and row['dia_object_id'] == OBJECT
    target = StandInTarget.objects.create(name=row['name'])
    target.aliases = None  # stand-in: no aliases relation
    try:
        expected = lsst.light_curve(client.lsst_light_curve(OBJECT))
        saved = service.create_reduced_datums_from_query(target, row['reduced_datums']['photometry'])
        assert len(saved) == len(expected) and {d.bandpass for d in saved} <= set('ugrizy')
        # An update: query_photometry's rows are the light curve itself, stored without a second fetch.
        points = service.query_photometry({'object_id': str(OBJECT)})
        assert len(service.create_reduced_datums_from_query(target, points)) == len(expected)
    finally:
        target.delete()
