"""``manage.py finktom_stream FILTER [FILTER ...]``: live alerts of FinkTom filters into the TOM, without tom-alertstreams.

Over HTTP (SSE, the default) it resumes after the last alert it stored; over Kafka (``--kafka BROKERS``) the consumer
group remembers where it was. Each alert makes or updates its target and stores its photometry
(``tom_finktom.alertstream.save_alert``, or ``--handler``).
"""
from django.core.management.base import BaseCommand, CommandError

from tom_finktom.alertstream import FILTER_NAME, FinkTomKafkaStream, FinkTomSseStream
from tom_finktom.client import FinkTomError


def topic_of(name, url=None):
    """The filter's Kafka topic as FinkTom names it (GET /livestream/filters/<name>: fink_<name>_ztf, or _lsst for a
    Rubin filter); ZTF's when the server cannot say (a Kafka-only setup)."""
    import requests
    from django.conf import settings
    from tom_finktom.config import NAME, read_settings
    try:
        base = (url or read_settings(settings, NAME).api_url).rstrip('/')
        answer = requests.get(f'{base}/livestream/filters/{name}', timeout=10)
        if answer.ok:
            return answer.json()['topic']
    except (requests.RequestException, ValueError, KeyError):
        pass
    return f'fink_{name}_ztf'


class Command(BaseCommand):
    help = 'Follow FinkTom filters: each new matching alert creates or updates its target and stores its photometry.'

    def add_arguments(self, parser):
        parser.add_argument('filters', nargs='+', help='FinkTom filter names (GET /livestream/filters lists them)')
        parser.add_argument('--url', help="the FinkTom server (default: the 'api_url' of the FinkTom settings)")
        parser.add_argument('--kafka', metavar='BOOTSTRAP_SERVERS',
                            help='read the filters\' Kafka topics (fink_<filter>_ztf, or _lsst for a Rubin filter or '
                                 'tag) instead of the HTTP stream')
        parser.add_argument('--group-id', default='tom_finktom', help='Kafka consumer group (default tom_finktom)')
        parser.add_argument('--kafka-option', action='append', default=[], metavar='KEY=VALUE',
                            help='a librdkafka setting, e.g. api.version.request=false (repeatable)')
        parser.add_argument('--handler', default='tom_finktom.alertstream.save_alert',
                            help='dotted path of the function called with each alert')
        parser.add_argument('--max-alerts', type=int, help='stop after this many alerts (default: run until stopped)')
        parser.add_argument('--no-resume', action='store_true',
                            help='HTTP: do not send the last stored event id (only alerts stored from now on)')

    def handle(self, *args, **options):
        bad = [name for name in options['filters'] if not FILTER_NAME.match(name)]
        if bad:
            raise CommandError(f'Not a FinkTom filter name: {", ".join(bad)} (lower-case letters, digits and _)')
        if options['max_alerts'] is not None and options['max_alerts'] < 1:
            raise CommandError('--max-alerts must be at least 1')
        if options['kafka']:
            client = dict(option.split('=', 1) for option in options['kafka_option'] if '=' in option)
            stream = FinkTomKafkaStream(
                BOOTSTRAP_SERVERS=options['kafka'], GROUP_ID=options['group_id'], CLIENT=client,
                TOPIC_HANDLERS={topic_of(name, options['url']): options['handler'] for name in options['filters']})
        else:
            stream = FinkTomSseStream(URL=options['url'], RESUME=not options['no_resume'],
                                      TOPIC_HANDLERS={name: options['handler'] for name in options['filters']})
        stream.max_alerts = options['max_alerts']
        try:
            stream.listen()
        except KeyboardInterrupt:
            stream.stop()
        except FinkTomError as e:
            raise CommandError(str(e)) from e
        except ImportError as e:
            raise CommandError(f'{e}: the Kafka stream needs python3-confluent-kafka and python3-avro') from e
        self.stdout.write(f'{stream.handled} alert(s) handled')
