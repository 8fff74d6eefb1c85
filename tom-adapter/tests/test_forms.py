"""The query form (plain Django, shared by the broker and the data service), with the class list from a real server."""
import json

import pytest

django = pytest.importorskip('django', reason='Django is not installed (Debian: python3-django)')
from django.test import override_settings  # noqa: E402

from local_servers import silent_server  # noqa: E402
from tom_finktom import forms as finktom_forms  # noqa: E402
from tom_finktom.forms import FinkTomSearchForm  # noqa: E402


@pytest.fixture
def settings_for(finktom):
    finktom_forms._class_cache.clear()
    with override_settings(BROKERS={'FinkTom': {'api_url': finktom.url, 'timeout': 30}}):
        yield
    finktom_forms._class_cache.clear()


def test_the_class_choices_come_from_the_servers_class_list(settings_for, client):
    choices = [value for value, _ in FinkTomSearchForm().fields['class_name'].choices]
    assert choices[0] == ''
    assert choices[1:] == client.class_names()
    assert {'SN candidate', '(SIMBAD) RRLyr', '(TNS) SN Ia'} <= set(choices)


@pytest.mark.parametrize('data', [
    {'object_id': 'ZTF21abfmbix'},
    {'ra': '193.82', 'dec': '2.89', 'radius': '5'},
    {'start_date': '2021-06-01 04:30:00', 'window': '30'},
    {'class_name': '(SIMBAD) RRLyr', 'n_alerts': '20', 'days': '7'},
    {'sso_name': '8467'},
])
def test_each_search_validates_and_its_cleaned_values_can_be_saved_as_json(settings_for, data):
    form = FinkTomSearchForm(data=data)
    assert form.is_valid(), form.errors
    json.dumps(form.cleaned_data)  # TOM stores cleaned_data in a JSONField


def test_mixing_two_searches_is_a_form_error(settings_for):
    form = FinkTomSearchForm(data={'object_id': 'ZTF21abfmbix', 'sso_name': '8467'})
    assert not form.is_valid()
    assert 'Fill in only one search' in form.non_field_errors()[0]


@pytest.mark.parametrize('data, field', [
    ({'object_id': 'SN2021abc'}, 'object_id'),
    ({'ra': '193.82', 'dec': '2.89', 'radius': '20000'}, 'radius'),
    ({'ra': '193.82', 'radius': '5'}, 'dec'),
    ({'start_date': 'last week'}, 'start_date'),
    ({'class_name': 'Not a class'}, 'class_name'),
    ({'class_name': 'SN candidate', 'n_alerts': '0'}, 'n_alerts'),
])
def test_errors_are_shown_on_the_field_at_fault(settings_for, data, field):
    form = FinkTomSearchForm(data=data)
    assert not form.is_valid()
    assert field in form.errors, form.errors


def test_with_the_server_down_the_form_still_renders_and_lets_the_server_judge_the_class():
    finktom_forms._class_cache.clear()
    with silent_server() as url:
        closed = url
    with override_settings(BROKERS={'FinkTom': {'api_url': closed, 'timeout': 2}}):
        choices = [value for value, _ in FinkTomSearchForm().fields['class_name'].choices]
        assert 'SN candidate' in choices  # the fallback list
        form = FinkTomSearchForm(data={'class_name': '(SIMBAD) RRLyr'})
        assert form.is_valid(), form.errors
    finktom_forms._class_cache.clear()
