"""Conversions of real FinkTom answers: alert summaries, per-object target rows and light curves."""
from datetime import datetime, timezone

import pytest

from tom_finktom.conversions import (FID_TO_BAND, PhotometryPoint, alert_summary, datetime_to_jd, jd_to_datetime,
                                     SCORES, light_curve, object_id_for, scores, target_extras,
                                     target_extras_from_summary, targets_from_alerts)
from tom_finktom.searches import build_search

LIGHT_CURVE_OBJECT = 'ZTF18aaadweo'  # 5 alerts and 69 history points in g and r: detections, limits, one poor point


def test_julian_dates_convert_to_utc_datetimes_both_ways():
    assert jd_to_datetime(2451545.0) == datetime(2000, 1, 1, 12, tzinfo=timezone.utc)
    assert jd_to_datetime(2440587.5) == datetime(1970, 1, 1, tzinfo=timezone.utc)
    moment = datetime(2023, 10, 18, 8, 43, 12, 345000, tzinfo=timezone.utc)  # to the millisecond
    assert jd_to_datetime(datetime_to_jd(moment)) == moment


def test_alert_summary_uses_the_candid_as_a_stable_id_and_links_to_the_object(finktom, client):
    (row,) = client.search(build_search({'object_id': 'ZTF19acihgng'}))
    summary = alert_summary(row, finktom.url)
    assert summary['id'] == 1060135832015015002
    assert summary['name'] == 'ZTF19acihgng'
    assert (summary['ra'], summary['dec']) == (row['i:ra'], row['i:dec'])
    assert summary['mag'] == row['i:magpsf']
    assert summary['timestamp'] == jd_to_datetime(row['i:jd'])
    assert summary['url'] == f'{finktom.url}/api/v1/objects?objectId=ZTF19acihgng'
    assert alert_summary(row, finktom.url, 'https://portal.example/')['url'] == 'https://portal.example/ZTF19acihgng'
    again = client.search(build_search({'object_id': 'ZTF19acihgng'}))[0]
    assert alert_summary(again, finktom.url)['id'] == summary['id']


def test_rows_without_a_real_candid_are_not_alerts():
    with pytest.raises(ValueError):
        alert_summary({'i:objectId': 'ZTF18aaadweo', 'i:candid': -1, 'i:jd': 2460000.5}, 'http://h')


def test_targets_are_one_row_per_object_from_its_newest_alert(finktom, client):
    rows = client.search(build_search({'object_id': 'ZTF18aaadweo,ZTF19acihgng'}))
    targets = {t['name']: t for t in targets_from_alerts(rows, finktom.url)}
    assert set(targets) == {'ZTF18aaadweo', 'ZTF19acihgng'}
    newest = max((r for r in rows if r['i:objectId'] == 'ZTF18aaadweo'), key=lambda r: r['i:jd'])
    target = targets['ZTF18aaadweo']
    assert target['num_alerts'] == 5
    assert (target['ra'], target['dec'], target['last_jd'], target['candid']) == (
        newest['i:ra'], newest['i:dec'], newest['i:jd'], newest['i:candid'])
    assert target['filter'] == FID_TO_BAND[newest['i:fid']]
    assert target['classification'] == newest['v:classification']


def _reference_light_curve(finktom, object_id):
    with finktom.reference_db() as db:
        alerts = db.execute('select i_jd, i_fid from alerts where i_objectId = ?', (object_id,)).fetchall()
        history = db.execute('select jd, fid, magpsf, rb, nbad from history where object_id = ?', (object_id,)).fetchall()
    key = lambda jd, fid: (round(jd * 86_400_000), FID_TO_BAND[fid])
    alert_keys = {key(jd, fid) for jd, fid in alerts}
    good = {key(jd, fid) for jd, fid, mag, rb, nbad in history if mag is not None and rb >= 0.55 and nbad == 0}
    poor = {key(jd, fid) for jd, fid, mag, rb, nbad in history if mag is not None and not (rb >= 0.55 and nbad == 0)}
    limits = {key(jd, fid) for jd, fid, mag, rb, nbad in history if mag is None}
    return alert_keys | good, limits - alert_keys, poor - alert_keys


def test_light_curve_has_every_detection_and_upper_limit_once_in_tom_bands(finktom, client):
    detections, limits, poor = _reference_light_curve(finktom, LIGHT_CURVE_OBJECT)
    assert len(detections) >= 30 and len(limits) >= 30 and poor

    points = light_curve(client.light_curve(LIGHT_CURVE_OBJECT))

    assert {p.key for p in points if p.is_detection} == detections
    assert {p.key for p in points if not p.is_detection} == limits
    assert len({p.key for p in points}) == len(points)
    assert {p.band for p in points} == {'g', 'r'}
    assert [p.jd for p in points] == sorted(p.jd for p in points)
    for point in points:
        value = point.tom2_value()
        assert value['filter'] in ('g', 'r', 'i') and value['telescope'] == 'ZTF'
        if point.is_detection:
            assert isinstance(value['magnitude'], float) and isinstance(value['error'], float) and value['error'] > 0
            assert 'limit' not in value
        else:
            assert isinstance(value['limit'], float) and 'magnitude' not in value


def test_bad_quality_detections_are_left_out_unless_asked_for(finktom, client):
    detections, _, poor = _reference_light_curve(finktom, LIGHT_CURVE_OBJECT)
    rows = client.light_curve(LIGHT_CURVE_OBJECT)
    with_poor = light_curve(rows, include_bad_quality=True)
    assert {p.key for p in with_poor if p.tag == 'badquality'} == poor
    assert {p.key for p in with_poor if p.is_detection} == detections | poor


def test_fetching_the_light_curve_again_gives_the_same_points(client):
    assert light_curve(client.light_curve(LIGHT_CURVE_OBJECT)) == light_curve(client.light_curve(LIGHT_CURVE_OBJECT))


def test_the_same_observation_twice_is_kept_once_preferring_the_detection():
    jd = 2460236.8634722
    rows = [
        {'i:jd': jd, 'i:fid': 2, 'i:magpsf': None, 'i:diffmaglim': 20.1, 'd:tag': 'upperlim'},
        {'i:jd': jd, 'i:fid': 2, 'i:magpsf': 16.4, 'i:sigmapsf': 0.08, 'd:tag': 'valid'},
        {'i:jd': jd, 'i:fid': 1, 'i:magpsf': 16.9, 'i:sigmapsf': 0.1},
        {'i:jd': jd, 'i:fid': 7, 'i:magpsf': 16.9},
    ]
    assert light_curve(rows) == [PhotometryPoint(jd, 'g', magnitude=16.9, error=0.1),
                                 PhotometryPoint(jd, 'r', magnitude=16.4, error=0.08)]


def test_i_band_maps_to_i_and_a_detection_without_error_keeps_a_float_error():
    (point,) = light_curve([{'i:jd': 2459000.5, 'i:fid': 3, 'i:magpsf': 18}])
    assert point.band == 'i' and point.tom2_value()['magnitude'] == 18.0 and point.tom2_value()['error'] == 0.0


def test_object_id_comes_from_the_name_or_an_alias():
    assert object_id_for('ZTF18aaadweo') == 'ZTF18aaadweo'
    assert object_id_for('SN 2023abc', ['AT2023abc', 'ZTF23abcdefg']) == 'ZTF23abcdefg'
    assert object_id_for('M31') is None


def test_target_extras_keep_fink_class_tns_type_and_the_main_scores(client):
    rows = client.search(build_search({'class_name': 'SN candidate', 'n_alerts': 5}))
    row = rows[0]
    extras = target_extras(row)
    assert extras['Fink class'] == row['v:classification'] == 'SN candidate'
    for column, label in SCORES:
        if row.get(column) is not None:
            assert extras[label] == float(row[column])
    assert ('TNS type' in extras) == bool(row.get('d:tns'))
    target = targets_from_alerts(rows[:1], 'http://h')[0]
    assert target['tns'] == extras.get('TNS type') and all(target[label] == v for label, v in scores(row).items())
    assert target_extras_from_summary(target) == extras


def test_empty_tns_and_null_scores_are_left_out():
    row = {'v:classification': 'Unknown', 'd:tns': '', 'd:rf_snia_vs_nonia': None, 'd:mulens': 0.25}
    assert target_extras(row) == {'Fink class': 'Unknown', 'Microlensing score': 0.25}
    assert target_extras({'v:classification': 'SN candidate', 'd:tns': 'SN Ia'})['TNS type'] == 'SN Ia'
