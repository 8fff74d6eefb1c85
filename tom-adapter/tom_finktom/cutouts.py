"""An alert's cutouts (Science, Template, Difference) saved as the target's TOM data products: the FITS stamp and a
PNG preview of each.

ZTF stamps come from ``/api/v1/cutouts`` (the object's newest alert, or a given ``i:candid``), Rubin ones from
``/lsst/api/v1/cutouts`` (Rubin's multi-extension FITS file as it came; the newest diaSource of the diaObject, or a
given ``r:diaSourceId``). A data product's ``product_id`` names the survey, the alert and the stamp, so fetching
again finds what is saved and adds nothing twice.
"""
import json
import logging
from dataclasses import dataclass

from . import lsst
from .client import FinkTomError
from .conversions import object_id_for
from .searches import LSST

logger = logging.getLogger(__name__)

KINDS = ('Science', 'Template', 'Difference')
# tom_base's default DATA_PRODUCT_TYPES keys for a FITS file and an image.
FITS_TYPE = 'fits_file'
IMAGE_TYPE = 'image_file'


@dataclass(frozen=True)
class Stamp:
    """One file to save: which alert, which stamp, which format."""
    survey: str
    alert_id: int
    kind: str
    output_format: str  # 'FITS' or 'PNG'

    @property
    def product_id(self):
        extension = 'fits' if self.output_format == 'FITS' else 'png'
        return f'finktom_{self.survey}_{self.alert_id}_{self.kind.lower()}.{extension}'

    @property
    def data_product_type(self):
        return FITS_TYPE if self.output_format == 'FITS' else IMAGE_TYPE

    def fetch(self, client, object_id):
        if self.survey == LSST:
            return client.lsst_cutout(self.alert_id, self.kind, self.output_format)
        return client.cutout(object_id, self.kind, self.output_format, candid=self.alert_id)


def newest_alert_id(client, object_id):
    """The newest alert of a ZTF object (``i:candid``) or Rubin diaObject (``r:diaSourceId``), or None."""
    if lsst.dia_object_id_for(str(object_id)):
        rows = client.post('sources', {'diaObjectId': str(object_id), 'columns': 'r:diaSourceId,r:midpointMjdTai'},
                           survey=LSST)
        rows = sorted(rows, key=lambda r: r.get('r:midpointMjdTai') or 0, reverse=True)
        return rows[0]['r:diaSourceId'] if rows else None
    rows = client.objects(object_id, columns='i:candid,i:jd')
    rows = sorted(rows, key=lambda r: r.get('i:jd') or 0, reverse=True)
    return rows[0]['i:candid'] if rows else None


def stamps_of(object_id, alert_id, kinds=KINDS):
    survey = LSST if lsst.dia_object_id_for(str(object_id)) else 'ztf'
    return [Stamp(survey, alert_id, kind, fmt) for kind in kinds for fmt in ('FITS', 'PNG')]


def cutout_object_id(target):
    """The ZTF object ID or Rubin diaObjectId whose stamps belong to this target (name, else an alias), or None."""
    aliases = [a.name for a in target.aliases.all()] if hasattr(target, 'aliases') else []
    return object_id_for(target.name, aliases) or lsst.dia_object_id_for(target.name, aliases)


def _allowed_type(data_product_type):
    """The type if the TOM knows it (``DataProduct.save`` refuses others), else blank, which it accepts."""
    from tom_dataproducts.models import DATA_TYPE_CHOICES
    return data_product_type if data_product_type in {key for key, _ in DATA_TYPE_CHOICES} else ''


def save_cutouts(target, config, object_id=None, alert_id=None, kinds=KINDS):
    """Saves the stamps of the target's alert (``alert_id``, else the object's newest) as data products.

    Returns ``(saved, kept)``: the data products created now, and those already there. A FinkTom error is raised
    (a ``requests.HTTPError``) after the stamps fetched before it are saved.
    """
    from django.core.files.base import ContentFile
    from tom_dataproducts.models import DataProduct

    object_id = object_id or cutout_object_id(target)
    if object_id is None:
        raise FinkTomError(f'Target {target.name} has no ZTF object ID or Rubin diaObjectId as its name or an alias: '
                           'FinkTom has no cutouts for it.')
    client = config.client()
    alert_id = alert_id or newest_alert_id(client, object_id)
    if alert_id is None:
        raise FinkTomError(f'FinkTom has no alert of {object_id}.', status=404)
    saved, kept = [], []
    for stamp in stamps_of(object_id, alert_id, kinds):
        existing = DataProduct.objects.filter(product_id=stamp.product_id).first()
        if existing is not None and existing.data:
            kept.append(existing)
            continue
        content = stamp.fetch(client, object_id)
        product = existing or DataProduct(target=target, product_id=stamp.product_id,
                                          data_product_type=_allowed_type(stamp.data_product_type))
        product.extra_data = json.dumps({'source': config.api_url, 'object_id': str(object_id), 'alert_id': alert_id,
                                         'kind': stamp.kind, 'format': stamp.output_format})
        product.data.save(stamp.product_id, ContentFile(content), save=False)
        product.save()
        saved.append(product)
    logger.info('FinkTom cutouts of %s (alert %s): %d saved, %d already there', target.name, alert_id, len(saved),
                len(kept))
    return saved, kept


def save_cutouts_reporting(target, config, object_id=None, alert_id=None):
    """:func:`save_cutouts` for the paths that must not fail (a target just created): errors are logged and shown."""
    from .refresh import current_request
    try:
        return save_cutouts(target, config, object_id, alert_id)
    except FinkTomError as e:
        text = f'The FinkTom cutouts of {target.name} were not saved: {e}'
        logger.warning(text)
        request = current_request()
        if request is not None:
            from django.contrib import messages
            messages.warning(request, text, fail_silently=True)
        return [], []
