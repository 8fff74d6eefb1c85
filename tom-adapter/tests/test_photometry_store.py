"""Storing a real light curve twice (TOM's "Update data") adds nothing the second time, on TOM 2's and TOM 3's
photometry models. The models are STAND-INS with tom_base's field names (tests/standin_tom), on real Django/SQLite."""
import pytest

pytest.importorskip('django', reason='Django is not installed (Debian: python3-django)')
from django.apps import apps  # noqa: E402

from tom_finktom.conversions import light_curve  # noqa: E402
from tom_finktom.photometry import save_tom2, save_tom3  # noqa: E402

OBJECT = 'ZTF18aaadweo'
SOURCE = 'FinkTom'


@pytest.fixture
def models(django_db):
    if not apps.is_installed('standin_tom'):
        pytest.skip('stand-in models are installed only without DJANGO_SETTINGS_MODULE')
    from standin_tom.models import StandInPhotometryReducedDatum, StandInReducedDatum, StandInTarget
    target = StandInTarget.objects.create(name=OBJECT)
    yield target, StandInReducedDatum, StandInPhotometryReducedDatum
    target.delete()


def test_tom2_light_curve_is_stored_once_and_a_refresh_adds_nothing(models, client):
    target, reduced_datum, _ = models
    points = light_curve(client.light_curve(OBJECT))

    assert save_tom2(reduced_datum, target, points, SOURCE, 'http://x') == (len(points), 0)
    assert save_tom2(reduced_datum, target, light_curve(client.light_curve(OBJECT)), SOURCE, 'http://x') == (0, 0)

    stored = list(reduced_datum.objects.filter(target=target, source_name=SOURCE, data_type='photometry'))
    assert len(stored) == len(points)
    assert sorted((d.timestamp, d.value['filter']) for d in stored) == sorted((p.timestamp, p.band) for p in points)
    assert sum('limit' in d.value for d in stored) == sum(not p.is_detection for p in points) > 0


def test_tom2_refresh_corrects_a_changed_point_and_adds_a_new_one(models, client):
    target, reduced_datum, _ = models
    points = light_curve(client.light_curve(OBJECT))
    save_tom2(reduced_datum, target, points[:-1], SOURCE, 'http://x')
    first = reduced_datum.objects.get(target=target, timestamp=points[0].timestamp, value__filter=points[0].band)
    first.value = dict(first.value, magnitude=1.0, limit=1.0)
    first.save()

    assert save_tom2(reduced_datum, target, points, SOURCE, 'http://x') == (1, 1)
    first.refresh_from_db()
    assert first.value == points[0].tom2_value()


def test_tom2_points_of_another_source_are_left_alone(models, client):
    target, reduced_datum, _ = models
    points = light_curve(client.light_curve(OBJECT))
    reduced_datum.objects.create(target=target, data_type='photometry', source_name='Fink',
                                 timestamp=points[0].timestamp, value={'magnitude': 1.0, 'filter': points[0].band})
    assert save_tom2(reduced_datum, target, points, SOURCE, 'http://x') == (len(points), 0)
    assert reduced_datum.objects.filter(target=target, source_name='Fink').count() == 1


def test_tom3_typed_photometry_is_unique_per_band_and_time_across_refreshes(models, client):
    target, _, photometry = models
    points = light_curve(client.light_curve(OBJECT))

    saved = save_tom3(photometry, target, points, SOURCE, 'http://x')
    again = save_tom3(photometry, target, light_curve(client.light_curve(OBJECT)), SOURCE, 'http://x')

    assert len(saved) == len(again) == len(points) == photometry.objects.filter(target=target).count()
    limits = photometry.objects.filter(target=target, brightness__isnull=True)
    assert limits.count() == sum(not p.is_detection for p in points)
    assert all(d.limit is not None and d.bandpass in ('g', 'r') for d in limits)
    detection = next(p for p in points if p.is_detection)
    row = photometry.objects.get(target=target, bandpass=detection.band, timestamp=detection.timestamp)
    assert (row.brightness, row.brightness_error, row.telescope) == (detection.magnitude, detection.error, 'ZTF')
