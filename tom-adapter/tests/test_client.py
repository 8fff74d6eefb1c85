"""The five searches, the class list and the error paths of FinkTomClient, against a real FinkTom server.
Expected answers come from the server's database file, never from the API under test."""
import json
import math
import time

import pytest

from local_servers import canned_server, scripted_server, silent_server
from tom_finktom.client import FinkTomClient, FinkTomError, FinkTomTimeout, FinkTomUnreachable, normalize_api_url
from tom_finktom.searches import build_search


def _alerts(finktom, where, args=()):
    with finktom.reference_db() as db:
        return db.execute(f'select i_objectId, candid, i_ra, i_dec, i_jd, i_ssnamenr, d_classification '
                          f'from alerts where {where}', args).fetchall()


def _separation_deg(ra1, dec1, ra2, dec2):
    r = math.radians
    c = (math.sin(r(dec1)) * math.sin(r(dec2)) + math.cos(r(dec1)) * math.cos(r(dec2)) * math.cos(r(ra1 - ra2)))
    return math.degrees(math.acos(min(1.0, max(-1.0, c))))


def test_object_search_returns_every_alert_of_every_listed_object(finktom, client):
    expected = _alerts(finktom, "i_objectId in ('ZTF18aaadweo', 'ZTF19acihgng')")
    rows = client.search(build_search({'object_id': 'ZTF18aaadweo, ZTF19acihgng'}))
    assert sorted(r['i:candid'] for r in rows) == sorted(e[1] for e in expected)
    assert len(rows) == 6
    assert [r['i:jd'] for r in rows] == sorted((r['i:jd'] for r in rows), reverse=True)
    assert {'i:objectId', 'i:candid', 'i:ra', 'i:dec', 'i:jd', 'i:magpsf', 'i:fid', 'v:classification'} <= set(rows[0])


def test_candids_keep_all_64_bits(finktom, client):
    (expected,) = _alerts(finktom, "i_objectId = 'ZTF19acihgng'")
    (row,) = client.objects('ZTF19acihgng', columns='i:candid')
    assert row['i:candid'] == expected[1] == 1060135832015015002


def test_cone_search_in_degrees_finds_the_objects_inside_nearest_first(finktom, client):
    ra, dec = 289.8937586, 61.8469285
    with finktom.reference_db() as db:
        everything = db.execute('select i_objectId, i_ra, i_dec from alerts').fetchall()
    inside = {o for o, a, d in everything if _separation_deg(ra, dec, a, d) * 3600 <= 3600}
    rows = client.search(build_search({'ra': str(ra), 'dec': str(dec), 'radius': 3600}))
    assert {r['i:objectId'] for r in rows} == inside
    assert 'ZTF19acihgng' in inside
    separations = [r['v:separation_degree'] for r in rows]
    assert separations == sorted(separations) and separations[0] < 1e-6


def test_cone_search_accepts_sexagesimal_coordinates(client):
    # 289.8937586, +61.8469285 = 19h19m34.502s +61d50m48.94s
    rows = client.search(build_search({'ra': '19h19m34.502s', 'dec': '+61d50m48.94s', 'radius': 5}))
    assert [r['i:objectId'] for r in rows] == ['ZTF19acihgng']


def test_date_search_returns_objects_with_an_alert_in_the_window(finktom, client):
    jd = _alerts(finktom, "i_objectId = 'ZTF19acihgng'")[0][4]
    start = f'{jd - 10 / 1440:.6f}'  # ten minutes before the alert, as a JD
    expected = {row[0] for row in _alerts(finktom, 'i_jd >= ? and i_jd <= ?', (jd - 10 / 1440, jd + 20 / 1440))}
    rows = client.search(build_search({'start_date': start, 'window': 30}))
    assert {r['i:objectId'] for r in rows} == expected
    assert 'ZTF19acihgng' in expected
    assert len(rows) == len(expected)  # the latest alert per object


def test_class_search_returns_the_newest_alerts_of_the_class(finktom, client):
    expected = sorted(_alerts(finktom, "d_classification = 'SN candidate'"), key=lambda a: (a[4], a[1]), reverse=True)  # ties on jd: newest candid first, as the server orders
    assert len(expected) > 5
    rows = client.search(build_search({'class_name': 'SN candidate', 'n_alerts': 5}))
    assert [r['i:candid'] for r in rows] == [e[1] for e in expected[:5]]
    assert {r['v:classification'] for r in rows} == {'SN candidate'}


def test_class_search_by_simbad_type_from_the_class_list(finktom, client):
    names = client.class_names()
    assert '(SIMBAD) RRLyr' in names and 'SN candidate' in names and '(TNS) SN Ia' in names
    assert names.index('SN candidate') < names.index('(TNS) SN Ia') < names.index('(SIMBAD) RRLyr')
    expected = _alerts(finktom, "d_cdsxmatch = 'RRLyr'")
    rows = client.search(build_search({'class_name': '(SIMBAD) RRLyr', 'n_alerts': 100}))
    assert sorted(r['i:candid'] for r in rows) == sorted(e[1] for e in expected)


def test_class_search_limited_to_recent_days_finds_nothing_older(client):
    # The newest sample alert is from 2026-03; a one-day window around a fixed "now" long after holds none.
    from datetime import datetime, timezone
    search = build_search({'class_name': 'SN candidate', 'n_alerts': 5, 'days': 1},
                          now=datetime(2030, 1, 1, tzinfo=timezone.utc))
    assert client.search(search) == []


def test_solar_system_search_by_mpc_number(finktom, client):
    expected = _alerts(finktom, "i_ssnamenr = '1644'")
    rows = client.search(build_search({'sso_name': '1644'}))
    assert [r['i:objectId'] for r in rows] == [e[0] for e in expected] == ['ZTF23ablepgb']
    assert rows[0]['i:ssnamenr'] == '1644'


def test_health_reports_the_stored_alerts(finktom, client):
    with finktom.reference_db() as db:
        (count,) = db.execute('select count(*) from alerts').fetchone()
    assert client.health()['alerts'] == count


def test_a_refused_request_names_the_parameter_and_the_reason(client):
    with pytest.raises(FinkTomError) as raised:
        client.post('conesearch', {'ra': 10, 'dec': 10, 'radius': 20000})
    error = raised.value
    assert error.status == 400 and error.parameter == 'radius'
    assert '18,000' in str(error) and 'parameter `radius`' in str(error)


def test_errors_are_requests_http_errors_so_tom_shows_them(client):
    import requests
    with pytest.raises(requests.HTTPError):
        client.post('latests', {'class': 'No such class'})


def test_unreachable_server_gives_a_clear_message():
    with silent_server() as url:
        port_url = url  # bound then closed below: nothing listens there any more
    client = FinkTomClient(port_url, timeout=5)
    with pytest.raises(FinkTomUnreachable) as raised:
        client.classes()
    assert port_url in str(raised.value) and 'api_url' in str(raised.value)


def test_a_server_that_does_not_answer_times_out_after_the_configured_timeout():
    with silent_server() as url:
        client = FinkTomClient(url, timeout=1)
        started = time.monotonic()
        with pytest.raises(FinkTomTimeout) as raised:
            client.classes()
        elapsed = time.monotonic() - started
    assert elapsed < 10
    assert 'did not answer within 1 s' in str(raised.value)


def test_a_fink_style_python_repr_error_is_reported_verbatim():
    body = b"{'status': 'error', 'text': 'A value for `objectId` is required.'}"
    with canned_server(status=400, body=body, content_type='text/html') as (url, _):
        with pytest.raises(FinkTomError) as raised:
            FinkTomClient(url).objects('ZTF21abfmbix')
    assert 'HTTP 400' in str(raised.value) and 'A value for `objectId` is required.' in str(raised.value)


def test_an_answer_that_is_not_json_says_the_url_may_be_wrong():
    with canned_server(body=b'<html>login</html>', content_type='text/html') as (url, _):
        with pytest.raises(FinkTomError) as raised:
            FinkTomClient(url).classes()
    assert 'not JSON' in str(raised.value) and 'api_url' in str(raised.value)


def test_server_errors_are_reported_with_their_status():
    with canned_server(status=503, body=b'{"status":"error","text":"store unavailable"}') as (url, _):
        with pytest.raises(FinkTomError) as raised:
            FinkTomClient(url).classes()
    assert raised.value.status == 503 and 'failed (HTTP 503)' in str(raised.value)


def test_the_api_key_is_sent_as_a_bearer_token_and_parameters_as_a_json_body():
    with canned_server() as (url, seen):
        FinkTomClient(url + '/api/v1/', api_key='s3cret').objects(['ZTF21abfmbix', 'ZTF19acihgng'], columns='i:jd')
    method, path, headers, body = seen[0]
    assert (method, path) == ('POST', '/api/v1/objects')
    assert headers['Authorization'] == 'Bearer s3cret'
    assert json.loads(body) == {'objectId': 'ZTF21abfmbix,ZTF19acihgng', 'columns': 'i:jd'}


def test_api_url_forms_are_normalised():
    assert normalize_api_url('http://h:5080/') == 'http://h:5080'
    assert normalize_api_url('https://h/finktom/api/v1/') == 'https://h/finktom'
    with pytest.raises(ValueError):
        normalize_api_url('h:5080')


_TOO_MANY = b'{"status":"error","text":"Too many requests from this address; try again in 1 s.","parameter":"rate-limit"}'


def test_a_short_rate_limit_wait_is_waited_out_once_and_the_answer_returned():
    rows = b'[{"i:objectId": "ZTF19acihgng", "i:candid": 1060135832015015002}]'
    with scripted_server([(429, {'Retry-After': '1'}, _TOO_MANY), (200, {}, rows)]) as (url, seen):
        started = time.monotonic()
        answer = FinkTomClient(url).objects('ZTF19acihgng')
    assert time.monotonic() - started >= 1.0
    assert len(seen) == 2
    assert answer[0]['i:candid'] == 1060135832015015002


def test_a_long_rate_limit_wait_is_reported_with_the_servers_reason_without_waiting():
    with scripted_server([(429, {'Retry-After': '120'}, _TOO_MANY)]) as (url, seen):
        started = time.monotonic()
        with pytest.raises(FinkTomError) as error:
            FinkTomClient(url).objects('ZTF19acihgng')
    assert time.monotonic() - started < 5
    assert len(seen) == 1
    assert error.value.status == 429 and error.value.parameter == 'rate-limit'
    assert 'Too many requests' in str(error.value)


def test_a_rate_limit_that_persists_after_the_wait_is_reported():
    with scripted_server([(429, {'Retry-After': '0'}, _TOO_MANY)]) as (url, seen):
        with pytest.raises(FinkTomError) as error:
            FinkTomClient(url).objects('ZTF19acihgng')
    assert len(seen) == 2 and error.value.status == 429
