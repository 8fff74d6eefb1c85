"""Cutouts as the target's data products, in a real TOM (tom_base; skipped without it) against a real FinkTom: the
target page's button, the broker's "Create Targets", the data service, Rubin stamps, fetching again, FinkTom down."""
import importlib.util

import pytest

pytest.importorskip('django', reason='Django is not installed (Debian: python3-django)')

from test_tom_classes import _down, _failing, _need, _query, logged_in, tom_settings  # noqa: E402,F401

OBJECT = 'ZTF18aaadweo'
RUBIN_OBJECT = 170028485706776685
FITS_MAGIC = b'SIMPLE  ='
PNG_MAGIC = b'\x89PNG\r\n\x1a\n'


@pytest.fixture
def astronomer(tom_settings):
    _need('tom_dataproducts')
    with logged_in(superuser=True) as browser:
        yield browser


def _target(name, **fields):
    from tom_targets.models import Target
    return Target.objects.create(name=name, type='SIDEREAL', ra=fields.get('ra', 10.0), dec=fields.get('dec', 1.0))


def _products(target):
    from tom_dataproducts.models import DataProduct
    products = list(DataProduct.objects.filter(target=target).order_by('product_id'))
    return {p.product_id: (p.data_product_type, p.data.read()[:9]) for p in products}


def _expect(survey, alert_id):
    expected = {}
    for kind in ('science', 'template', 'difference'):
        expected[f'finktom_{survey}_{alert_id}_{kind}.fits'] = ('fits_file', FITS_MAGIC[:9])
        expected[f'finktom_{survey}_{alert_id}_{kind}.png'] = ('image_file', PNG_MAGIC + b'\x00')
    return expected


def _messages(answer):
    from django.contrib.messages import get_messages
    return [str(m) for m in get_messages(answer.wsgi_request)]


def _newest_candid(client):
    rows = client.objects(OBJECT, columns='i:candid,i:jd')
    return max(rows, key=lambda r: r['i:jd'])['i:candid']


def test_the_target_page_button_saves_fits_and_png_stamps_once(astronomer, client):
    from django.urls import reverse
    target = _target(OBJECT)
    page = astronomer.get(reverse('tom_targets:detail', args=[target.pk]))
    url = reverse('tom_finktom:save-cutouts', args=[target.pk])
    assert page.status_code == 200 and url.encode() in page.content and b'FinkTom cutouts' in page.content

    answer = astronomer.post(url, follow=False)
    assert answer.status_code == 302 and answer['Location'] == reverse('tom_targets:detail', args=[target.pk])
    candid = _newest_candid(client)
    products = _products(target)
    assert {k: (t, m[:8]) for k, (t, m) in products.items()} == {
        k: (t, m[:8]) for k, (t, m) in _expect('ztf', candid).items()}
    assert 'FinkTom cutouts of ZTF18aaadweo: 6 file(s) saved, 0 already there.' in _messages(answer)

    again = astronomer.post(url)  # idempotent: nothing fetched or added twice
    assert len(_products(target)) == 6
    assert 'FinkTom cutouts of ZTF18aaadweo: 0 file(s) saved, 6 already there.' in _messages(again)


def test_the_saved_fits_is_the_servers_stamp_byte_for_byte(astronomer, client):
    from tom_dataproducts.models import DataProduct
    from tom_finktom.config import read_settings
    from tom_finktom.cutouts import save_cutouts
    from django.conf import settings
    target = _target(OBJECT)
    save_cutouts(target, read_settings(settings))
    candid = _newest_candid(client)
    product = DataProduct.objects.get(product_id=f'finktom_ztf_{candid}_difference.fits')
    assert product.data.read() == client.cutout(OBJECT, 'Difference', 'FITS', candid=candid)


def test_a_rubin_target_gets_rubins_fits_stamps(astronomer, client):
    from django.conf import settings
    from tom_finktom.config import read_settings
    from tom_finktom.cutouts import save_cutouts
    target = _target(str(RUBIN_OBJECT))
    saved, kept = save_cutouts(target, read_settings(settings))
    sources = client.post('sources', {'diaObjectId': str(RUBIN_OBJECT), 'columns': 'r:diaSourceId,r:midpointMjdTai'},
                          survey='lsst')
    newest = max(sources, key=lambda r: r['r:midpointMjdTai'])['r:diaSourceId']
    assert (len(saved), kept) == (6, [])
    products = _products(target)
    assert set(products) == set(_expect('lsst', newest))
    assert all(magic.startswith(FITS_MAGIC if pid.endswith('.fits') else PNG_MAGIC)
               for pid, (_, magic) in products.items())


def test_finktom_down_the_button_says_why_and_saves_nothing(astronomer):
    from django.urls import reverse
    target = _target(OBJECT)
    with _down() as (url, _), _failing(url):
        answer = astronomer.post(reverse('tom_finktom:save-cutouts', args=[target.pk]))
    assert answer.status_code == 302
    [message] = _messages(answer)
    assert message.startswith('The FinkTom cutouts of ZTF18aaadweo were not saved: FinkTom at') and 'unreachable' in message
    assert _products(target) == {}


def test_a_target_finktom_has_no_stamps_for_is_refused_with_a_message(astronomer):
    from django.urls import reverse
    target = _target('M31')
    page = astronomer.get(reverse('tom_targets:detail', args=[target.pk]))
    assert page.status_code == 200 and b'FinkTom cutouts' not in page.content  # no button where there is nothing
    answer = astronomer.post(reverse('tom_finktom:save-cutouts', args=[target.pk]))
    assert answer.status_code == 302 and 'no ZTF object ID or Rubin diaObjectId' in _messages(answer)[0]
    assert astronomer.post(reverse('tom_finktom:save-cutouts', args=[987654])).status_code == 404
    assert astronomer.get(reverse('tom_finktom:save-cutouts', args=[target.pk])).status_code == 405


def test_create_target_from_an_alert_saves_that_alerts_stamps(astronomer, client):
    _need('tom_alerts')
    from django.urls import reverse
    from tom_targets.models import Target
    query = _query('cutouts', object_id=OBJECT)
    alerts = astronomer.get(reverse('tom_alerts:run', args=[query.pk])).context['alerts']
    chosen = alerts[-1]  # the oldest alert: its own stamps, not the newest's
    answer = astronomer.post(reverse('tom_alerts:create-target'),
                             {'broker': 'FinkTom', 'query_id': query.pk, 'alerts': [chosen.id]})
    assert answer.status_code == 302
    assert set(_products(Target.objects.get(name=OBJECT))) == set(_expect('ztf', chosen.id))
    query.delete()


def test_the_data_service_saves_the_rows_alert_stamps(astronomer, client):
    if importlib.util.find_spec('tom_dataservices') is None:
        pytest.skip('tom_dataservices is not installed')
    from tom_finktom.dataservice import FinkTomDataService
    service = FinkTomDataService()
    [row] = service.query_targets(service.build_query_parameters({'object_id': OBJECT}))
    target = service.create_target_from_query(row)
    target.save()
    service.to_reduced_datums(target, row['reduced_datums'])
    assert set(_products(target)) == set(_expect('ztf', row['candid']))
