"""The adapter's settings, read from a TOM's Django settings object (passed in: no Django import here).

TOM 2.x brokers read ``settings.BROKERS[name]``; TOM 3 data services read ``settings.DATA_SERVICES[name]``.
FinkTom reads either (``DATA_SERVICES`` first), so one block serves both.
"""
from dataclasses import dataclass

from .client import DEFAULT_API_URL, DEFAULT_TIMEOUT, FinkTomClient, normalize_api_url

NAME = 'FinkTom'


@dataclass(frozen=True)
class FinkTomSettings:
    api_url: str = DEFAULT_API_URL
    api_key: str = ''
    timeout: float = DEFAULT_TIMEOUT
    portal_url: str = ''
    include_bad_quality: bool = False
    cutouts: bool = True  # save the alert's stamps as data products when a target is created from it

    def client(self, session=None):
        return FinkTomClient(self.api_url, api_key=self.api_key or None, timeout=self.timeout, session=session)


def read_settings(settings, name=NAME):
    """The FinkTom block of ``settings`` (any object with ``BROKERS`` / ``DATA_SERVICES`` dicts), with defaults."""
    block = {}
    for attribute in ('BROKERS', 'DATA_SERVICES'):
        section = getattr(settings, attribute, None) or {}
        block.update(section.get(name) or section.get(name.upper()) or {})
    timeout = block.get('timeout', DEFAULT_TIMEOUT)
    try:
        timeout = float(timeout)
    except (TypeError, ValueError):
        raise ValueError(f"{name} setting 'timeout' must be a number of seconds, got {timeout!r}") from None
    if timeout <= 0:
        raise ValueError(f"{name} setting 'timeout' must be positive, got {timeout!r}")
    return FinkTomSettings(
        api_url=normalize_api_url(block.get('api_url') or DEFAULT_API_URL),
        api_key=block.get('api_key') or '',
        timeout=timeout,
        portal_url=(block.get('portal_url') or '').rstrip('/'),
        include_bad_quality=bool(block.get('include_bad_quality', False)),
        cutouts=bool(block.get('cutouts', True)),
    )
