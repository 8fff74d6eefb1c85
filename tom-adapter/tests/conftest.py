"""Fixtures: a real FinkTom server on the bundled sample alerts, and Django.

The server is the repository's own build (`finktom serve` on a free loopback port with a fresh data folder, which
ingests the 352 sample alerts on first start). Set FINKTOM_URL to test against a server already running instead
(tests that read the server's database file are then skipped).

Django is configured with stand-in photometry models unless DJANGO_SETTINGS_MODULE names a TOM's settings, in
which case the tests of the TOM classes run too (they need tom_base, which cannot be installed here).
"""
import os
import socket
import sqlite3
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parents[2]
SERVER_PROJECT = REPO / 'src' / 'FinkTom.Server'
START_TIMEOUT = 240  # seconds: a cold build plus the sample ingestion on a busy 2-core machine


def _configure_django():
    try:
        import django
        from django.conf import settings
    except ImportError:
        return False
    if not settings.configured and not os.environ.get('DJANGO_SETTINGS_MODULE'):
        settings.configure(
            INSTALLED_APPS=['django.contrib.contenttypes', 'standin_tom', 'tom_finktom'],
            DATABASES={'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': ':memory:'}},
            USE_TZ=True,
            DEFAULT_AUTO_FIELD='django.db.models.AutoField',
            BROKERS={},
        )
    django.setup()
    return True


HAVE_DJANGO = _configure_django()


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def _server_dll():
    built = sorted(SERVER_PROJECT.glob('bin/*/net*/finktom.dll'), key=lambda p: p.stat().st_mtime, reverse=True)
    return built[0] if built else None


def _ensure_built():
    dll = _server_dll()
    if dll is None:
        subprocess.run(['dotnet', 'build', str(SERVER_PROJECT), '-nologo', '-v', 'q'], check=True, cwd=REPO)
        dll = _server_dll()
    if dll is None:
        pytest.fail(f'No finktom.dll under {SERVER_PROJECT}/bin after building')
    return dll


class RunningServer:
    def __init__(self, url, database=None):
        self.url = url
        self.database = database

    def reference_db(self):
        """The server's own SQLite file, read-only: the reference the answers are checked against."""
        if self.database is None:
            pytest.skip('FINKTOM_URL names an external server: its database file is not available')
        return sqlite3.connect(f'file:{self.database}?mode=ro', uri=True)


@pytest.fixture(scope='session')
def finktom(tmp_path_factory):
    if os.environ.get('FINKTOM_URL'):
        yield RunningServer(os.environ['FINKTOM_URL'].rstrip('/'))
        return
    data = tmp_path_factory.mktemp('finktom-data')
    with start_server(data) as url:
        yield RunningServer(url, data / 'finktom.db')


@contextmanager
def start_server(data, *arguments, port=None, samples=True):
    """A `finktom serve` on a free loopback port with data folder ``data`` (and more command-line ``arguments``);
    yields its URL once it answers (with the samples ingested, unless ``samples`` is False). Stopped on exit."""
    dll = _ensure_built()
    url = f'http://127.0.0.1:{port or free_port()}'
    log_path = data / 'server.log'
    command = ['dotnet', str(dll), 'serve', '--urls', url, '--data-dir', str(data), *arguments]
    if not samples:
        command.append('--no-sample')
    with open(log_path, 'a') as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=data)
    try:
        _wait_healthy(url, process, log_path, need_alerts=samples)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_healthy(url, process, log_path, need_alerts=True):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f'finktom exited with {process.returncode}:\n{log_path.read_text()[-3000:]}')
        try:
            health = requests.get(f'{url}/health', timeout=2).json()
            if health.get('alerts', 0) > 0 or (not need_alerts and health.get('status') == 'ok'):
                return
        except (requests.RequestException, ValueError):
            pass
        time.sleep(0.5)
    pytest.fail(f'finktom did not become healthy within {START_TIMEOUT} s:\n{log_path.read_text()[-3000:]}')


@pytest.fixture(scope='session')
def client(finktom):
    from tom_finktom.client import FinkTomClient
    return FinkTomClient(finktom.url, timeout=60)


@pytest.fixture(scope='session')
def django_db():
    """A fresh test database with every installed app's tables (never the TOM's own database)."""
    if not HAVE_DJANGO:
        pytest.skip('Django is not installed (Debian: python3-django)')
    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment
    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    yield connection
    connection.creation.destroy_test_db(old_name, verbosity=0)
    teardown_test_environment()
