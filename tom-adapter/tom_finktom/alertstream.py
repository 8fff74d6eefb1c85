"""Live alerts from a FinkTom filter into the TOM: over HTTP (Server-Sent Events) or Kafka.

Both classes have the shape of tom-alertstreams' ``AlertStream`` (``ALERT_STREAMS`` entries, ``OPTIONS`` with
``TOPIC_HANDLERS``, ``listen()``, ``normalize_alert()``, handlers called as ``handler(alert, alert_stream=self,
topic=topic)``). With tom-alertstreams installed they subclass its ``AlertStream`` and its ``readstreams`` command runs
them; without it, ``manage.py finktom_stream`` does. Each alert reaches the handler as one flat row keyed as FinkTom's
REST API names columns (``i:objectId``, ``i:candid``, ``d:rf_snia_vs_nonia`` …); :func:`save_alert` makes or updates
the target and stores its photometry.

Resuming: the SSE stream records the id of every alert it handled (a tom_base ``AlertStreamMessage``, topic
``finktom:<server>/<filter>``) and reconnects with ``Last-Event-ID: <the last one>``; FinkTom then sends what was missed
(up to its replay window, and says so with a ``gap`` event when it cannot). The Kafka stream commits its consumer
group's offset after each handled alert.
"""
import io
import json
import logging
import re
import threading
from types import SimpleNamespace

import requests

from .client import FinkTomError, _error_from
from .conversions import light_curve, object_id_for, target_extras
from .moving import apply_target_fields, ztf_moving_target

logger = logging.getLogger(__name__)

try:  # newer tom-alertstreams type the normalized alert (pydantic); older ones and finktom_stream take a dict
    from tom_alertstreams.alertstreams.alertstream import NormalizedAlert
except ImportError:
    NormalizedAlert = None
try:  # tom-alertstreams is optional: its readstreams command runs these classes when it is installed
    from tom_alertstreams.alertstreams.alertstream import AlertStream as _AlertStreamBase
except ImportError:  # the same interface, for finktom_stream
    import abc

    class _AlertStreamBase(abc.ABC):
        @abc.abstractmethod
        def listen(self):
            """Consumes alerts, dispatching each to ``self.alert_handler[topic]``; normally never returns."""


STATE_STATUS = 'ingested'
FILTER_NAME = re.compile(r'^[a-z0-9_]{1,64}$')  # FinkTom's filter names (README "Define a filter")
MAX_RECONNECT_WAIT = 60.0


class FinkTomStreamBase(_AlertStreamBase):
    """OPTIONS (upper-case, as ``ALERT_STREAMS`` writes them) become ``self.config`` and lower-case attributes."""
    STREAM_NAME = 'finktom'
    required_keys = ['TOPIC_HANDLERS']
    allowed_keys = []
    configuration_class = None

    def __init__(self, *args, **kwargs):
        # Not the base __init__: tom-alertstreams' own validates with a pydantic model in newer releases and reads
        # required_keys in older ones; this validation is the same for both and needs neither.
        from django.core.exceptions import ImproperlyConfigured
        from django.utils.module_loading import import_string
        missing = [key for key in self.required_keys if kwargs.get(key) in (None, '', {})]
        if missing:
            raise ImproperlyConfigured(f'{type(self).__name__} OPTIONS lack {", ".join(missing)}')
        unknown = set(kwargs) - set(self.required_keys) - set(self.allowed_keys)
        if unknown:
            raise ImproperlyConfigured(f'{type(self).__name__} OPTIONS: unknown key(s) {", ".join(sorted(unknown))}; '
                                       f'allowed: {", ".join(self.required_keys + self.allowed_keys)}')
        self.config = SimpleNamespace(**kwargs)
        for key, value in kwargs.items():
            setattr(self, key.lower(), value)
        self.alert_handler = {}
        for topic, handler in kwargs['TOPIC_HANDLERS'].items():
            try:
                self.alert_handler[topic] = import_string(handler) if isinstance(handler, str) else handler
            except ImportError as e:
                raise ImproperlyConfigured(f'Could not import handler {handler!r} for topic {topic!r}: {e}') from e
        self.stop_event = threading.Event()
        self.handled = 0
        self.max_alerts = None  # stop after this many alerts (finktom_stream --max-alerts); None: never

    def normalize_alert(self, raw_alert, topic=''):
        """tom-alertstreams' ``NormalizedAlert`` of a FinkTom row (its fields as a dict where that class is absent)."""
        from . import lsst
        from .conversions import jd_to_datetime
        rubin = 'r:diaSourceId' in raw_alert
        when = raw_alert.get('r:midpointMjdTai' if rubin else 'i:jd')
        fields = {
            'stream_name': self.STREAM_NAME, 'topic': topic,
            'timestamp': None if when is None else (lsst.mjd_tai_to_datetime(when) if rubin else jd_to_datetime(when)),
            'alert_id': str(raw_alert.get('r:diaSourceId' if rubin else 'i:candid')),
            'object_id': str(raw_alert.get('r:diaObjectId' if rubin else 'i:objectId')),
            'ra': raw_alert.get('r:ra' if rubin else 'i:ra'), 'dec': raw_alert.get('r:dec' if rubin else 'i:dec'),
            'magnitude': None if rubin else raw_alert.get('i:magpsf'), 'flux': raw_alert.get('r:psfFlux'),
            'raw_payload': raw_alert,
        }
        return NormalizedAlert(**fields) if NormalizedAlert is not None else fields

    def get_normalization_function(self):
        return self.normalize_alert

    def _get_stream_classname(self):  # tom-alertstreams' readstreams names its threads with it
        return type(self).__qualname__

    def stop(self):
        self.stop_event.set()

    def _dispatch(self, topic, alert):
        self.alert_handler[topic](alert, alert_stream=self, topic=topic)
        self.handled += 1
        if self.max_alerts is not None and self.handled >= self.max_alerts:
            self.stop()


# Server-Sent Events.

class SseEvent(SimpleNamespace):
    """One event: ``type`` (``alert``, ``gap``, ``dropped``), ``id`` (None when the server sent none), ``data``."""


def parse_sse(chunks):
    """Events from a text/event-stream, given as byte chunks of any size (the WHATWG event-stream rules: fields
    ``event``, ``data`` (joined by newlines), ``id``, ``retry``; ``:`` comments; a blank line ends an event)."""
    buffer = b''
    event_type, data, event_id, retry = 'message', [], None, None
    for chunk in chunks:
        buffer += chunk
        *lines, buffer = buffer.split(b'\n')
        for raw in lines:
            line = raw.rstrip(b'\r').decode('utf-8', 'replace')
            if not line:
                if data:
                    yield SseEvent(type=event_type, id=event_id, data='\n'.join(data), retry=retry)
                event_type, data, event_id = 'message', [], None
                continue
            if line.startswith(':'):
                continue
            name, _, value = line.partition(':')
            value = value[1:] if value.startswith(' ') else value
            if name == 'event':
                event_type = value
            elif name == 'data':
                data.append(value)
            elif name == 'id' and '\0' not in value:
                event_id = value
            elif name == 'retry' and value.isdigit():
                retry = int(value)


class FinkTomSseStream(FinkTomStreamBase):
    """Follows FinkTom filters over HTTP (``GET /livestream/filters/<name>/stream``). No Kafka needed::

        ALERT_STREAMS = [{
            'ACTIVE': True,
            'NAME': 'tom_finktom.alertstream.FinkTomSseStream',
            'OPTIONS': {
                'URL': 'http://127.0.0.1:5080',            # default: the FinkTom api_url of BROKERS / DATA_SERVICES
                'TOPIC_HANDLERS': {'early_sn_candidates': 'tom_finktom.alertstream.save_alert'},  # filter → handler
            },
        }]

    One connection per filter (a thread each when there are several). A dropped connection is opened again (after the
    server's ``retry``, then longer, up to a minute) with ``Last-Event-ID``, so nothing stored meanwhile is missed.
    """
    STREAM_NAME = 'finktom-sse'
    allowed_keys = ['URL', 'API_KEY', 'TIMEOUT', 'RESUME']

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from django.conf import settings
        from .config import read_settings
        config = read_settings(settings)
        self.url = (getattr(self, 'url', None) or config.api_url).rstrip('/')
        self.api_key = getattr(self, 'api_key', None) or config.api_key
        # FinkTom sends a keep-alive comment every 15 s: a read timeout above it only fires on a dead connection.
        self.timeout = float(getattr(self, 'timeout', None) or 60)
        self.resume = getattr(self, 'resume', True)
        for name in self.alert_handler:
            if not FILTER_NAME.match(name):
                raise ValueError(f'{name!r} is not a FinkTom filter name (lower-case letters, digits and _, ≤ 64)')
        self.session = requests.Session()
        self.last_ids = {}  # filter → last event id handled by this process (also stored, when tom_alerts is there)

    def state_topic(self, name):
        return f'finktom:{self.url}/{name}'

    def listen(self):
        names = list(self.alert_handler)
        if len(names) == 1:
            return self.follow(names[0])
        threads = [threading.Thread(target=self.follow, args=(name,), daemon=True, name=f'finktom-{name}')
                   for name in names]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

    def follow(self, name):
        """Reads one filter's stream until stopped, reconnecting with the last stored id."""
        wait = 3.0
        while not self.stop_event.is_set():
            try:
                wait = self._read(name, wait) or 3.0
            except (requests.ConnectionError, requests.Timeout, requests.exceptions.ChunkedEncodingError) as e:
                logger.warning('FinkTom stream %s: connection lost (%s); reconnecting in %g s', name, e, wait)
            except FinkTomError as e:
                if e.status is not None and 400 <= e.status < 500 and e.status != 429:
                    raise  # an unknown filter or a bad id: trying again cannot help
                logger.warning('FinkTom stream %s: %s; reconnecting in %g s', name, e, wait)
            if self.stop_event.wait(wait):
                break
            wait = min(wait * 2, MAX_RECONNECT_WAIT)

    def _read(self, name, wait):
        url = f'{self.url}/livestream/filters/{name}/stream'
        headers = {'Accept': 'text/event-stream'}
        if self.api_key:
            headers['Authorization'] = f'Bearer {self.api_key}'
        last_id = (self.last_ids.get(name) or last_event_id(self.state_topic(name))) if self.resume else None
        if last_id is not None:
            headers['Last-Event-ID'] = last_id
        with self.session.get(url, headers=headers, stream=True, timeout=(10, self.timeout)) as response:
            if response.status_code >= 400:
                raise _error_from(response, url)
            logger.info('FinkTom stream %s: connected to %s (resuming after %s)', name, url, last_id)
            for event in parse_sse(response.iter_content(chunk_size=None)):
                if event.retry:
                    wait = event.retry / 1000
                if event.type == 'alert':
                    self._dispatch(name, json.loads(event.data))
                    if event.id is not None:
                        self.last_ids[name] = event.id
                        record_event_id(self.state_topic(name), event.id)
                elif event.type in ('gap', 'dropped'):
                    logger.warning('FinkTom stream %s: %s event: %s', name, event.type, event.data)
                if self.stop_event.is_set():
                    return wait
        return wait


def last_event_id(topic):
    """The id of the last alert handled from this stream, or None (first connection, or tom_alerts not installed)."""
    model = _message_model()
    if model is None:
        return None
    message = model.objects.filter(topic=topic, exchange_status=STATE_STATUS).order_by('-pk').first()
    return message.message_id if message else None


def record_event_id(topic, event_id):
    model = _message_model()
    if model is not None:
        model.objects.create(topic=topic, message_id=str(event_id)[:50], exchange_status=STATE_STATUS)


def _message_model():
    from django.apps import apps
    if not apps.is_installed('tom_alerts'):
        return None
    from tom_alerts.models import AlertStreamMessage
    return AlertStreamMessage


# Kafka.

class FinkTomKafkaStream(FinkTomStreamBase):
    """Consumes FinkTom's filter topics (``fink_<filter>_ztf`` and Rubin's ``fink_<tag>_lsst``: Fink's livestream
    packets, schemaless Avro with the writer schema in the key) with Debian's python3-confluent-kafka and python3-avro::

        ALERT_STREAMS = [{
            'ACTIVE': True,
            'NAME': 'tom_finktom.alertstream.FinkTomKafkaStream',
            'OPTIONS': {
                'BOOTSTRAP_SERVERS': 'broker:9092',
                'GROUP_ID': 'my_tom',
                'TOPIC_HANDLERS': {'fink_early_sn_candidates_ztf': 'tom_finktom.alertstream.save_alert'},
                'CLIENT': {},                 # more librdkafka settings (security, ...)
                'START_AT': 'earliest',       # where a new group starts
            },
        }]
    """
    STREAM_NAME = 'finktom-kafka'
    required_keys = ['BOOTSTRAP_SERVERS', 'GROUP_ID', 'TOPIC_HANDLERS']
    allowed_keys = ['CLIENT', 'START_AT', 'POLL_TIMEOUT']

    def listen(self):
        from confluent_kafka import Consumer, KafkaException
        settings = {'bootstrap.servers': self.bootstrap_servers, 'group.id': self.group_id,
                    'auto.offset.reset': getattr(self, 'start_at', None) or 'earliest',
                    'enable.auto.commit': False, **(getattr(self, 'client', None) or {})}
        consumer = Consumer(settings)
        consumer.subscribe(list(self.alert_handler))
        schemas = {}
        try:
            while not self.stop_event.is_set():
                message = consumer.poll(float(getattr(self, 'poll_timeout', None) or 1.0))
                if message is None:
                    continue
                if message.error():
                    if message.error().fatal():
                        raise KafkaException(message.error())
                    logger.info('FinkTom Kafka stream: %s', message.error())
                    continue
                try:
                    row = decode_fink_packet(message.key(), message.value(), schemas)
                except Exception as e:  # a message that is not a Fink packet: skipped, said, not fatal
                    logger.warning('FinkTom Kafka stream: %s [%d] @%d is not a Fink packet (%s); skipped',
                                   message.topic(), message.partition(), message.offset(), e)
                else:
                    self._dispatch(message.topic(), row)
                consumer.commit(message=message, asynchronous=False)  # at least once: after the handler
        finally:
            consumer.close()


# Fink's packet fields that the REST API serves under d: (the rest of the root is i: via candidate, or not a column).
_PACKET_ROOT = {'objectId', 'candid', 'candidate', 'prv_candidates', 'cutoutScience', 'cutoutTemplate',
                'cutoutDifference', 'schemavsn', 'publisher', 'fink_broker_version', 'fink_science_version'}


def decode_fink_packet(key, value, schemas=None):
    """One Fink livestream message → a flat row as the REST API names columns, plus ``prv_candidates`` rows (ZTF) or
    ``prvDiaSources`` rows (Rubin: ``fink_<tag>_lsst``, Fink's LSST layout).

    The key is the writer schema (JSON), the value one record in Avro binary without header.
    """
    import avro.io
    import avro.schema
    schemas = {} if schemas is None else schemas
    schema = schemas.get(key)
    if schema is None:
        schema = schemas[key] = avro.schema.parse(key.decode('utf-8') if isinstance(key, bytes) else key)
    record = avro.io.DatumReader(schema).read(avro.io.BinaryDecoder(io.BytesIO(value)))
    if 'diaSource' in record:
        return _rubin_row(record)
    row = {f'i:{k}': v for k, v in (record.get('candidate') or {}).items()}
    row['i:objectId'], row['i:candid'] = record['objectId'], record['candid']
    for name, field_value in record.items():
        if name not in _PACKET_ROOT and not isinstance(field_value, (dict, list)):
            row[f'd:{name}'] = field_value
    if 'd:classification' not in row and record.get('finkclass'):
        row['v:classification'] = record['finkclass']
    row['prv_candidates'] = [{f'i:{k}': v for k, v in point.items()} for point in record.get('prv_candidates') or []]
    return row


# Fink's LSST sections as the Rubin API names their fields: r: for Rubin's (the first section to name a field wins, as
# in Fink's tables), f:xm_ / f:clf_ for Fink's cross-matches and classifiers, f: for its predicates.
_RUBIN_SECTIONS = (('diaSource', 'r:'), ('diaObject', 'r:'), ('ssSource', 'r:'), ('mpc_orbits', 'r:'),
                   ('xm', 'f:xm_'), ('clf', 'f:clf_'), ('pred', 'f:'), ('misc', 'f:'))


def _rubin_row(record):
    """A Rubin packet → a row as /lsst/api/v1/sources names its columns; an absent section (all its fields null, as
    Fink writes one) adds nothing, so an asteroid's alert has no r:diaObjectId."""
    row = {f'r:{k}': record.get(k) for k in ('diaSourceId', 'observation_reason', 'target_name')}
    for version in ('fink_broker_version', 'fink_science_version', 'lsst_schema_version'):
        row[f'f:{version}'] = record.get(version)
    for section, prefix in _RUBIN_SECTIONS:
        fields = record.get(section) or {}
        if all(v is None for v in fields.values()):
            continue
        for name, field_value in fields.items():
            if name != 'mpc_orb_jsonb' and f'{prefix}{name}' not in row:
                row[f'{prefix}{name}'] = field_value
    if not row.get('r:diaObjectId'):  # Rubin writes 0 for "no object"
        row['r:diaObjectId'] = None
    row['prvDiaSources'] = [{f'r:{k}': v for k, v in (point or {}).items()} for point in record.get('prvDiaSources') or []]
    return row


# The handler.

def save_alert(raw_alert, alert_stream=None, topic='', **kwargs):
    """Makes or updates the alert's target and stores the alert's photometry (with its ``prv_candidates`` when the
    packet has them); a target seen for the first time also gets its whole light curve from FinkTom. The target joins
    the target list named after the stream's topic. Handling an alert twice changes nothing."""
    if isinstance(alert_stream, str):  # older alert-stream classes call handler(alert, topic)
        alert_stream, topic = None, alert_stream
    from django.conf import settings
    from tom_targets.models import Target, TargetList
    from .config import NAME, read_settings
    from .photometry import save_light_curve
    from .refresh import refresh_light_curve
    from . import lsst

    config = read_settings(settings, NAME)
    rubin = 'r:diaSourceId' in raw_alert
    if rubin:
        name, moving = lsst.target_name(raw_alert), lsst.moving_target(raw_alert)
        extras, ra, dec = lsst.target_extras(raw_alert), raw_alert.get('r:ra'), raw_alert.get('r:dec')
    else:
        name, moving = raw_alert.get('i:objectId'), ztf_moving_target(raw_alert)
        extras, ra, dec = target_extras(raw_alert), raw_alert.get('i:ra'), raw_alert.get('i:dec')
    if not name or ra is None or dec is None:
        logger.warning('FinkTom stream %s: alert without an object or a position skipped', topic)
        return None
    object_id = object_id_for(name) or lsst.dia_object_id_for(name)  # whose light curve FinkTom serves
    if moving is not None:  # a Solar System object: its orbit, or this night's position, named so
        name, extras = moving.name, {**extras, **moving.extras}
    target = Target.objects.filter(name=name).first()
    created = target is None
    if created:
        target = apply_target_fields(Target(name=name, type='SIDEREAL', ra=ra, dec=dec, epoch=2000),
                                     moving.fields if moving else None)
        target.save(extras=extras)
    elif extras:
        target.save(extras=extras)  # the newest alert's class and scores
    if topic:
        TargetList.objects.get_or_create(name=f'FinkTom {topic}')[0].targets.add(target)

    if rubin:
        points = lsst.light_curve([raw_alert])
        location = lsst.object_url(object_id, config.api_url) if object_id else ''
    else:
        rows = [raw_alert, *raw_alert.get('prv_candidates', [])]
        points = light_curve(rows, config.include_bad_quality)
        location = f"{config.api_url}/api/v1/objects?objectId={object_id}"
    save_light_curve(target, points, NAME, location)
    if created and object_id:
        refresh_light_curve(target, object_id, config, NAME)  # errors are logged; the target is kept
    return target
