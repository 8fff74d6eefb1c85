"""Reading the adapter's settings block, as a TOM's settings.py writes it."""
from types import SimpleNamespace

import pytest

from tom_finktom.config import read_settings


def test_defaults_point_at_a_local_finktom_serve():
    config = read_settings(SimpleNamespace())
    assert (config.api_url, config.api_key, config.timeout, config.portal_url) == ('http://127.0.0.1:5080', '', 30.0, '')


def test_brokers_block_is_read_and_normalised():
    settings = SimpleNamespace(BROKERS={'FinkTom': {'api_url': 'https://alerts.example.org/api/v1/', 'api_key': 'k',
                                                     'timeout': '12', 'portal_url': 'https://p.example/'}})
    config = read_settings(settings)
    assert (config.api_url, config.api_key, config.timeout, config.portal_url) == (
        'https://alerts.example.org', 'k', 12.0, 'https://p.example')
    client = config.client()
    assert client.headers['Authorization'] == 'Bearer k' and client.timeout == 12.0


def test_data_services_block_wins_over_brokers():
    settings = SimpleNamespace(BROKERS={'FinkTom': {'api_url': 'http://old:5080', 'timeout': 5}},
                               DATA_SERVICES={'FinkTom': {'api_url': 'http://new:5080'}})
    config = read_settings(settings)
    assert config.api_url == 'http://new:5080' and config.timeout == 5.0


@pytest.mark.parametrize('block', [{'timeout': 'soon'}, {'timeout': 0}, {'api_url': 'finktom:5080'}])
def test_bad_settings_are_refused_with_the_setting_named(block):
    with pytest.raises(ValueError) as raised:
        read_settings(SimpleNamespace(BROKERS={'FinkTom': block}))
    assert any(word in str(raised.value) for word in ('timeout', 'api_url'))


def test_the_app_config_advertises_the_data_service():
    pytest.importorskip('django', reason='Django is not installed (Debian: python3-django)')
    from django.apps import apps
    assert apps.get_app_config('tom_finktom').data_services() == [{'class': 'tom_finktom.dataservice.FinkTomDataService'}]
