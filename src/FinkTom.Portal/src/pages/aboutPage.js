// /about: what FinkTom is, what this server holds and where its services are.
import { h, mount } from '../ui/dom.js';
import { failure, loading } from '../ui/status.js';
import { mjdTaiToIso, serverHealth } from './health.js';

export function aboutPage(container) {
  const controller = new AbortController();
  document.title = 'About — FinkTom Science Portal';
  mount(container, loading('Reading the server…'));
  serverHealth(controller.signal).then((health) => mount(container, h('section.page.about',
    h('h2', { tabindex: '-1' }, 'About this FinkTom'),
    h('p', 'FinkTom is a self-hosted alert broker service: it stores ZTF and Rubin (LSST) alerts and serves them through Fink\'s own REST API contracts, an OData feed, Kafka and HTTP livestreams, and this portal.'),
    h('dl.facts',
      h('dt', 'Store'), h('dd', health.backend ?? '—'),
      h('dt', 'ZTF alerts'), h('dd', `${health.alerts ?? 0} alerts of ${health.objects ?? 0} objects, ${health.firstAlert ?? '—'} to ${health.lastAlert ?? '—'} UTC`),
      health.rubin ? [h('dt', 'Rubin alerts'), h('dd', `${health.rubin.alerts ?? 0} alerts of ${health.rubin.objects ?? 0} objects, ${mjdTaiToIso(health.rubin.firstMjdTai)} to ${mjdTaiToIso(health.rubin.lastMjdTai)} UTC`)] : null,
      h('dt', 'Status'), h('dd', health.status ?? '—')),
    h('h3', 'Services'),
    h('ul',
      h('li', h('a', { href: '/openapi/v1.json' }, 'ZTF REST API'), ' at /api/v1 (Fink\'s contract), Rubin at /lsst/api/v1'),
      h('li', h('a', { href: '/odata/' }, 'OData v4 feed'), ' for Excel, Power BI and any OData client'),
      h('li', h('a', { href: '/livestream/filters' }, 'Livestream filters'), ': Kafka topics fink_<name>_ztf / _lsst and Server-Sent Events'),
      h('li', h('a', { href: '/health' }, 'Health'), ' (JSON, for monitoring)')))))
    .catch((e) => { if (e.name !== 'AbortError') mount(container, failure(e, 'The server could not be read')); });
  return () => controller.abort();
}
