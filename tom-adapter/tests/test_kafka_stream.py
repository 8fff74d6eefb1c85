"""The Kafka alert stream against a real Apache Kafka 0.9 broker (tests/kafka/broker.sh) and a real FinkTom publishing a
filter's topic (fink_<filter>_ztf, Fink's packets: Avro with the writer schema in the key). Needs Debian's
python3-confluent-kafka and python3-avro, Java and the broker package: skipped without them, failed under CI."""
import importlib.util
import os
import subprocess

import pytest

from conftest import REPO, free_port, start_server
from test_stream import FIRST, KEY, SECOND, WAIT, LiveServer, _candids, _run_in_thread
from test_tom_classes import tom_settings  # noqa: F401  (the FinkTom settings of the TOM tests)
from tom_finktom.alertstream import FinkTomKafkaStream

BROKER_SCRIPT = REPO / 'tests' / 'kafka' / 'broker.sh'
# librdkafka against a 0.9 broker (as the .NET Kafka tests): no ApiVersion request, the 0.9 protocol.
OLD_BROKER = {'api.version.request': 'false', 'broker.version.fallback': '0.9.0.1', 'session.timeout.ms': '10000',
              'topic.metadata.refresh.interval.ms': '1000', 'log_level': '3'}
TOPIC = 'fink_tom_kafka_ztf'


def _unavailable(reason):
    if os.environ.get('CI'):
        pytest.fail(reason)
    pytest.skip(reason)


@pytest.fixture(scope='module')
def kafka(tmp_path_factory):
    missing = [m for m in ('confluent_kafka', 'avro') if importlib.util.find_spec(m) is None]
    if missing:
        _unavailable(f'{", ".join(missing)} not installed (Debian: python3-confluent-kafka, python3-avro)')
    work = tmp_path_factory.mktemp('kafka')
    started = subprocess.run([str(BROKER_SCRIPT), 'start', str(work), str(free_port()), str(free_port())],
                             capture_output=True, text=True, timeout=300)
    if started.returncode != 0:
        _unavailable(f'the Kafka 0.9 test broker did not start (tests/kafka/broker.sh fetch): {started.stderr[-500:]}')
    try:
        yield started.stdout.strip().splitlines()[-1]
    finally:
        subprocess.run([str(BROKER_SCRIPT), 'stop', str(work)], capture_output=True, timeout=120)


@pytest.fixture(scope='module')
def publishing(kafka, finktom, tmp_path_factory):
    """A proxy FinkTom (empty store) that publishes its filters' matches to the broker."""
    data = tmp_path_factory.mktemp('finktom-kafka')
    client_options = [f'--Kafka:Client:{k}={v}' for k, v in OLD_BROKER.items() if k != 'session.timeout.ms']
    with start_server(data, f'--Upstream:Url={finktom.url}', f'--Livestream:ApiKeys:0={KEY}',
                      f'--Kafka:BootstrapServers={kafka}', *client_options, samples=False) as url:
        server = LiveServer(url, finktom.url)
        server.add_filter('tom_kafka')
        yield server


ROWS = []


def keep_row(alert, alert_stream=None, topic='', **kwargs):
    ROWS.append((topic, alert))


def _consume(kafka, group, count, handler=f'{__name__}.keep_row'):
    stream = FinkTomKafkaStream(BOOTSTRAP_SERVERS=kafka, GROUP_ID=group, CLIENT=OLD_BROKER,
                                TOPIC_HANDLERS={TOPIC: handler})
    stream.max_alerts = count
    thread, errors = _run_in_thread(stream.listen)
    thread.join(WAIT)
    assert not errors and not thread.is_alive(), errors or f'{stream.handled} of {count} alerts after {WAIT} s'
    return stream


def test_fink_packets_from_a_filter_topic_become_rest_api_rows_and_the_group_resumes(kafka, publishing, client):
    first, second = _candids(client, FIRST), _candids(client, SECOND)
    publishing.store(FIRST)
    ROWS.clear()
    _consume(kafka, 'tom-test', len(first))
    assert sorted(row['i:candid'] for _, row in ROWS) == first  # 64-bit ids exact
    expected = {r['i:candid']: r for r in client.objects(FIRST, columns='i:candid,i:jd,i:magpsf,i:fid,i:ra,i:dec')}
    for topic, row in ROWS:
        assert topic == TOPIC and row['i:objectId'] == FIRST
        source = expected[row['i:candid']]
        assert (row['i:jd'], row['i:fid'], row['i:ra'], row['i:dec']) == (
            source['i:jd'], source['i:fid'], source['i:ra'], source['i:dec'])
        assert abs(row['i:magpsf'] - source['i:magpsf']) < 1e-5  # a float in the packet, as in Fink's
        assert isinstance(row['prv_candidates'], list)

    publishing.store(SECOND)
    ROWS.clear()
    _consume(kafka, 'tom-test', len(second))  # the same group: only what it has not committed yet
    assert sorted(row['i:candid'] for _, row in ROWS) == second


def test_finktom_stream_over_kafka_makes_targets_with_photometry(kafka, publishing, client, tom_settings):
    from test_tom_classes import _need
    _need('tom_alerts')
    from django.core.management import call_command
    from tom_dataproducts.models import ReducedDatum
    from tom_targets.models import Target
    for name in (FIRST, SECOND):  # stored by the test above, or now
        publishing.store(name, new=None)
    options = [f'--kafka-option={k}={v}' for k, v in OLD_BROKER.items()]
    count = len(_candids(client, FIRST)) + len(_candids(client, SECOND))
    thread, errors = _run_in_thread(call_command, 'finktom_stream', 'tom_kafka', '--kafka', kafka,
                                    '--group-id', 'tom-command', *options, '--max-alerts', str(count))
    thread.join(WAIT)
    assert not errors and not thread.is_alive()
    for name in (FIRST, SECOND):
        target = Target.objects.get(name=name)
        assert ReducedDatum.objects.filter(target=target, data_type='photometry', source_name='FinkTom').exists()
    Target.objects.all().delete()


RUBIN_SAMPLE = REPO / 'samples' / 'lsst' / 'fink-client_datatransfer_lsst'
RUBIN_TOPIC = 'fink_remove_unlikely_transients_lsst'  # two of the seven bundled Rubin alerts pass this tag


def test_rubin_tag_packets_become_lsst_api_rows_with_exact_ids(kafka, finktom, tmp_path):
    """`finktom ingest` of the Rubin sample, publishing (Kafka:BootstrapServers): Fink's tag topics in Fink's LSST
    layout; each packet read by the stream is the row /lsst/api/v1/sources serves for that diaSource."""
    import requests
    from conftest import _ensure_built
    options = [f'--Kafka:Client:{k}={v}' for k, v in OLD_BROKER.items() if k != 'session.timeout.ms']
    ingest = subprocess.run(['dotnet', str(_ensure_built()), 'ingest', str(RUBIN_SAMPLE), '--data-dir', str(tmp_path),
                             f'--Kafka:BootstrapServers={kafka}', *options], capture_output=True, text=True, timeout=300)
    assert ingest.returncode == 0, ingest.stdout[-2000:] + ingest.stderr[-2000:]
    ROWS.clear()
    stream = FinkTomKafkaStream(BOOTSTRAP_SERVERS=kafka, GROUP_ID='tom-rubin', CLIENT=OLD_BROKER,
                                TOPIC_HANDLERS={RUBIN_TOPIC: f'{__name__}.keep_row'})
    stream.max_alerts = 2
    thread, errors = _run_in_thread(stream.listen)
    thread.join(WAIT)
    assert not errors and not thread.is_alive(), errors or f'{stream.handled} of 2 Rubin alerts after {WAIT} s'
    assert sorted(row['r:diaSourceId'] for _, row in ROWS) == [170094456272322680, 170094456523456557]
    for topic, row in ROWS:
        served = requests.get(f'{finktom.url}/lsst/api/v1/sources', timeout=60, params={
            'diaObjectId': str(row['r:diaObjectId']), 'columns': 'r:diaSourceId,r:midpointMjdTai,r:psfFlux,r:ra,r:band'}).json()
        [source] = [s for s in served if s['r:diaSourceId'] == row['r:diaSourceId']]
        assert topic == RUBIN_TOPIC and type(row['r:diaObjectId']) is int
        assert (row['r:midpointMjdTai'], row['r:ra'], row['r:band']) == (source['r:midpointMjdTai'], source['r:ra'], source['r:band'])
        assert abs(row['r:psfFlux'] - source['r:psfFlux']) < 1e-3
        assert row['f:is_sso'] is False and isinstance(row['prvDiaSources'], list)
