// Supernova view: Fink's classifier scores of each received alert over time, and the g − r colour evolution.
import { plot } from '../plot/svgPlot.js';
import { jdToIso, MJD_OFFSET } from '../sky/coords.js';
import { h } from '../ui/dom.js';
import { empty } from '../ui/status.js';

const SCORES = [
  ['d:snn_snia_vs_nonia', 'SN Ia vs non-Ia (SuperNNova)', '#dc2626'],
  ['d:snn_sn_vs_all', 'SN vs all (SuperNNova)', '#ea580c'],
  ['d:rf_snia_vs_nonia', 'Early SN Ia (random forest)', '#2563eb'],
  ['d:rf_kn_vs_nonkn', 'Kilonova (random forest)', '#111827'],
];

export function supernovaView(data) {
  const alerts = data.alerts;
  const present = SCORES.filter(([col]) => alerts.some((a) => a[col] != null));
  if (!present.length) return empty('No supernova scores', 'None of the alerts FinkTom received for this object carries Fink\'s supernova classifier scores.');
  const series = present.map(([col, name, colour]) => {
    const points = alerts.filter((a) => a[col] != null).map((a) => ({ x: a['i:jd'] - MJD_OFFSET, y: a[col], title: `${name}: ${a[col].toFixed(3)} — ${jdToIso(a['i:jd'])}` }));
    return [{ type: 'line', colour, points }, { type: 'points', name, colour, points }];
  }).flat();
  const latest = alerts.at(-1);
  const colour = alerts.filter((a) => a['v:g-r'] != null);
  return h('div.science',
    h('p', `Scores of the ${alerts.length} alert${alerts.length === 1 ? '' : 's'} FinkTom received, computed by Fink's science modules when the alert was processed. `
      + 'Fink calls an alert an early SN Ia candidate when the random-forest score is above 0.5 and the SuperNNova Ia score above 0.5, and an SN candidate when the SuperNNova scores are above 0.5 and the object is not a known star.'),
    plot({ label: 'Classifier scores over time', height: 300, x: { label: 'Time (MJD)' }, y: { label: 'Score', min: 0, max: 1 },
      series: [...series, { type: 'hline', y: 0.5, colour: '#6b7280', label: '0.5' }] }),
    h('table.kv.compact', h('caption', `Latest alert (${jdToIso(latest['i:jd'])})`),
      h('tbody', present.map(([col, name]) => h('tr', h('th', { scope: 'row' }, name), h('td', latest[col]?.toFixed(3) ?? '–'))))),
    colour.length ? plot({ label: 'g − r colour over time', height: 240, x: { label: 'Time (MJD)' }, y: { label: 'g − r (mag)' },
      series: [{ type: 'points', name: 'g − r (v:g-r, from g and r within 0.3 d)', colour: '#7c3aed',
        points: colour.map((a) => ({ x: a['i:jd'] - MJD_OFFSET, y: a['v:g-r'], err: a['v:sigma(g-r)'], title: `g − r = ${a['v:g-r'].toFixed(3)} — ${jdToIso(a['i:jd'])}` })) }] })
      : h('p.hint', 'No g − r colour: it needs a g and an r detection less than 0.3 days apart.'));
}
