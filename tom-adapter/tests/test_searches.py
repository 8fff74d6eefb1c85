"""build_search: the five searches as requests, and the checks that point the form at the field at fault."""
from datetime import datetime, timezone

import pytest

from tom_finktom.conversions import datetime_to_jd
from tom_finktom.searches import ALERT_COLUMNS, SearchError, build_search

NOW = datetime(2024, 5, 1, 12, tzinfo=timezone.utc)


def test_object_ids_are_split_deduplicated_and_sent_as_one_list():
    search = build_search({'object_id': 'ZTF21abfmbix, ZTF19acihgng ZTF21abfmbix', 'query_name': 'q', 'broker': 'FinkTom'})
    assert (search.kind, search.endpoint) == ('object', 'objects')
    assert search.payload == {'objectId': 'ZTF21abfmbix,ZTF19acihgng', 'columns': ALERT_COLUMNS}


@pytest.mark.parametrize('value', ['ZTF21ABFMBIX', 'SN2021abc', 'ZTF21abfmbi'])
def test_malformed_object_ids_are_refused_on_the_field(value):
    with pytest.raises(SearchError) as raised:
        build_search({'object_id': value})
    assert raised.value.field == 'object_id' and value in str(raised.value)


def test_cone_search_sends_coordinates_and_radius_in_arcsec():
    search = build_search({'ra': '193.821739', 'dec': ' 2.897311', 'radius': 5.0})
    assert (search.kind, search.endpoint) == ('cone', 'conesearch')
    assert search.payload == {'ra': '193.821739', 'dec': '2.897311', 'radius': 5.0}


def test_sexagesimal_coordinates_are_passed_through():
    search = build_search({'ra': '12h55m17.218s', 'dec': '+02:53:50.3', 'radius': '10'})
    assert search.payload['ra'] == '12h55m17.218s' and search.payload['dec'] == '+02:53:50.3'


@pytest.mark.parametrize('params, field', [
    ({'ra': '10', 'radius': 5}, 'dec'),
    ({'dec': '10', 'radius': 5}, 'ra'),
    ({'ra': '10', 'dec': '10'}, 'radius'),
    ({'ra': '10', 'dec': '10', 'radius': 18001}, 'radius'),
    ({'ra': '10', 'dec': '10', 'radius': 0}, 'radius'),
    ({'ra': '361', 'dec': '10', 'radius': 5}, 'ra'),
    ({'ra': '10', 'dec': '-91', 'radius': 5}, 'dec'),
    ({'ra': 'Vega', 'dec': '10', 'radius': 5}, 'ra'),
])
def test_incomplete_or_out_of_range_cones_are_refused_on_the_field(params, field):
    with pytest.raises(SearchError) as raised:
        build_search(params)
    assert raised.value.field == field


def test_date_search_uses_the_explorer_with_a_window_in_minutes():
    search = build_search({'start_date': '2021-06-01 04:30:00', 'window': 30})
    assert (search.kind, search.endpoint) == ('date', 'explorer')
    assert search.payload == {'startdate': '2021-06-01 04:30:00', 'window': 30.0}
    assert build_search({'start_date': '2459366.5'}).payload['window'] == 180.0


@pytest.mark.parametrize('params, field', [
    ({'start_date': 'yesterday'}, 'start_date'),
    ({'start_date': '2021-06-01', 'window': 181}, 'window'),
    ({'start_date': '2021-06-01', 'window': 'ten'}, 'window'),
])
def test_bad_dates_and_windows_are_refused(params, field):
    with pytest.raises(SearchError) as raised:
        build_search(params)
    assert raised.value.field == field


def test_class_search_defaults_to_ten_alerts_and_can_look_back_some_days():
    assert build_search({'class_name': 'SN candidate'}).payload == {'class': 'SN candidate', 'n': 10, 'columns': ALERT_COLUMNS}
    search = build_search({'class_name': '(SIMBAD) RRLyr', 'n_alerts': 50, 'days': 2}, now=NOW)
    assert search.endpoint == 'latests' and search.payload['n'] == 50
    assert float(search.payload['startdate']) == pytest.approx(datetime_to_jd(NOW) - 2, abs=1e-6)


@pytest.mark.parametrize('params, field', [
    ({'class_name': 'SN candidate', 'n_alerts': 0}, 'n_alerts'),
    ({'class_name': 'SN candidate', 'n_alerts': 10001}, 'n_alerts'),
    ({'class_name': 'SN candidate', 'n_alerts': 2.5}, 'n_alerts'),
    ({'class_name': 'SN candidate', 'days': 0}, 'days'),
])
def test_class_search_limits(params, field):
    with pytest.raises(SearchError) as raised:
        build_search(params)
    assert raised.value.field == field


def test_sso_search_sends_the_names_with_sso_columns():
    search = build_search({'sso_name': '8467, 2010JO69'})
    assert (search.kind, search.endpoint) == ('sso', 'sso')
    assert search.payload['n_or_d'] == '8467,2010JO69' and 'i:ssnamenr' in search.payload['columns']
    with pytest.raises(SearchError):
        build_search({'sso_name': ','.join(str(n) for n in range(101))})


def test_exactly_one_search_must_be_filled_in():
    with pytest.raises(SearchError) as none:
        build_search({'query_name': 'q', 'n_alerts': 10, 'radius': 5})
    assert none.value.field is None and 'Fill in one search' in str(none.value)
    with pytest.raises(SearchError) as two:
        build_search({'object_id': 'ZTF21abfmbix', 'class_name': 'SN candidate'})
    assert 'object and class' in str(two.value)
