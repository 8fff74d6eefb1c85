// Microlensing view: point-source point-lens fit on the difference fluxes, with the model over the data.
import { plot } from '../plot/svgPlot.js';
import { bandColour, bandName, differenceFlux } from '../science/photometry.js';
import { fitPspl } from '../science/pspl.js';
import { jdToIso, MJD_OFFSET } from '../sky/coords.js';
import { h, mount } from '../ui/dom.js';
import { failure, loading } from '../ui/status.js';

export function microlensingView(data) {
  const points = data.tags.valid.map((r) => ({ r, f: differenceFlux(r) }))
    .filter(({ r, f }) => f && r['i:sigmapsf'] < 1).map(({ r, f }) => ({ t: r['i:jd'], flux: f.flux, sigma: f.sigma, band: r['i:fid'] }));
  const out = h('div.pspl-output', { 'aria-live': 'polite' });
  const button = h('button.primary', { type: 'button', onclick: () => { mount(out, loading('Fitting…')); setTimeout(run, 30); } }, 'Fit PSPL model');

  function run() {
    const fit = fitPspl(points);
    if (fit.error) return mount(out, failure(new Error(fit.error), 'No microlensing fit'));
    const err = (k, digits) => (fit.errors ? ` ± ${fit.errors[k].toFixed(digits)}` : '');
    const bands = Object.keys(fit.bands).map(Number);
    const tMin = Math.min(...points.map((p) => p.t)), tMax = Math.max(...points.map((p) => p.t));
    const pad = Math.max(2, 0.1 * (tMax - tMin));
    const series = bands.flatMap((b) => {
      const model = [];
      for (let i = 0; i <= 300; i++) { const t = tMin - pad + ((tMax - tMin + 2 * pad) * i) / 300; model.push({ x: t - MJD_OFFSET, y: fit.model(t, b) }); }
      return [
        { type: 'points', name: `${bandName(b)} difference flux`, colour: bandColour(b),
          points: points.filter((p) => p.band === b).map((p) => ({ x: p.t - MJD_OFFSET, y: p.flux, err: p.sigma, title: `${bandName(b)}: ${p.flux.toFixed(1)} µJy — ${jdToIso(p.t)}` })) },
        { type: 'line', name: `${bandName(b)} PSPL model`, colour: bandColour(b), points: model },
      ];
    });
    mount(out,
      h('dl.facts.fit-result',
        h('dt', 't₀'), h('dd', `${fit.t0.toFixed(3)}${err('t0', 3)} JD (${jdToIso(fit.t0)} UTC)`),
        h('dt', 'u₀'), h('dd', `${fit.u0.toFixed(4)}${err('u0', 4)}`),
        h('dt', 'tE'), h('dd', `${fit.tE.toFixed(2)}${err('tE', 2)} days`),
        h('dt', 'χ²/dof'), h('dd', { 'data-chi2': fit.chi2Reduced.toFixed(3) }, `${fit.chi2.toFixed(1)} / ${fit.dof} = ${fit.chi2Reduced.toFixed(2)}`)),
      fit.warnings.length ? h('div.status.warning.fit-warning', { role: 'alert' },
        h('strong', 'Degenerate fit — not a measurement. '), fit.warnings.join(' ')) : null,
      fit.chi2Reduced > 5 ? h('p.hint', 'χ²/dof well above 1: a single-lens event does not describe these data well.') : null,
      plot({ label: 'Difference flux with the PSPL model', height: 320, x: { label: 'Time (MJD)' },
        y: { label: 'Difference flux (µJy)' }, series }));
  }

  return h('div.science',
    h('p', 'Fits a point-source point-lens model: magnification A(u) = (u² + 2) / (u√(u² + 4)) with u(t) = √(u₀² + ((t − t₀)/tE)²). '
      + 'In each band the difference flux is Fs·A + C, so the source flux and the constant (blend minus reference) are solved exactly; '
      + 't₀, u₀ and tE come from a grid search refined by a simplex, errors from the χ² curvature. '
      + `No parallax, finite source or binary lens. ${points.length} good detections are used.`),
    button, out);
}
