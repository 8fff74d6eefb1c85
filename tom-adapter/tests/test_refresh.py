"""A FinkTom failure while storing a light curve (server down, HTTP errors, an answer that is not JSON) keeps the
target, is shown to the user, and marks the target so that the next update fills the light curve. The models are
STAND-INS with tom_base's field names (tests/standin_tom), on real Django/SQLite; the server is a real FinkTom."""
import pytest

pytest.importorskip('django', reason='Django is not installed (Debian: python3-django)')
from django.apps import apps  # noqa: E402
from django.http import HttpRequest  # noqa: E402

from conftest import free_port  # noqa: E402
from local_servers import canned_server, scripted_server  # noqa: E402
from tom_finktom.client import FinkTomError, FinkTomUnreachable  # noqa: E402
from tom_finktom.config import FinkTomSettings  # noqa: E402
from tom_finktom.photometry import TomModels  # noqa: E402
from tom_finktom.refresh import PENDING_DATA_TYPE, current_request, is_pending, refresh_light_curve  # noqa: E402

OBJECT = 'ZTF18aaadweo'
SOURCE = 'FinkTom'


class RecordedMessages:
    """What django.contrib.messages stores on ``request._messages``, recorded."""

    def __init__(self):
        self.seen = []

    def add(self, level, message, extra_tags=''):
        self.seen.append(message)


@pytest.fixture(params=['tom2', 'tom3'])
def tom(request, django_db):
    if not apps.is_installed('standin_tom'):
        pytest.skip('stand-in models are installed only without DJANGO_SETTINGS_MODULE')
    from standin_tom.models import StandInPhotometryReducedDatum, StandInReducedDatum, StandInTarget
    models = TomModels(StandInReducedDatum, StandInPhotometryReducedDatum if request.param == 'tom3' else None)
    target = StandInTarget.objects.create(name=OBJECT)
    yield target, models
    target.delete()


def _points(models, target):
    if models.photometry is not None:
        return models.photometry.objects.filter(target=target).count()
    return models.reduced_datum.objects.filter(target=target, data_type='photometry').count()


def _closed_port_url():
    return f'http://127.0.0.1:{free_port()}'  # the port was free a moment ago: nothing listens there


FAILURES = {
    'down': lambda: _nothing(_closed_port_url()),
    'http 500': lambda: scripted_server([(500, {}, b'{"status": "error", "text": "database locked"}')]),
    'http 404': lambda: canned_server(404, b'{"status": "error", "text": "no such endpoint"}'),
    'not json': lambda: canned_server(200, b'<html>proxy login</html>', 'text/html'),
}


class _nothing:
    def __init__(self, url):
        self.url = url

    def __enter__(self):
        return self.url, []

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize('failure', FAILURES)
def test_a_failed_fetch_keeps_the_target_tells_the_user_and_the_next_update_fills_the_light_curve(
        tom, failure, finktom):
    target, models = tom
    request = HttpRequest()  # the view's request, found by refresh's frame search as in tom_base's views
    request._messages = RecordedMessages()
    with FAILURES[failure]() as (url, _):
        saved = refresh_light_curve(target, OBJECT, FinkTomSettings(api_url=url, timeout=5), SOURCE, models)

    assert saved == [] and _points(models, target) == 0
    assert type(target).objects.filter(pk=target.pk).exists()
    (message,) = request._messages.seen
    assert f'Target {OBJECT} was saved' in message and 'Update data' in message
    assert is_pending(models, target, SOURCE)

    # "Update data" once FinkTom answers: the light curve arrives and the mark goes.
    saved = refresh_light_curve(target, OBJECT, FinkTomSettings(api_url=finktom.url, timeout=60), SOURCE, models,
                                raise_errors=True)
    assert len(saved) == _points(models, target) > 30
    assert not is_pending(models, target, SOURCE)


def test_an_update_that_fails_raises_the_http_error_updatereduceddata_reports_and_keeps_the_mark(tom):
    target, models = tom
    with pytest.raises(FinkTomUnreachable) as raised:
        refresh_light_curve(target, OBJECT, FinkTomSettings(api_url=_closed_port_url(), timeout=5), SOURCE, models,
                            raise_errors=True)
    assert isinstance(raised.value, __import__('requests').HTTPError)
    assert is_pending(models, target, SOURCE)
    # Marked once however often it fails.
    with pytest.raises(FinkTomError):
        refresh_light_curve(target, OBJECT, FinkTomSettings(api_url=_closed_port_url(), timeout=5), SOURCE, models,
                            raise_errors=True)
    assert models.reduced_datum.objects.filter(target=target, data_type=PENDING_DATA_TYPE).count() == 1


def test_an_object_without_photometry_yet_stays_pending(tom):
    target, models = tom
    with canned_server(200, b'[]') as (url, seen):
        assert refresh_light_curve(target, OBJECT, FinkTomSettings(api_url=url), SOURCE, models) == []
    assert len(seen) == 1 and is_pending(models, target, SOURCE)


def test_a_target_that_has_data_is_not_marked_when_an_update_fails(tom, finktom):
    target, models = tom
    refresh_light_curve(target, OBJECT, FinkTomSettings(api_url=finktom.url, timeout=60), SOURCE, models)
    with pytest.raises(FinkTomError):
        refresh_light_curve(target, OBJECT, FinkTomSettings(api_url=_closed_port_url(), timeout=5), SOURCE, models,
                            raise_errors=True)
    assert not is_pending(models, target, SOURCE) and _points(models, target) > 30


def test_without_a_request_the_failure_is_only_logged(tom, caplog):
    target, models = tom
    assert current_request() is None
    refresh_light_curve(target, OBJECT, FinkTomSettings(api_url=_closed_port_url(), timeout=5), SOURCE, models)
    assert any('could not be fetched from FinkTom' in r.getMessage() for r in caplog.records)
