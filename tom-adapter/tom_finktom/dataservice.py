"""TOM 3 data service for FinkTom (also usable on TOM 2.19.7+ with ``tom_dataservices`` installed).

The same searches, targets and light curves as :mod:`tom_finktom.broker`, through the ``DataService`` pipeline:
``build_query_parameters`` → ``query_service`` → ``query_targets`` → ``create_reduced_datums_from_query``.
"""
from django.conf import settings
from tom_dataservices.dataservices import DataService
from tom_dataservices.forms import BaseQueryForm

from . import __version__, lsst
from .client import FinkTomError
from .config import NAME, read_settings
from .conversions import object_id_for, target_extras_from_summary, targets_from_alerts
from .cutouts import save_cutouts_reporting
from .forms import FinkTomSearchForm, crispy_fieldsets
from .moving import apply_target_fields
from .refresh import current_request, refresh_light_curve, report_failure
from .searches import SearchError, build_search

try:
    from tom_dataservices.dataservices import QueryServiceError
except ImportError:  # every version of the query view also catches requests.HTTPError, which FinkTomError is
    QueryServiceError = FinkTomError


class FinkTomDataServiceForm(BaseQueryForm, FinkTomSearchForm):
    """Fill in one of the searches (five ZTF, four Rubin/LSST)."""

    def get_layout(self):
        from crispy_forms.layout import Layout
        return Layout(*crispy_fieldsets())


class FinkTomDataService(DataService):
    """Alerts and light curves from a FinkTom server, a self-hosted broker that serves the Fink REST API.

    Add the app and say where the server is, in ``settings.py``::

        INSTALLED_APPS = [
            # ...
            'tom_finktom',
        ]
        DATA_SERVICES = {
            'FinkTom': {
                'api_url': 'http://127.0.0.1:5080',  # where `finktom serve` listens (this is the default)
                'api_key': '',                        # sent as "Authorization: Bearer <key>" when set
                'timeout': 30,                        # seconds per request
            },
        }

    (``BROKERS['FinkTom']`` is read too, so a TOM moving from the 2.x broker keeps its settings.) Each result row
    is one object, from its newest alert, with Fink's class, the TNS type and the main Fink scores; creating a
    target keeps those as extras and stores the object's light curve (detections and upper limits, bands g, r, i).
    Rubin/LSST searches (diaObjectId, cone, tag, Solar System object) list Rubin objects, named by their diaObjectId;
    their targets get the diaSources and forced photometry in bands u, g, r, i, z, y (nJy and AB magnitudes).
    When FinkTom cannot be reached the target is still saved, the error is shown, and refreshing the target's data
    (or ``updatereduceddata``) fetches the light curve later; a refresh adds only new points.
    """

    name = NAME
    verbose_name = 'FinkTom'
    info_url = 'https://fink-broker.org/'
    service_notes = ('A self-hosted FinkTom server: search ZTF by object ID, cone, date, class or Solar System '
                     'object, and Rubin/LSST by diaObjectId, cone, tag or Solar System object; light curves.')
    app_version = __version__

    @classmethod
    def get_form_class(cls):
        return FinkTomDataServiceForm

    @property
    def config(self):
        return read_settings(settings, self.name)

    def build_query_parameters(self, parameters, **kwargs):
        try:
            search = build_search(parameters)
        except SearchError as e:
            raise QueryServiceError(str(e)) from e
        self.query_parameters = {'kind': search.kind, 'endpoint': search.endpoint, 'payload': search.payload,
                                 'survey': search.survey}
        return self.query_parameters

    def query_service(self, query_parameters, **kwargs):
        if 'endpoint' not in query_parameters:
            query_parameters = self.build_query_parameters(query_parameters)
        self.query_results = self.config.client().post(query_parameters['endpoint'], query_parameters['payload'],
                                                       survey=query_parameters.get('survey'))
        return self.query_results

    def query_targets(self, query_parameters, **kwargs):
        config = self.config
        rows = self.query_service(query_parameters)
        if query_parameters.get('survey') == 'lsst' or (rows and 'r:diaSourceId' in rows[0]):
            targets = lsst.targets_from_alerts(rows, config.api_url)
            for target in targets:
                # An asteroid's alert has no diaObjectId, hence no light curve to fetch.
                target['reduced_datums'] = ({'photometry': [{'r:diaObjectId': target['dia_object_id']}],
                                             **_cutouts(config, target['dia_object_id'], target['dia_source_id'])}
                                            if target['dia_object_id'] is not None else {})
            return targets
        targets = targets_from_alerts(rows, config.api_url, config.portal_url)
        for target in targets:
            # The light curve itself is fetched when the target is created (create_reduced_datums_from_query).
            target['reduced_datums'] = {'photometry': [{'i:objectId': target['object_id']}],
                                        **_cutouts(config, target['object_id'], target['candid'])}
        return targets

    def create_target_from_query(self, target_result, **kwargs):
        from tom_targets.models import Target
        target = Target(name=target_result['name'], type='SIDEREAL', ra=target_result['ra'],
                        dec=target_result['dec'], epoch=2000)
        return apply_target_fields(target, target_result.get('target_fields'))

    def create_target_extras_from_query(self, target_result, **kwargs):
        moving = target_result.get('moving_extras') or {}  # a Solar System object: orbit, or single-epoch position
        if target_result.get('survey') == 'lsst':
            return {**{label: target_result[label] for label in (lsst.TNS_EXTRA, lsst.SIMBAD_EXTRA, lsst.SN_SCORE_EXTRA)
                       if target_result.get(label) not in (None, '')}, **moving}
        return {**target_extras_from_summary(target_result), **moving}

    def build_query_parameters_from_target(self, target, **kwargs):
        aliases = [a.name for a in target.aliases.all()] if hasattr(target, 'aliases') else []
        object_id = object_id_for(target.name, aliases) or lsst.dia_object_id_for(target.name, aliases)
        if object_id is None:
            raise QueryServiceError(f'Target {target.name} has no ZTF object ID or Rubin diaObjectId as its name '
                                    'or an alias.')
        return {'kind': 'photometry', 'object_id': object_id}

    def query_photometry(self, query_parameters, **kwargs):
        object_id = query_parameters['object_id']
        try:
            client = self.config.client()
            if lsst.dia_object_id_for(str(object_id)):
                return client.lsst_light_curve(object_id)
            return client.light_curve(object_id)
        except FinkTomError as e:
            # TOM 3's updatereduceddata catches this requests.HTTPError and lists the target; the message says why.
            report_failure(query_parameters['object_id'], e, current_request(), update=True)
            raise

    def create_reduced_datums_from_query(self, target, data=None, data_type='photometry', **kwargs):
        """Stores the light curve, or (``cutouts``) the alert's stamps as data products. A FinkTom error is shown, not
        raised: the target was saved just before."""
        if data_type == CUTOUTS:
            for stamp in data or []:
                save_cutouts_reporting(target, self.config, stamp['object_id'], stamp['alert_id'])
            return []
        if data_type != 'photometry':
            return []
        rows = None if data is None else list(data)
        named = next((_row_object_id(row) for row in rows or [] if _row_object_id(row)), None)
        object_id = named or self.build_query_parameters_from_target(target)['object_id']
        if rows and any('d:tag' not in row and 'r:midpointMjdTai' not in row for row in rows):
            rows = None  # placeholder rows from query_targets: fetch the whole light curve by the id
        # [] is query_photometry's answer for an object without points: nothing to fetch again.
        return refresh_light_curve(target, object_id, self.config, self.name, rows=rows)


CUTOUTS = 'cutouts'  # a key of a result row's reduced_datums: TOM passes it to create_reduced_datums_from_query


def _cutouts(config, object_id, alert_id):
    """The stamps to save when the row becomes a target (the row's newest alert), unless the settings say no."""
    if not config.cutouts or object_id is None or alert_id is None:
        return {}
    return {CUTOUTS: [{'object_id': str(object_id), 'alert_id': alert_id}]}


def _row_object_id(row):
    """The ZTF object ID or the Rubin diaObjectId (in digits, from the exact JSON integer) a row belongs to."""
    if row.get('i:objectId'):
        return row['i:objectId']
    dia_object_id = row.get('r:diaObjectId')
    return str(dia_object_id) if isinstance(dia_object_id, int) and not isinstance(dia_object_id, bool) else None
