"""The TOM classes on a real TOM: run with DJANGO_SETTINGS_MODULE set to a TOM's settings, or to real_tom_settings
with a tom_base checkout on PYTHONPATH (README, Tests); without tom_base they are reported as skipped.

Every path that calls FinkTom is run with FinkTom answering, down (a closed port) and answering errors: the results
page, "Create Targets", "Update data", runbrokerquery, updatereduceddata and the data service's steps."""
import importlib.util
from contextlib import contextmanager

import pytest
import requests

pytest.importorskip('django', reason='Django is not installed (Debian: python3-django)')
from django.apps import apps  # noqa: E402
from django.test import override_settings  # noqa: E402

from conftest import free_port  # noqa: E402
from local_servers import canned_server, scripted_server  # noqa: E402

OBJECT = 'ZTF18aaadweo'


def _need(app):
    if importlib.util.find_spec(app) is None:
        pytest.skip(f'{app} (tom_base) is not installed')
    if not apps.is_installed(app):
        pytest.skip(f'{app} is not in INSTALLED_APPS: set DJANGO_SETTINGS_MODULE to a TOM settings module')


@pytest.fixture
def tom_settings(finktom, django_db):
    config = {'FinkTom': {'api_url': finktom.url, 'timeout': 60}}
    with override_settings(BROKERS=config, DATA_SERVICES=config):
        yield


def _photometry(target):
    try:
        from tom_dataproducts.models import PhotometryReducedDatum
        return PhotometryReducedDatum.objects.filter(target=target)
    except ImportError:
        from tom_dataproducts.models import ReducedDatum
        return ReducedDatum.objects.filter(target=target, data_type='photometry', source_name='FinkTom')


def test_broker_is_registered_by_its_own_name_and_runs_each_search(tom_settings):
    _need('tom_alerts')
    from tom_alerts.alerts import get_service_class
    from tom_finktom.broker import FinkTomBroker
    with override_settings(TOM_ALERT_CLASSES=['tom_finktom.broker.FinkTomBroker']):
        assert get_service_class('FinkTom') is FinkTomBroker
    broker = FinkTomBroker()
    for parameters in ({'object_id': OBJECT}, {'ra': '96.3176308', 'dec': '4.1', 'radius': 18000},
                       {'class_name': 'SN candidate', 'n_alerts': 3}, {'sso_name': '1644'}):
        alerts = list(broker.fetch_alerts(dict(parameters, query_name='q', broker='FinkTom')))
        assert alerts, parameters
        generic = broker.to_generic_alert(alerts[0])
        # An asteroid's alert (the Solar System search) is named as one night's position of the asteroid.
        name = f"1644 at MJD {alerts[0]['i:jd'] - 2400000.5:.5f}" if 'sso_name' in parameters else alerts[0]['i:objectId']
        assert generic.id == alerts[0]['i:candid'] and generic.name == name


def test_broker_target_from_alert_gets_its_light_curve_once(tom_settings):
    _need('tom_alerts')
    from tom_finktom.broker import FinkTomBroker
    broker = FinkTomBroker()
    alert = next(iter(broker.fetch_alerts({'object_id': OBJECT})))
    target, extras, aliases = broker.to_generic_alert(alert).to_target()
    target.save(extras=extras, names=aliases)
    broker.process_reduced_data(target, alert)
    count = _photometry(target).count()
    broker.process_reduced_data(target)  # "Update data": from the target's name alone
    assert count > 30 and _photometry(target).count() == count
    target.delete()


def test_data_service_is_advertised_and_turns_a_search_into_targets_with_photometry(tom_settings):
    _need('tom_dataservices')
    from tom_finktom.dataservice import FinkTomDataService
    service = FinkTomDataService()
    parameters = service.build_query_parameters({'object_id': f'{OBJECT},ZTF19acihgng'})
    rows = service.query_targets(parameters)
    assert {r['name'] for r in rows} == {OBJECT, 'ZTF19acihgng'}
    row = next(r for r in rows if r['name'] == OBJECT)
    target = service.create_target_from_query(row)
    target.save()
    datums = service.create_reduced_datums_from_query(target, row['reduced_datums']['photometry'], 'photometry')
    again = service.create_reduced_datums_from_query(
        target, service.query_photometry(service.build_query_parameters_from_target(target)), 'photometry')
    assert len(datums) == len(again) == _photometry(target).count() > 30
    target.delete()


# FinkTom failing while a light curve is stored: (name, context manager yielding (url, requests seen)).
def _down():
    class Down:
        def __enter__(self):
            return f'http://127.0.0.1:{free_port()}', []  # nothing listens there

        def __exit__(self, *exc):
            return False
    return Down()


FAILURES = {
    'down': _down,
    'http 500': lambda: scripted_server([(500, {}, b'{"status": "error", "text": "database locked"}')]),
    'not json': lambda: canned_server(200, b'<html>proxy login</html>', 'text/html'),
}


def _failing(url):
    config = {'FinkTom': {'api_url': url, 'timeout': 5}}
    return override_settings(BROKERS=config, DATA_SERVICES=config)


def _pending(target):
    from tom_dataproducts.models import ReducedDatum
    from tom_finktom.refresh import PENDING_DATA_TYPE
    return ReducedDatum.objects.filter(target=target, data_type=PENDING_DATA_TYPE, source_name='FinkTom').exists()


def _extras(target):
    from tom_targets.models import TargetExtra
    return {e.key: e.value for e in TargetExtra.objects.filter(target=target)}


@contextmanager
def logged_in(superuser=False):
    """A browser logged in as a new user (a superuser: every target's permissions); its targets go afterwards."""
    from django.contrib.auth.models import User
    from django.test import Client
    from tom_targets.models import Target
    user = (User.objects.create_superuser if superuser else User.objects.create_user)(
        'curator' if superuser else 'astronomer', password='x')
    browser = Client()
    browser.force_login(user)
    try:
        yield browser
    finally:
        Target.objects.all().delete()
        user.delete()


@pytest.fixture
def tom_user(tom_settings):
    _need('tom_alerts')
    from tom_alerts.models import BrokerQuery
    with logged_in() as browser:
        yield browser
        BrokerQuery.objects.all().delete()


def _query(name, **parameters):
    from tom_alerts.models import BrokerQuery
    return BrokerQuery.objects.create(name=name, broker='FinkTom',
                                      parameters=dict(parameters, query_name=name, broker='FinkTom'))


@pytest.mark.parametrize('failure', FAILURES)
def test_creating_a_target_while_finktom_fails_keeps_it_shows_why_and_the_nightly_update_fills_it(tom_user, failure):
    from django.contrib.messages import get_messages
    from django.core.management import call_command
    from django.urls import reverse
    from tom_targets.models import Target
    query = _query('one object', object_id=OBJECT)
    page = tom_user.get(reverse('tom_alerts:run', args=[query.pk]))
    assert page.status_code == 200 and b'Fink class' in page.content and b'TNS type' in page.content
    candid = page.context['alerts'][0].id

    with FAILURES[failure]() as (url, _), _failing(url):
        answer = tom_user.post(reverse('tom_alerts:create-target'),
                               {'broker': 'FinkTom', 'query_id': query.pk, 'alerts': [candid]})
    assert answer.status_code == 302
    target = Target.objects.get(name=OBJECT)
    assert _photometry(target).count() == 0 and _pending(target)
    # Told once: the light curve is fetched when the target is saved, and process_reduced_data does not ask again.
    assert sum(f'Target {OBJECT} was saved' in str(m) for m in get_messages(answer.wsgi_request)) == 1
    assert _extras(target)['Fink class']

    call_command('updatereduceddata')  # the nightly update, FinkTom back
    assert _photometry(target).count() > 30 and not _pending(target)


@pytest.mark.parametrize('failure', FAILURES)
def test_the_query_pages_while_finktom_fails_say_why(tom_user, failure):
    from django.urls import reverse
    query = _query('one object', object_id=OBJECT)
    with FAILURES[failure]() as (url, _), _failing(url):
        form = tom_user.get(reverse('tom_alerts:create') + '?broker=FinkTom')  # the class list is asked for
        page = tom_user.get(reverse('tom_alerts:run', args=[query.pk]))
    assert form.status_code == 200 and page.status_code == 200
    assert page.context['alerts'] == [] and url in page.context['broker_feedback']


def test_update_data_while_finktom_is_down_is_a_message_not_a_500(tom_user):
    from django.contrib.messages import get_messages
    from django.urls import reverse
    from tom_finktom.broker import FinkTomBroker
    from tom_targets.models import Target
    target = Target.objects.create(name=OBJECT, type='SIDEREAL', ra=96.3, dec=4.1)
    FinkTomBroker().process_reduced_data(target)
    count = _photometry(target).count()
    with _down() as (url, _), _failing(url):
        answer = tom_user.get(reverse('tom_dataproducts:update-reduced-data') + f'?target_id={target.pk}')
    assert answer.status_code == 302 and _photometry(target).count() == count > 30
    text = ' '.join(str(m) for m in get_messages(answer.wsgi_request))
    assert 'errors' in text and 'unreachable' in text


def test_runbrokerquery_targets_get_their_light_curve_and_fink_extras(tom_user):
    from django.core.management import call_command
    from tom_targets.models import Target
    _query('nightly', class_name='SN candidate', n_alerts=3)
    call_command('runbrokerquery', 'nightly')
    targets = list(Target.objects.all())
    assert targets
    from tom_dataproducts.models import DataProduct
    for target in targets:
        assert _photometry(target).count() > 0 and not _pending(target)
        assert _extras(target)['Fink class'] == 'SN candidate'
        # The stamps of the alert it was made from, FITS and PNG, as data products (tests/test_cutouts.py).
        assert DataProduct.objects.filter(target=target, product_id__startswith='finktom_ztf_').count() == 6


def test_runbrokerquery_while_light_curves_fail_keeps_the_targets_for_the_nightly_update(tom_user, finktom):
    import json
    from django.core.management import call_command
    from tom_finktom.client import FinkTomClient
    from tom_finktom.searches import build_search
    from tom_targets.models import Target
    alerts = FinkTomClient(finktom.url).search(build_search({'object_id': OBJECT}))[:1]
    _query('flaky', object_id=OBJECT)
    # The search answers, then every light-curve request fails.
    with scripted_server([(200, {}, json.dumps(alerts).encode()), (503, {}, b'{"text": "restarting"}')]) as (url, seen):
        with _failing(url):
            call_command('runbrokerquery', 'flaky')
    target = Target.objects.get(name=OBJECT)
    # The search, the light curve, then the alert's first stamp: each failure reported, the target kept.
    assert [path.split('?')[0] for _, path, _, _ in seen] == ['/api/v1/objects', '/api/v1/objects', '/api/v1/cutouts']
    assert _pending(target) and _photometry(target).count() == 0
    call_command('updatereduceddata')
    assert _photometry(target).count() > 30 and not _pending(target)


@pytest.mark.parametrize('failure', FAILURES)
def test_data_service_target_created_while_finktom_fails_is_kept_and_filled_later(tom_user, failure):
    _need('tom_dataservices')
    from django.core.management import call_command
    from django.http import HttpRequest
    from tom_finktom.dataservice import FinkTomDataService
    service = FinkTomDataService()
    (row,) = service.query_targets(service.build_query_parameters({'object_id': OBJECT}))
    assert row['classification']
    request = HttpRequest()  # CreateTargetFromQueryView's steps, with its request
    request._messages = _Recorded()
    target, extras, aliases = service.to_target(row)
    target.save(extras=extras, names=aliases)
    with FAILURES[failure]() as (url, _), _failing(url):
        assert service.to_reduced_datums(target, row['reduced_datums']) is None
    assert _pending(target) and _photometry(target).count() == 0
    assert any('could not be fetched' in m for m in request._messages.seen)
    assert _extras(target)['Fink class'] == row['classification']

    # TOM 3's update (query_reduced_data, then to_reduced_datums) while FinkTom still fails: the HTTPError its
    # updatereduceddata catches, and a message saying why.
    with FAILURES[failure]() as (url, _), _failing(url):
        with pytest.raises(requests.HTTPError):
            service.query_photometry(service.build_query_parameters_from_target(target))
    assert sum('was not updated' in m for m in request._messages.seen) == 1

    call_command('updatereduceddata')  # the broker of the same name refreshes data-service targets too
    assert _photometry(target).count() > 30 and not _pending(target)
    points = service.query_photometry(service.build_query_parameters_from_target(target))
    assert len(service.create_reduced_datums_from_query(target, points, 'photometry')) == _photometry(target).count()


class _Recorded:
    def __init__(self):
        self.seen = []

    def add(self, level, message, extra_tags=''):
        self.seen.append(message)


def test_the_tom_modules_compile_even_where_tom_base_is_missing():
    import pathlib
    package = pathlib.Path(__file__).resolve().parents[1] / 'tom_finktom'
    for name in ('broker.py', 'dataservice.py', 'apps.py', 'photometry.py', 'forms.py'):
        compile((package / name).read_text(), name, 'exec')
