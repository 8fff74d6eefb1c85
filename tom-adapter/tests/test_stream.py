"""Live alerts into the TOM over SSE, against real FinkTom servers: a proxy FinkTom with an empty store (the "live"
server) in front of the session's FinkTom with the samples. Asking the proxy for an object stores that object's alerts
in it, which is a new alert for its filters: the stream's events. The TOM parts need tom_base (skipped without it)."""
import random
import threading
import time

import pytest
import requests

from conftest import start_server
from tom_finktom.alertstream import FinkTomSseStream, parse_sse
from tom_finktom.searches import build_search

FIRST, SECOND = 'ZTF18aaadweo', 'ZTF19acihgng'
KEY = 'tom-stream-test-key'
WAIT = 180  # seconds, upper bound of any wait below (conditions are polled, never slept on)


# The event-stream parser (no server, no Django).

EVENTS = (b': livestream x\nretry: 3000\n\n'
          b'id: 7\nevent: alert\ndata: {"i:candid": 1060135832015015002}\n\n'
          b': keep-alive\n\n'
          b'event: gap\r\ndata: {"reason": "count",\r\ndata:  "skipped": 2}\r\n\r\n'
          b'id: 9\nevent: alert\ndata:{"i:objectId": "ZTF\xc3\xa9"}\n\n'
          b'data: no end')


def _parsed(chunks):
    return [(e.type, e.id, e.data) for e in parse_sse(chunks)]


def test_the_event_stream_parser_reads_fields_comments_multiline_data_and_crlf():
    assert _parsed([EVENTS]) == [
        ('alert', '7', '{"i:candid": 1060135832015015002}'),
        ('gap', None, '{"reason": "count",\n "skipped": 2}'),
        ('alert', '9', '{"i:objectId": "ZTFé"}'),
    ]  # the unterminated last event is not dispatched


@pytest.mark.parametrize('seed', range(200))
def test_the_event_stream_parser_gives_the_same_events_however_the_bytes_are_split(seed):
    rng = random.Random(seed)
    cuts = sorted(rng.sample(range(1, len(EVENTS)), rng.randint(1, 40)))
    chunks = [EVENTS[a:b] for a, b in zip([0, *cuts], [*cuts, len(EVENTS)])]
    assert _parsed(chunks) == _parsed([EVENTS])


def test_an_alert_is_normalized_as_tom_alertstreams_expects_with_exact_ids(client, django_db):
    row = client.search(build_search({'object_id': FIRST}))[0]
    stream = FinkTomSseStream(URL='http://127.0.0.1:1', TOPIC_HANDLERS={'tom_x': f'{__name__}.record_only'})
    normalized = stream.get_normalization_function()(row, topic='tom_x')
    normalized = normalized if isinstance(normalized, dict) else normalized.model_dump()
    assert (normalized['alert_id'], normalized['object_id'], normalized['topic']) == (str(row['i:candid']), FIRST, 'tom_x')
    assert (normalized['ra'], normalized['dec'], normalized['magnitude']) == (row['i:ra'], row['i:dec'], row['i:magpsf'])
    assert abs(normalized['timestamp'].timestamp() / 86400 + 2440587.5 - row['i:jd']) < 1e-7


def test_stream_options_are_checked_as_tom_alertstreams_does():
    from django.core.exceptions import ImproperlyConfigured
    with pytest.raises(ImproperlyConfigured, match='lack TOPIC_HANDLERS'):
        FinkTomSseStream(URL='http://x')
    with pytest.raises(ImproperlyConfigured, match='unknown key'):
        FinkTomSseStream(TOPIC_HANDLERS={'a': 'tom_finktom.alertstream.save_alert'}, GROUP_ID='g')
    with pytest.raises(ImproperlyConfigured, match='Could not import handler'):
        FinkTomSseStream(TOPIC_HANDLERS={'a': 'tom_finktom.alertstream.no_such_handler'})
    with pytest.raises(ValueError, match='not a FinkTom filter name'):
        FinkTomSseStream(TOPIC_HANDLERS={'Not-A-Filter': 'tom_finktom.alertstream.save_alert'})


# A proxy FinkTom whose store fills when asked for an object.

class LiveServer:
    def __init__(self, url, upstream):
        self.url, self.upstream = url, upstream

    def add_filter(self, name):
        answer = requests.post(f'{self.url}/livestream/filters', headers={'X-Api-Key': KEY}, timeout=60,
                               json={'name': name, 'filter': 'magpsf lt 30', 'description': 'every alert'})
        assert answer.status_code == 201, answer.text

    def store(self, object_id, new=True):
        """Makes the proxy fetch and store the object's alerts (new alerts: they go out on the streams); ``new=None``
        accepts an object stored before."""
        answer = requests.post(f'{self.url}/api/v1/objects', json={'objectId': object_id}, timeout=60)
        assert answer.status_code == 200
        assert new is None or (answer.headers.get('X-FinkTom-Source') == 'upstream') == new

    def sse_clients(self):
        return requests.get(f'{self.url}/livestream/status', timeout=10).json()['sse_clients']


@pytest.fixture(scope='module')
def live(finktom, tmp_path_factory):
    data = tmp_path_factory.mktemp('finktom-live')
    with start_server(data, f'--Upstream:Url={finktom.url}', f'--Livestream:ApiKeys:0={KEY}', samples=False) as url:
        yield LiveServer(url, finktom.url)


def _until(condition, what, thread=None, errors=()):
    deadline = time.monotonic() + WAIT
    while not condition():
        if errors:
            raise errors[0]
        if thread is not None and not thread.is_alive():
            pytest.fail(f'the stream stopped before {what}')
        if time.monotonic() > deadline:
            pytest.fail(f'gave up waiting for {what}')
        time.sleep(0.05)


def _candids(client, object_id):
    return sorted(r['i:candid'] for r in client.objects(object_id, columns='i:candid'))


@pytest.fixture
def tom(tom_settings):
    from test_tom_classes import _need
    _need('tom_alerts')
    from tom_alerts.models import AlertStreamMessage
    from tom_targets.models import Target, TargetList
    yield
    Target.objects.all().delete()
    TargetList.objects.all().delete()
    AlertStreamMessage.objects.all().delete()


from test_tom_classes import tom_settings  # noqa: E402,F401  (the FinkTom settings of the TOM tests)


SEEN = []  # (topic, i:candid) of each alert given to record_and_save


def record_and_save(alert, alert_stream=None, topic='', **kwargs):
    """A handler that notes each alert, then stores it as the default handler does."""
    from tom_finktom.alertstream import save_alert
    SEEN.append((topic, alert['i:candid']))
    return save_alert(alert, alert_stream=alert_stream, topic=topic)


def _run_in_thread(function, *args, **kwargs):
    errors = []

    def run():
        try:
            function(*args, **kwargs)
        except BaseException as e:  # noqa: B902  (reported to the test)
            errors.append(e)
        finally:
            from django.db import connection
            connection.close()
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, errors


def _messages(topic):
    from tom_alerts.models import AlertStreamMessage
    return [int(m.message_id) for m in AlertStreamMessage.objects.filter(topic=topic).order_by('pk')]


def test_finktom_stream_makes_targets_and_resumes_after_the_last_event_it_stored(tom, live, client):
    from django.core.management import call_command
    from tom_dataproducts.models import ReducedDatum
    from tom_targets.models import Target, TargetList
    live.add_filter('tom_resume')
    SEEN.clear()
    handler = f'{__name__}.record_and_save'
    first, second = _candids(client, FIRST), _candids(client, SECOND)
    assert len(first) >= 2 and second

    # First run: live alerts only; it stops after one, so the rest of the object's alerts arrive while it is away.
    thread, errors = _run_in_thread(call_command, 'finktom_stream', 'tom_resume', '--url', live.url,
                                    '--handler', handler, '--max-alerts', '1')
    _until(lambda: live.sse_clients() == 1, 'the stream to connect', thread, errors)
    live.store(FIRST)
    thread.join(WAIT)
    assert not thread.is_alive() and not errors
    assert len(SEEN) == 1
    live.store(SECOND)  # stored while no one listens

    # Second run: Last-Event-ID = the stored id; FinkTom replays exactly what was missed.
    thread, errors = _run_in_thread(call_command, 'finktom_stream', 'tom_resume', '--url', live.url,
                                    '--handler', handler, '--max-alerts', str(len(first) + len(second) - 1))
    thread.join(WAIT)
    assert not thread.is_alive() and not errors
    assert sorted(c for _, c in SEEN) == sorted(first + second)  # each once
    assert {t for t, _ in SEEN} == {'tom_resume'}
    ids = _messages(f'finktom:{live.url}/tom_resume')
    assert len(ids) == len(first) + len(second) and ids == sorted(set(ids))

    for name in (FIRST, SECOND):
        target = Target.objects.get(name=name)
        points = ReducedDatum.objects.filter(target=target, data_type='photometry', source_name='FinkTom')
        assert points.count() >= len(first if name == FIRST else second)
    assert set(TargetList.objects.get(name='FinkTom tom_resume').targets.values_list('name', flat=True)) == {
        FIRST, SECOND}


def record_only(alert, alert_stream=None, topic='', **kwargs):
    SEEN.append((topic, alert['i:candid']))


def test_the_stream_reconnects_by_itself_when_the_server_restarts_and_misses_nothing(client, finktom, django_db,
                                                                                      tmp_path_factory):
    """No TOM needed: the handler only notes the alerts; the stream resumes from the last id it handled."""
    from conftest import free_port
    port, data = free_port(), tmp_path_factory.mktemp('finktom-restart')
    arguments = (data, f'--Upstream:Url={finktom.url}', f'--Livestream:ApiKeys:0={KEY}')
    SEEN.clear()
    first, second = _candids(client, FIRST), _candids(client, SECOND)
    with start_server(*arguments, port=port, samples=False) as url:
        server = LiveServer(url, finktom.url)
        server.add_filter('tom_restart')
        stream = FinkTomSseStream(URL=url, TOPIC_HANDLERS={'tom_restart': f'{__name__}.record_only'})
        stream.max_alerts = len(first) + len(second)
        thread, errors = _run_in_thread(stream.listen)
        _until(lambda: server.sse_clients() == 1, 'the stream to connect', thread, errors)
        server.store(FIRST)
        _until(lambda: len(SEEN) == len(first), 'the first object\'s alerts', thread, errors)
    # The server is down; it comes back on the same port with the same data (filters, journal, store).
    with start_server(*arguments, port=port, samples=False) as url:
        server = LiveServer(url, finktom.url)
        server.store(SECOND)  # possibly before the stream is back: then it is replayed after the stored id
        thread.join(WAIT)
        assert not thread.is_alive() and not errors
    assert sorted(c for _, c in SEEN) == sorted(first + second)
    assert stream.handled == len(first) + len(second)


def test_an_unknown_filter_stops_the_command_with_the_servers_reason(tom, live):
    from django.core.management import CommandError, call_command
    with pytest.raises(CommandError) as raised:
        call_command('finktom_stream', 'no_such_filter', '--url', live.url, '--max-alerts', '1')
    assert 'HTTP 404' in str(raised.value) and "No filter named 'no_such_filter'" in str(raised.value)
    with pytest.raises(CommandError) as raised:
        call_command('finktom_stream', 'Bad-Name', '--url', live.url)
    assert 'Not a FinkTom filter name: Bad-Name' in str(raised.value)


def test_a_failing_server_is_retried_and_each_reconnection_resumes_from_the_last_id(django_db):
    """A loopback stand-in answering 503, then two one-event streams that end (a dropped connection each)."""
    from local_servers import scripted_server
    sse = {'Content-Type': 'text/event-stream'}
    responses = [(503, {}, b'{"status": "error", "text": "starting"}'),
                 (200, sse, b'retry: 10\n\nid: 41\nevent: alert\ndata: {"i:candid": 1060135832015015002}\n\n'),
                 (200, sse, b'id: 42\nevent: alert\ndata: {"i:candid": 1060135832015015003}\n\n')]
    SEEN.clear()
    with scripted_server(responses) as (url, seen):
        stream = FinkTomSseStream(URL=url, TOPIC_HANDLERS={'tom_flaky': f'{__name__}.record_only'})
        stream.max_alerts = 2
        thread, errors = _run_in_thread(stream.listen)
        thread.join(WAIT)
    assert not thread.is_alive() and not errors
    assert SEEN == [('tom_flaky', 1060135832015015002), ('tom_flaky', 1060135832015015003)]
    assert [(path, headers.get('Last-Event-ID')) for _, path, headers, _ in seen] == [
        ('/livestream/filters/tom_flaky/stream', None), ('/livestream/filters/tom_flaky/stream', None),
        ('/livestream/filters/tom_flaky/stream', '41')]
