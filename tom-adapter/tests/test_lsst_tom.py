"""Rubin/LSST in a real TOM (tom_base; skipped without it, as tests/test_tom_classes.py): the query form with the
server's tag list, the results page of each Rubin search, "Create Targets" from a Rubin alert (name = the exact
diaObjectId, light curve in ugrizy), runbrokerquery, and FinkTom down while the light curve is fetched."""
import pytest

pytest.importorskip('django', reason='Django is not installed (Debian: python3-django)')

from test_tom_classes import (_down, _failing, _need, _pending, _photometry, _query, tom_settings,  # noqa: E402,F401
                              tom_user)

OBJECT = 170028485706776685
ASTEROID = '2004 JQ12'
SEARCHES = {
    'object': {'lsst_object_id': f'{OBJECT},313893023095193658'},
    'cone': {'lsst_ra': '63.3496', 'lsst_dec': '-47.1808', 'lsst_radius': 5},
    'tag': {'lsst_tag': 'in_tns', 'lsst_n_alerts': 10},
    'sso': {'lsst_sso_name': ASTEROID},
}


def _bands(target):
    return {getattr(d, 'bandpass', None) or d.value['filter'] for d in _photometry(target)}


def test_the_form_lists_the_servers_tags(tom_user, finktom):
    import requests
    from django.urls import reverse
    page = tom_user.get(reverse('tom_alerts:create') + '?broker=FinkTom')
    assert page.status_code == 200 and b'Rubin/LSST' in page.content
    tags = requests.get(f'{finktom.url}/lsst/api/v1/tags', timeout=60).json()
    for tag, about in tags.items():
        assert (f'value="{tag}"'.encode() in page.content) == about['API support'], tag


@pytest.mark.parametrize('search', SEARCHES)
def test_each_rubin_search_runs_on_the_results_page_as_the_api_answers(tom_user, client, search):
    from django.urls import reverse
    from tom_finktom.searches import build_search
    expected = client.search(build_search(SEARCHES[search]))
    query = _query(f'rubin {search}', **SEARCHES[search])
    page = tom_user.get(reverse('tom_alerts:run', args=[query.pk]))
    assert page.status_code == 200
    assert [a.id for a in page.context['alerts']] == [r['r:diaSourceId'] for r in expected]
    if search in ('object', 'cone'):
        assert str(OBJECT) in {a.name for a in page.context['alerts']}


def test_create_target_from_a_rubin_alert_gets_its_ugrizy_light_curve_with_exact_ids(tom_user, client):
    from django.urls import reverse
    from tom_finktom import lsst
    from tom_finktom.searches import build_search
    from tom_targets.models import Target
    query = _query('rubin object', lsst_object_id=str(OBJECT))
    page = tom_user.get(reverse('tom_alerts:run', args=[query.pk]))
    alert = page.context['alerts'][0]
    answer = tom_user.post(reverse('tom_alerts:create-target'),
                           {'broker': 'FinkTom', 'query_id': query.pk, 'alerts': [alert.id]})
    assert answer.status_code == 302
    target = Target.objects.get(name='170028485706776685')
    source = client.search(build_search({'lsst_object_id': str(OBJECT)}))[0]
    assert (target.ra, target.dec) == (source['r:ra'], source['r:dec'])
    expected = lsst.light_curve(client.lsst_light_curve(OBJECT))
    assert _photometry(target).count() == len(expected) and not _pending(target)
    assert _bands(target) == {p.band for p in expected} and _bands(target) <= set('ugrizy')
    assert {d.value['source_id'] for d in _photometry(target)} == {p.source_id for p in expected}

    from tom_finktom.broker import FinkTomBroker
    FinkTomBroker().process_reduced_data(target)  # "Update data": from the name alone, nothing duplicated
    assert _photometry(target).count() == len(expected)
    target_page = tom_user.get(reverse('targets:detail', args=[target.pk]))
    assert target_page.status_code == 200  # the photometry table reads every point, flux <= 0 included


def test_runbrokerquery_on_a_rubin_cone_makes_targets_with_light_curves(tom_user):
    from django.core.management import call_command
    from tom_targets.models import Target
    _query('nightly rubin', **SEARCHES['cone'])
    call_command('runbrokerquery', 'nightly rubin')
    target = Target.objects.get(name=str(OBJECT))
    assert _photometry(target).count() > 1 and not _pending(target)


def test_an_asteroid_target_is_non_sidereal_with_the_alerts_orbit_and_no_light_curve_request(tom_user):
    from django.urls import reverse
    from tom_finktom import moving
    from tom_targets.models import Target, TargetExtra
    query = _query('rubin asteroid', **SEARCHES['sso'])
    alert = tom_user.get(reverse('tom_alerts:run', args=[query.pk])).context['alerts'][0]
    answer = tom_user.post(reverse('tom_alerts:create-target'),
                           {'broker': 'FinkTom', 'query_id': query.pk, 'alerts': [alert.id]})
    assert answer.status_code == 302
    # FinkTom serves the MPC orbit the Rubin alert carried (/lsst/api/v1/sso?withOrbit=true): TOM can follow it.
    target = Target.objects.get(name=ASTEROID)
    assert (target.type, target.scheme, target.ra, target.dec) == ('NON_SIDEREAL', 'MPC_MINOR_PLANET', None, None)
    assert target.semimajor_axis and target.eccentricity is not None and target.epoch_of_elements
    extras = {e.key: e.value for e in TargetExtra.objects.filter(target=target)}
    assert extras[moving.SSO_EXTRA] == ASTEROID and extras[moving.ORBIT_SOURCE_EXTRA] == moving.MPC_ORBIT
    assert _photometry(target).count() == 0 and not _pending(target)


def test_finktom_down_while_a_rubin_target_is_created_keeps_it_for_the_nightly_update(tom_user):
    from django.contrib.messages import get_messages
    from django.core.management import call_command
    from django.urls import reverse
    from tom_targets.models import Target
    query = _query('rubin object', lsst_object_id=str(OBJECT))
    alert = tom_user.get(reverse('tom_alerts:run', args=[query.pk])).context['alerts'][0]
    with _down() as (url, _), _failing(url):
        answer = tom_user.post(reverse('tom_alerts:create-target'),
                               {'broker': 'FinkTom', 'query_id': query.pk, 'alerts': [alert.id]})
    assert answer.status_code == 302
    target = Target.objects.get(name=str(OBJECT))
    assert _photometry(target).count() == 0 and _pending(target)
    assert any(f'Target {OBJECT} was saved' in str(m) for m in get_messages(answer.wsgi_request))
    call_command('updatereduceddata')
    assert _photometry(target).count() > 1 and not _pending(target)


def test_the_rubin_form_and_results_while_finktom_is_down_say_why(tom_user):
    from django.urls import reverse
    from tom_finktom import forms
    forms._tag_cache.clear()
    query = _query('rubin tag', **SEARCHES['tag'])
    with _down() as (url, _), _failing(url):
        form = tom_user.get(reverse('tom_alerts:create') + '?broker=FinkTom')  # the tag list is asked for
        page = tom_user.get(reverse('tom_alerts:run', args=[query.pk]))
    assert form.status_code == 200 and b'value="in_tns"' in form.content  # Fink's list stands in
    assert page.status_code == 200 and page.context['alerts'] == [] and url in page.context['broker_feedback']
