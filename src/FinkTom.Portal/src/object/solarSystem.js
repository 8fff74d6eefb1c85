// Solar System view: every alert of the SSO (across ZTF object ids) from /api/v1/sso, magnitude against time, and the
// observed minus the predicted V magnitude ZTF wrote in the alert (i:ssmagnr).
import { post } from '../api.js';
import { plot } from '../plot/svgPlot.js';
import { bandColour, bandName } from '../science/photometry.js';
import { jdToIso, MJD_OFFSET } from '../sky/coords.js';
import { h, mount } from '../ui/dom.js';
import { failure, loading } from '../ui/status.js';

export function solarSystemView(name) {
  const out = h('div.science', loading(`Loading every alert of ${name}…`));
  post('sso', { n_or_d: name, columns: 'i:objectId,i:candid,i:jd,i:magpsf,i:sigmapsf,i:fid,i:ssmagnr,i:ssdistnr,i:ra,i:dec' })
    .then((rows) => render(rows.sort((a, b) => a['i:jd'] - b['i:jd'])))
    .catch((e) => mount(out, failure(e, 'The Solar System object could not be loaded')));

  function render(rows) {
    const bands = [...new Set(rows.map((r) => r['i:fid']))].sort();
    const x = { label: 'Time (MJD)' };
    const byBand = (f) => bands.map((b) => ({ type: 'points', name: bandName(b), colour: bandColour(b), points: rows.filter((r) => r['i:fid'] === b).map(f).filter(Boolean) }));
    const objects = new Set(rows.map((r) => r['i:objectId']));
    mount(out,
      h('p', `${rows.length} alert${rows.length === 1 ? '' : 's'} of ${name} under ${objects.size} ZTF object id${objects.size === 1 ? '' : 's'} (ZTF gives a moving object a new id on most nights). `,
        h('a', { href: `/?q=${encodeURIComponent('sso=' + name)}`, 'data-link': '' }, 'List them'), '.'),
      plot({ label: `Magnitude of ${name} against time`, height: 280, x, y: { label: 'Magnitude', invert: true },
        series: [
          ...byBand((r) => ({ x: r['i:jd'] - MJD_OFFSET, y: r['i:magpsf'], err: r['i:sigmapsf'], title: `${bandName(r['i:fid'])}: ${r['i:magpsf'].toFixed(2)} — ${jdToIso(r['i:jd'])} (${r['i:objectId']})` })),
          { type: 'points', name: 'Predicted V (i:ssmagnr)', colour: '#6b7280', marker: 'square', open: true,
            points: rows.filter((r) => r['i:ssmagnr'] > 0).map((r) => ({ x: r['i:jd'] - MJD_OFFSET, y: r['i:ssmagnr'], title: `predicted V ${r['i:ssmagnr'].toFixed(1)} — ${jdToIso(r['i:jd'])}` })) },
        ] }),
      plot({ label: 'Observed minus predicted magnitude', height: 220, x, y: { label: 'magpsf − predicted V', invert: true },
        series: byBand((r) => (r['i:ssmagnr'] > 0 ? { x: r['i:jd'] - MJD_OFFSET, y: r['i:magpsf'] - r['i:ssmagnr'], err: r['i:sigmapsf'], title: `${(r['i:magpsf'] - r['i:ssmagnr']).toFixed(2)} — ${jdToIso(r['i:jd'])}` } : null)) }),
      h('p.hint', 'The predicted V magnitude is the one ZTF matched from the MPC (i:ssmagnr, rounded to 0.1), so the difference shows the colour and the rotation of the object. '
        + 'A phase curve needs the phase angle, which needs an ephemeris (IMCCE Miriade); FinkTom works offline and does not compute it.'));
  }
  return out;
}
