"""HTTP client for a FinkTom server's Fink REST API (``/api/v1/...``). No Django import.

Every failure is raised as a :class:`FinkTomError`, a ``requests.HTTPError``: TOM's query view (2.15.16+) and
its ``updatereduceddata`` command catch exactly that type and show the message, instead of a 500 page.
"""
import json
import time

import requests

from .searches import LIGHT_CURVE_COLUMNS, LSST, LSST_FP_COLUMNS, LSST_SOURCE_COLUMNS, Search

DEFAULT_API_URL = 'http://127.0.0.1:5080'
DEFAULT_TIMEOUT = 30.0
MAX_RATE_LIMIT_WAIT = 5.0  # seconds the client waits by itself after a 429 before asking once more


class FinkTomError(requests.HTTPError):
    """The server answered an error, or could not be reached. ``str(e)`` is a message for the TOM user."""

    def __init__(self, message, status=None, parameter=None, url=None, response=None):
        super().__init__(message, response=response)
        self.message = message
        self.status = status
        self.parameter = parameter
        self.url = url

    def __str__(self):
        return self.message


class FinkTomUnreachable(FinkTomError):
    """No connection to the server (refused, unknown host, TLS failure)."""


class FinkTomTimeout(FinkTomError):
    """The server did not answer within the configured timeout."""


def normalize_api_url(api_url):
    """``http://host:5080``, ``http://host:5080/`` and ``http://host:5080/api/v1`` all name the same server."""
    url = (api_url or DEFAULT_API_URL).strip().rstrip('/')
    if url.endswith('/api/v1'):
        url = url[:-len('/api/v1')]
    if not url.startswith(('http://', 'https://')):
        raise ValueError(f"FinkTom api_url must start with http:// or https://, got {api_url!r}")
    return url


class FinkTomClient:
    """Calls one FinkTom server. Parameters are sent as a JSON body (POST), as Fink clients do."""

    def __init__(self, api_url=DEFAULT_API_URL, api_key=None, timeout=DEFAULT_TIMEOUT, session=None):
        self.api_url = normalize_api_url(api_url)
        self.timeout = float(timeout)
        self.session = session or requests.Session()
        self.headers = {'Accept': 'application/json'}
        if api_key:
            # FinkTom itself has no accounts; a reverse proxy in front of it may require a key.
            self.headers['Authorization'] = f'Bearer {api_key}'

    def endpoint_url(self, endpoint, survey=None):
        """``/api/v1/<endpoint>`` (ZTF), or ``/lsst/api/v1/<endpoint>`` (Rubin, Fink's LSST API)."""
        prefix = '/lsst' if survey == LSST else ''
        return f"{self.api_url}{prefix}/api/v1/{endpoint.lstrip('/')}"

    # The five searches and the light curve.

    def search(self, search: Search):
        """Runs a validated :class:`~tom_finktom.searches.Search`; returns the list of alert rows."""
        return self.post(search.endpoint, search.payload, survey=search.survey)

    def objects(self, object_ids, columns=None, with_upper_limits=False):
        payload = {'objectId': ','.join(object_ids) if isinstance(object_ids, (list, tuple)) else object_ids}
        if columns:
            payload['columns'] = columns
        if with_upper_limits:
            payload['withupperlim'] = True
        return self.post('objects', payload)

    def light_curve(self, object_id):
        """Every alert of the object plus its history: detections, upper limits and bad-quality points (``d:tag``)."""
        return self.objects(object_id, columns=LIGHT_CURVE_COLUMNS, with_upper_limits=True)

    def classes(self):
        """``{"Fink classifiers": [...], "Cross-match with TNS": [...], "Cross-match with SIMBAD (...)": [...]}``."""
        return self.get('classes')

    def class_names(self):
        """Every class name ``/latests`` accepts, Fink classifiers first."""
        answer = self.classes()
        names = []
        for key in sorted(answer, key=lambda k: (not k.startswith('Fink'), 'TNS' not in k, k)):
            names.extend(answer[key])
        return names

    # Rubin/LSST. diaObjectIds are sent as JSON strings (Fink's LSST API slices them as text) and come back as
    # JSON integers, which Python's json reads exactly.

    def lsst_light_curve(self, dia_object_id):
        """The object's diaSources (``/sources``) then its forced photometry (``/fp``), newest first in each part:
        a diaSource row has ``r:diaSourceId``, a forced-photometry row ``r:diaForcedSourceId``."""
        payload = {'diaObjectId': str(dia_object_id)}
        sources = self.post('sources', {**payload, 'columns': LSST_SOURCE_COLUMNS}, survey=LSST)
        forced = self.post('fp', {**payload, 'columns': LSST_FP_COLUMNS}, survey=LSST)
        return list(sources) + list(forced)

    def lsst_tags(self):
        """``{"<tag>": {"API support": bool, "description": str}, ...}`` from ``GET /lsst/api/v1/tags``."""
        return self.get('tags', survey=LSST)

    def lsst_tag_names(self):
        """The tags whose alerts the API serves (``API support``); the others exist only as live streams."""
        return sorted(tag for tag, about in self.lsst_tags().items() if (about or {}).get('API support'))

    def schema(self):
        return self.get('schema')

    # Cutouts: bytes, not JSON.

    def cutout(self, object_id, kind='Science', output_format='FITS', candid=None):
        """One stamp of a ZTF alert (the object's newest, or ``candid``): FITS or PNG bytes."""
        payload = {'objectId': object_id, 'kind': kind, 'output-format': output_format}
        if candid is not None:
            payload['candid'] = str(candid)
        return self._request('POST', self.endpoint_url('cutouts'), None, payload, raw=True)

    def lsst_cutout(self, dia_source_id, kind='Science', output_format='FITS'):
        """One stamp of a Rubin alert: Rubin's multi-extension FITS file as it came, or a PNG."""
        payload = {'diaSourceId': str(dia_source_id), 'kind': kind, 'output-format': output_format}
        return self._request('POST', self.endpoint_url('cutouts', LSST), None, payload, raw=True)

    def health(self):
        """FinkTom's ``/health``: status, backend, alert and object counts."""
        return self._request('GET', f'{self.api_url}/health', None, None)

    # Transport.

    def get(self, endpoint, params=None, survey=None):
        return self._request('GET', self.endpoint_url(endpoint, survey), params, None)

    def post(self, endpoint, payload, survey=None):
        return self._request('POST', self.endpoint_url(endpoint, survey), None, payload)

    def _request(self, method, url, params, payload, raw=False):
        response = self._send(method, url, params, payload)
        # A public FinkTom limits requests per client (HTTP 429 with Retry-After): wait once when the wait is short,
        # as a nightly update of many targets may meet the limit; a long wait is the user's to decide.
        wait = _retry_after(response)
        if wait is not None and wait <= MAX_RATE_LIMIT_WAIT:
            time.sleep(wait)
            response = self._send(method, url, params, payload)
        if response.status_code >= 400:
            raise _error_from(response, url)
        if raw:
            return response.content
        try:
            return response.json()
        except ValueError as e:
            raise FinkTomError(
                f"FinkTom at {self.api_url} answered {url} with something that is not JSON "
                f"({response.headers.get('Content-Type', 'no content type')}): is 'api_url' the FinkTom server?",
                status=response.status_code, url=url, response=response) from e

    def _send(self, method, url, params, payload):
        try:
            return self.session.request(method, url, params=params, json=payload, headers=self.headers,
                                        timeout=self.timeout)
        except requests.Timeout as e:
            raise FinkTomTimeout(
                f"FinkTom at {self.api_url} did not answer within {self.timeout:g} s ({url}). "
                f"The server may be busy; try a smaller search or raise the 'timeout' setting.", url=url) from e
        except requests.ConnectionError as e:
            raise FinkTomUnreachable(
                f"FinkTom at {self.api_url} is unreachable ({_reason(e)}). Check the 'api_url' setting "
                f"and that the server runs (`finktom serve`).", url=url) from e


def _retry_after(response):
    """Seconds to wait before asking again after a 429, or None (not a 429, or no usable Retry-After)."""
    if response.status_code != 429:
        return None
    try:
        return max(0.0, float(response.headers.get('Retry-After', '')))
    except ValueError:
        return None


def _reason(error):
    text = str(error)
    for hint in ('Connection refused', 'Name or service not known', 'No route to host', 'Temporary failure in name resolution'):
        if hint in text:
            return hint.lower()
    return type(error).__name__


def _error_from(response, url):
    """FinkTom errors are JSON ``{"status": "error", "text": ..., "parameter": ...}``; Fink's are a Python repr."""
    text, parameter = None, None
    try:
        body = response.json()
        if isinstance(body, dict):
            text, parameter = body.get('text'), body.get('parameter')
    except (ValueError, json.JSONDecodeError):
        pass
    if text is None:
        text = (response.text or '').strip()[:500] or response.reason or 'no details'
    where = f"parameter `{parameter}`: " if parameter else ''
    kind = 'refused the request' if response.status_code < 500 else 'failed'
    message = f"FinkTom {kind} (HTTP {response.status_code}) for {url}: {where}{text}"
    return FinkTomError(message, status=response.status_code, parameter=parameter, url=url, response=response)
