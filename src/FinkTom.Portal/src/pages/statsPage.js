// /stats: what the store holds, per survey (from /health; per-night plots come with /api/v1/statistics).
import { h, mount } from '../ui/dom.js';
import { failure, loading } from '../ui/status.js';
import { mjdTaiToIso, serverHealth } from './health.js';

export function statsPage(container) {
  const controller = new AbortController();
  document.title = 'Statistics — FinkTom Science Portal';
  mount(container, loading('Counting…'));
  serverHealth(controller.signal).then((health) => {
    const rows = [
      ['ZTF', health.alerts, health.objects, health.firstAlert, health.lastAlert],
      health.rubin ? ['Rubin (LSST)', health.rubin.alerts, health.rubin.objects, mjdTaiToIso(health.rubin.firstMjdTai), mjdTaiToIso(health.rubin.lastMjdTai)] : null,
    ].filter(Boolean);
    mount(container, h('section.page.stats',
      h('h2', { tabindex: '-1' }, 'Statistics'),
      h('div.table-wrap', h('table.stats-table',
        h('thead', h('tr', ['Survey', 'Alerts', 'Objects', 'First alert (UTC)', 'Last alert (UTC)'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', rows.map((r) => h('tr', r.map((v, i) => (i === 0 ? h('th', { scope: 'row' }, v) : h('td', { class: i < 3 ? 'num' : '' }, String(v ?? '—'))))))))),
      h('p.hint', 'Counts of the whole store, as /health reports them.')));
  }).catch((e) => { if (e.name !== 'AbortError') mount(container, failure(e, 'The store could not be counted')); });
  return () => controller.abort();
}
