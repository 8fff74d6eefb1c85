"""Settings for running the tests of the TOM classes (tests/test_tom_classes.py) inside a real, unmodified tom_base
2.x checkout: ``DJANGO_SETTINGS_MODULE=real_tom_settings`` with the checkout (and, on Debian's Django 3.2, the
vendored packages and shims of shared/tom-real) on PYTHONPATH. Verification only: a scratch SQLite database."""
import importlib.util
import os
import tempfile

from tom_base.settings import *  # noqa: F401,F403  (the checkout's own settings)

_TMP = tempfile.mkdtemp(prefix='finktom-tom-')


def _importable(dotted):
    return importlib.util.find_spec(dotted.split('.')[0]) is not None


# tom_base lists apps Debian's Django 3.2 cannot run (django_tasks needs 4.2); crispy_bootstrap4 2022.1 renders
# fieldsets as escaped text with crispy-forms 1.14, so crispy-forms' own bootstrap4 templates are used instead.
INSTALLED_APPS = ['tomsmoke_shims'] + list(INSTALLED_APPS) + ['tom_finktom']  # noqa: F405
INSTALLED_APPS = [a for a in INSTALLED_APPS if _importable(a) and a != 'crispy_bootstrap4']
MIDDLEWARE = [m for m in MIDDLEWARE if _importable(m)]  # noqa: F405
TASKS = {}

ALLOWED_HOSTS = ['*']
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': os.path.join(_TMP, 'db.sqlite3')}}
# TOM's alert views cache the raw alert between the results page and "Create Targets": a real cache is needed.
CACHES = {'default': {'BACKEND': 'django.core.cache.backends.locmem.LocMemCache', 'LOCATION': 'finktom'}}
MEDIA_ROOT = os.path.join(_TMP, 'data')
TOM_ALERT_CLASSES = ['tom_alerts.brokers.alerce.ALeRCEBroker', 'tom_finktom.broker.FinkTomBroker']
BROKERS = {'FinkTom': {'api_url': os.environ.get('FINKTOM_URL', 'http://127.0.0.1:5080')}}
