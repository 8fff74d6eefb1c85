"""TOM 2.x alert broker for FinkTom: a thin layer over :mod:`tom_finktom.client` and :mod:`tom_finktom.conversions`."""
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models.signals import post_save
from tom_alerts.alerts import GenericAlert, GenericBroker, GenericQueryForm

from . import lsst
from .client import FinkTomError
from .config import NAME, read_settings
from .conversions import CLASS_EXTRA, SCORES, TNS_EXTRA, alert_summary, object_id_for, target_extras
from .cutouts import save_cutouts_reporting
from .forms import FinkTomSearchForm, crispy_fieldsets
from .moving import apply_target_fields, ztf_moving_target
from .refresh import refresh_light_curve
from .searches import ALERT_COLUMNS, SearchError, build_search

logger = logging.getLogger(__name__)

# Set on a target made from a FinkTom alert until its light curve is stored (see store_new_target_light_curve).
_OBJECT_ID = '_finktom_object_id'
_STORED = '_finktom_light_curve_stored'
_ALERT_ID = '_finktom_alert_id'  # the alert whose stamps the new target keeps


@dataclass
class FinkTomAlert(GenericAlert):
    """A ``GenericAlert`` whose target keeps Fink's class, the TNS type and the main scores as extras.

    ``target_fields`` turn a Solar System object into a NON_SIDEREAL target with its orbital elements;
    ``light_curve_id`` names the object whose light curve to store when the name does not (a ZTF asteroid's alert).
    """
    classification: str = None
    tns: str = None
    extras: dict = field(default_factory=dict)
    target_fields: dict = field(default_factory=dict)
    light_curve_id: str = None

    def to_target(self):
        # TOM's views and runbrokerquery both call this, never the broker's to_target.
        target, extras, aliases = super().to_target()
        apply_target_fields(target, self.target_fields)
        object_id = self.light_curve_id or _light_curve_id(self.name)
        if object_id is not None:  # not for a Rubin asteroid, named by its designation
            setattr(target, _OBJECT_ID, object_id)
            setattr(target, _ALERT_ID, self.id)
        return target, {**extras, **self.extras}, aliases

    @property
    def score_cells(self):
        """The scores in the result table's column order (None where the alert has none)."""
        return [self.extras.get(label) for _, label in SCORES]


def store_new_target_light_curve(sender, instance, created, **kwargs):
    """Fetches the light curve of a target just saved from a FinkTom alert.

    runbrokerquery saves targets without calling ``process_reduced_data``; this runs for it and for the views,
    whose ``process_reduced_data`` then finds the light curve already stored.
    """
    object_id = getattr(instance, _OBJECT_ID, None)
    if not created or object_id is None:
        return
    broker = FinkTomBroker()
    config = broker.config
    refresh_light_curve(instance, object_id, config, broker.name)
    setattr(instance, _STORED, True)
    if config.cutouts and getattr(instance, _ALERT_ID, None) is not None:
        save_cutouts_reporting(instance, config, object_id, getattr(instance, _ALERT_ID))


# Any sender: the target model may be a TOM's own (tom_base 2.x saves a BaseTarget, TOMs may swap it); only
# targets made by FinkTomAlert.to_target carry the object id.
post_save.connect(store_new_target_light_curve, dispatch_uid='finktom-new-target')


def _light_curve_id(name, aliases=()):
    """The ZTF object ID or the Rubin diaObjectId whose light curve FinkTom serves for this target, or None."""
    return object_id_for(name, aliases) or lsst.dia_object_id_for(name, aliases)


def _is_lsst(alert):
    return isinstance(alert, dict) and 'r:diaSourceId' in alert


class FinkTomQueryForm(GenericQueryForm, FinkTomSearchForm):
    """Fill in one of the searches (five ZTF, four Rubin/LSST)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from crispy_forms.layout import HTML, Layout
        self.helper.layout = Layout(
            HTML('<p>Search the ZTF and Rubin/LSST alerts of your FinkTom server. Fill in <em>one</em> of the '
                 'searches below.</p>'),
            self.common_layout,
            *crispy_fieldsets(),
        )


class FinkTomBroker(GenericBroker):
    """Alerts from a FinkTom server, a self-hosted broker that serves the Fink REST API.

    Add the class to your TOM's ``settings.py`` and say where the server is::

        TOM_ALERT_CLASSES = [
            # ... the brokers you already use ...
            'tom_finktom.broker.FinkTomBroker',
        ]
        BROKERS = {
            'FinkTom': {
                'api_url': 'http://127.0.0.1:5080',  # where `finktom serve` listens (this is the default)
                'api_key': '',                        # sent as "Authorization: Bearer <key>" when set
                'timeout': 30,                        # seconds per request
                'portal_url': '',                     # optional: alert links go to <portal_url>/<objectId>
                'include_bad_quality': False,         # also store detections failing Fink's quality cut
            },
        }

    The broker is registered as "FinkTom", so it sits beside tom_base's and tom_fink's "Fink" without replacing
    them. The query form searches ZTF (object ID, cone, date, class, Solar System object) and Rubin/LSST (diaObjectId,
    cone, tag, Solar System object). A target created from an alert (the query page or ``runbrokerquery``) stores
    its light curve (ZTF: detections and upper limits, bands g, r, i; Rubin: diaSources and forced photometry,
    fluxes in nJy and AB magnitudes, bands u, g, r, i, z, y; the target's name is the diaObjectId) and keeps Fink's class, the TNS type and the main Fink scores as extras. When
    FinkTom cannot be reached the target is still saved, the error is shown, and ``updatereduceddata`` ("Update
    data", or nightly from cron) fetches the light curve later; it adds only new points.
    """

    name = NAME
    form = FinkTomQueryForm
    score_description = ("ZTF: Fink's early SN Ia probability (d:rf_snia_vs_nonia), empty for cone and date searches; "
                         "Rubin: SuperNNova's SN score (f:clf_snnSnVsOthers_score).")
    # Adds class, TNS type and scores to the result table; TOM falls back to its own page if the app is not installed.
    template_name = 'tom_finktom/query_result.html'

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._alerts_by_id = {}

    @property
    def config(self):
        return read_settings(settings, self.name)

    def fetch_alerts(self, parameters):
        # A bare iterator: TOM's runbrokerquery and fetch_and_save_all iterate the result directly.
        try:
            search = build_search(parameters)
        except SearchError as e:
            raise FinkTomError(f'This FinkTom query cannot run: {e}') from e
        rows = self.config.client().search(search)
        id_column = 'r:diaSourceId' if search.survey == 'lsst' else 'i:candid'
        self._alerts_by_id = {alert[id_column]: alert for alert in rows if alert.get(id_column) is not None}
        return iter(rows)

    def fetch_alert(self, alert_id):
        """An alert of the last search by its id (``i:candid``), or the newest alert of a ZTF object id."""
        if alert_id in self._alerts_by_id:
            return self._alerts_by_id[alert_id]
        if isinstance(alert_id, str) and object_id_for(alert_id):
            rows = self.config.client().objects(alert_id, columns=ALERT_COLUMNS)
            return rows[0] if rows else None
        return None

    def to_generic_alert(self, alert):
        config = self.config
        if _is_lsst(alert):
            extras, moving = lsst.target_extras(alert), lsst.moving_target(alert)
            summary = lsst.alert_summary(alert, config.api_url)
        else:
            extras, moving = target_extras(alert), ztf_moving_target(alert)
            summary = alert_summary(alert, config.api_url, config.portal_url)
        if moving is None:
            return FinkTomAlert(**summary, extras=extras, classification=extras.get(CLASS_EXTRA),
                                tns=extras.get(TNS_EXTRA))
        # A Solar System object: named (and typed) as a moving target; a ZTF one keeps its alert's light curve.
        return FinkTomAlert(**{**summary, 'name': moving.name}, extras={**extras, **moving.extras},
                            classification=extras.get(CLASS_EXTRA), tns=extras.get(TNS_EXTRA),
                            target_fields=moving.fields, light_curve_id=summary['name'] if not _is_lsst(alert) else None)

    def get_broker_context_data(self, *args, **kwargs):
        return {'finktom_score_labels': [label for _, label in SCORES]}

    def to_target(self, alert):
        from tom_targets.models import Target
        target, extras, aliases = self.to_generic_alert(alert).to_target()
        existing = Target.objects.filter(name=target.name).first()
        if existing is not None:
            return existing
        target.save(extras=extras, names=aliases)
        return target

    def process_reduced_data(self, target, alert=None):
        """Stores the target's light curve; with ``alert=None`` ("Update data") the target's name says which object.

        After an alert (the target was just saved) a FinkTom error is shown, not raised; on "Update data" it is
        raised as the ``requests.HTTPError`` that ``updatereduceddata`` catches and reports.
        """
        if _is_lsst(alert):
            object_id = lsst.dia_object_id_for(lsst.target_name(alert))
            alert_id = alert.get('r:diaSourceId')
        else:
            object_id = alert.get('i:objectId') if isinstance(alert, dict) else None
            alert_id = alert.get('i:candid') if isinstance(alert, dict) else None
        if getattr(target, _STORED, False):
            return  # light curve and stamps stored when the target was saved (store_new_target_light_curve)
        config = self.config
        if object_id and alert_id and config.cutouts:  # a target just made from this alert: keep its stamps
            save_cutouts_reporting(target, config, object_id, alert_id)
        aliases = [a.name for a in target.aliases.all()] if hasattr(target, 'aliases') else []
        object_id = object_id or _light_curve_id(target.name, aliases)
        if object_id is None:
            logger.info('Target %s has no ZTF object ID or Rubin diaObjectId: no FinkTom photometry to fetch',
                        target.name)
            return
        refresh_light_curve(target, object_id, config, self.name, raise_errors=alert is None)
