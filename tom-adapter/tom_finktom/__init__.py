"""TOM Toolkit broker (TOM 2.x) and data service (TOM 3) for a FinkTom server.

The TOM classes live in ``tom_finktom.broker`` and ``tom_finktom.dataservice``; this package's top level imports
neither Django nor tom_base, so the client and the conversions work in any script.
"""
from .client import FinkTomClient, FinkTomError, FinkTomTimeout, FinkTomUnreachable
from .conversions import PhotometryPoint, alert_summary, light_curve, targets_from_alerts
from .searches import Search, SearchError, build_search

__version__ = '0.1.0'

__all__ = [
    'FinkTomClient', 'FinkTomError', 'FinkTomTimeout', 'FinkTomUnreachable', 'PhotometryPoint', 'Search',
    'SearchError', 'alert_summary', 'build_search', 'light_curve', 'targets_from_alerts',
]
