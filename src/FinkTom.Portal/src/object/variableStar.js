// Variable-star view: multiband Lomb–Scargle period search in the browser, periodogram and folded light curve.
import { plot } from '../plot/svgPlot.js';
import { fitPoints } from '../science/photometry.js';
import { bandColour, bandName } from '../science/photometry.js';
import { fold, lombScargle } from '../science/lombScargle.js';
import { h, mount } from '../ui/dom.js';
import { failure, loading } from '../ui/status.js';

export function variableStarView(data) {
  const { points, magnitude } = fitPoints(data.tags.valid);
  const out = h('div.ls-output', { 'aria-live': 'polite' });
  const field = (id, label, value, step) => h('label', { for: id }, label, h('input', { id, type: 'number', min: '0', step, value }));
  // Tens of thousands of trial frequencies take a fraction of a second: say so, then compute once the status is painted.
  const form = h('form.fit-form', { onsubmit: (e) => { e.preventDefault(); mount(out, loading('Computing the periodogram…')); setTimeout(run, 30); } },
    field('ls-min', 'Minimum period (days)', '0.1', 'any'),
    field('ls-max', 'Maximum period (days)', '10', 'any'),
    field('ls-fold', 'Fold at period (days, optional)', '', 'any'),
    h('button.primary', { type: 'submit' }, 'Search period'));

  function run() {
    const min = Number(form.querySelector('#ls-min').value), max = Number(form.querySelector('#ls-max').value);
    const manual = Number(form.querySelector('#ls-fold').value);
    const result = lombScargle(points, { minPeriod: min, maxPeriod: max });
    if (result.error) return mount(out, failure(new Error(result.error), 'No period search'));
    const period = manual > 0 ? manual : result.best.period;
    const folded = fold(points, period);
    const bands = [...new Set(points.map((p) => p.band))].sort();
    const foldedSeries = bands.flatMap((b) => {
      const pts = folded.filter((p) => p.band === b);
      const twice = [...pts, ...pts.map((p) => ({ ...p, phase: p.phase + 1 }))];
      return [{ type: 'points', name: `${bandName(b)}`, colour: bandColour(b),
        points: twice.map((p) => ({ x: p.phase, y: p.y, err: p.sigma, title: `${bandName(b)}: ${p.y.toFixed(3)} at phase ${(p.phase % 1).toFixed(3)}` })) }];
    });
    if (!(manual > 0)) {
      const t0 = Math.min(...points.map((p) => p.t));
      for (const b of bands) {
        const model = [];
        for (let i = 0; i <= 200; i++) { const ph = (2 * i) / 200; model.push({ x: ph, y: result.model(t0 + ph * period, b) }); }
        foldedSeries.push({ type: 'line', colour: bandColour(b), points: model, dash: '5 3' });
      }
    }
    const step = Math.max(1, Math.floor(result.power.length / 3000)); // the plot needs no more than ~3,000 points
    const pg = [];
    for (let i = 0; i < result.power.length; i += step) pg.push({ x: result.frequencies[i], y: result.power[i] });
    mount(out,
      h('p.result', { 'data-period': period.toFixed(6) },
        h('strong', `Best period ${result.best.period.toFixed(5)} d`), ` (power ${result.best.power.toFixed(3)}, reduced χ² ${result.chi2Reduced?.toFixed(2) ?? '–'}, semi-amplitude ${result.amplitude.toFixed(3)} mag). `,
        'Next peaks: ', result.peaks.slice(1).map((p) => `${p.period.toFixed(4)} d (${p.power.toFixed(2)})`).join(', ') || 'none', '.'),
      plot({ label: `Light curve folded at ${period.toFixed(5)} days`, height: 300, x: { label: `Phase (period ${period.toFixed(5)} d)`, min: 0, max: 2 },
        y: { label: magnitude, invert: true }, series: foldedSeries }),
      plot({ label: 'Lomb–Scargle periodogram', height: 220, x: { label: 'Frequency (cycles per day; period = 1 / frequency)' },
        y: { label: 'Power', min: 0, max: 1 },
        series: [{ type: 'line', colour: '#1d4ed8', points: pg, width: 1 },
          { type: 'points', name: `best: ${result.best.period.toFixed(5)} d`, colour: '#dc2626', points: [{ x: result.best.frequency, y: result.best.power, title: `best period ${result.best.period.toFixed(5)} d` }] }] }));
  }

  return h('div.science',
    h('p', `Searches a period with a multiband Lomb–Scargle periodogram: one sinusoid shared by all bands plus a mean per band, fitted by weighted least squares at each trial frequency. `
      + `It uses the ${points.length} good detections with σ < 1 mag as ${magnitude}s (apparent magnitudes when a reference source lies under every detection). `
      + 'Alerts carry at most 30 days of history, so long periods and aliases near 1 day need care.'),
    form, out);
}
