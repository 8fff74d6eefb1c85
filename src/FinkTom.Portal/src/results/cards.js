// Results as cards for triage: per object its id, class, last magnitude, a thumbnail light curve and the Science
// cutout. Light curves are fetched only for the cards on screen, several objects per /api/v1/objects call, with the
// history's upper limits: most new objects have one alert, and the non-detections before it are what tells a
// rising transient from a variable.
import { cutoutUrl, post } from '../api.js';
import { bandColour, bandName } from '../science/photometry.js';
import { jdToIso } from '../sky/coords.js';
import { classColour } from '../ui/classColors.js';
import { h, mount, s } from '../ui/dom.js';
import { pagerButtons } from './table.js';

const PAGE = 48;
const BATCH = 12; // objects per /objects call
const LC_COLUMNS = 'i:objectId,i:jd,i:magpsf,i:sigmapsf,i:fid,i:diffmaglim';
const W = 160, H = 64, PAD = 5;

/**
 * Requests for single keys, grouped: `load(key)` resolves with `fetchBatch(keys)`'s answer for that key; keys asked
 * within the same task go out together, at most `max` per call.
 */
export function batcher(fetchBatch, max = BATCH) {
  let pending = new Map();
  const flush = () => {
    const all = pending;
    pending = new Map();
    const keys = [...all.keys()];
    for (let i = 0; i < keys.length; i += max) {
      const chunk = keys.slice(i, i + max);
      fetchBatch(chunk).then((answers) => chunk.forEach((k) => all.get(k).resolve(answers.get(k) ?? [])),
        (e) => chunk.forEach((k) => all.get(k).reject(e)));
    }
  };
  return (key) => {
    if (!pending.size) setTimeout(flush, 0);
    if (!pending.has(key)) {
      let resolve, reject;
      const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
      pending.set(key, { promise, resolve, reject });
    }
    return pending.get(key).promise;
  };
}

/** Light-curve points → SVG coordinates in a w×h box (brighter up, time rightwards), with the box's ranges. */
export function sparkPoints(points, w = W, h = H, pad = PAD) {
  const ok = points.filter((p) => Number.isFinite(p.jd) && Number.isFinite(p.mag));
  if (!ok.length) return [];
  const jds = ok.map((p) => p.jd), mags = ok.map((p) => p.mag);
  let [t0, t1] = [Math.min(...jds), Math.max(...jds)], [m0, m1] = [Math.min(...mags), Math.max(...mags)];
  if (t1 === t0) { t0 -= 1; t1 += 1; }
  if (m1 === m0) { m0 -= 0.5; m1 += 0.5; }
  return ok.map((p) => ({ ...p, x: pad + ((p.jd - t0) / (t1 - t0)) * (w - 2 * pad), y: pad + ((p.mag - m0) / (m1 - m0)) * (h - 2 * pad) }));
}

/** One /objects row (withupperlim) → a thumbnail point: detections at magpsf, upper limits at diffmaglim. */
export function curvePoint(r) {
  const kind = r['d:tag'] ?? 'valid';
  const mag = kind === 'upperlim' ? r['i:diffmaglim'] : r['i:magpsf'];
  return { jd: Number(r['i:jd']), mag: mag == null ? NaN : Number(mag), fid: Number(r['i:fid']), kind };
}

export function resultsCards(rows) {
  const loadCurve = batcher(async (ids) => {
    const answer = await post('objects', { objectId: ids.join(','), columns: LC_COLUMNS, withupperlim: true });
    const byId = new Map(ids.map((id) => [id, []]));
    for (const r of answer) byId.get(r['i:objectId'])?.push(curvePoint(r));
    return byId;
  });
  const observer = typeof IntersectionObserver === 'function' ? new IntersectionObserver((entries) => {
    for (const e of entries) if (e.isIntersecting) { observer.unobserve(e.target); e.target.load(); }
  }, { rootMargin: '200px' }) : null;

  let page = 0;
  const grid = h('ul.cards', { 'aria-label': 'Objects found, one card per object' });
  const pager = h('nav.pager', { 'aria-label': 'Card pages' });
  function render() {
    observer?.disconnect();
    mount(grid, rows.slice(page * PAGE, (page + 1) * PAGE).map((r) => card(r, loadCurve, observer)));
    mount(pager, pagerButtons(page, Math.ceil(rows.length / PAGE), (p) => { page = p; render(); }));
  }
  render();
  return h('div.cards-view', grid, pager);
}

function card(r, loadCurve, observer) {
  const curve = h('div.card-lc', { 'aria-busy': 'true' }, h('span.hint', 'light curve…'));
  const stamp = h('img', { src: cutoutUrl(r.objectId, 'Science', { candid: r.candid }), alt: `Science cutout of ${r.objectId}`, width: 64, height: 64, loading: 'lazy' });
  const el = h('li.result-card', { dataset: { objectId: r.objectId } },
    h('a.card-title', { href: `/${r.objectId}`, 'data-link': '' }, r.objectId),
    h('span.badge', { style: `--c:${classColour(r.classification)}` }, r.classification),
    h('div.card-media', h('div.card-stamp', stamp), curve),
    h('p.card-facts',
      r.mag != null ? h('span.card-mag', `${Number(r.mag).toFixed(2)} (${bandName(r.fid)})`) : null,
      h('span', jdToIso(r.jd).slice(0, 16))));
  stamp.addEventListener('error', () => stamp.replaceWith(h('span.hint.card-nostamp', 'no cutout')), { once: true });
  el.load = () => loadCurve(r.objectId).then((points) => {
    curve.removeAttribute('aria-busy');
    mount(curve, thumbnail(points, r.objectId));
  }, () => { curve.removeAttribute('aria-busy'); mount(curve, h('span.hint', 'light curve unavailable')); });
  if (observer) observer.observe(el); else el.load();
  return el;
}

// Detections are filled dots, bad-quality ones hollow, upper limits small faint down-pointing triangles (drawn first,
// under the dots), as on the object page.
function thumbnail(points, objectId) {
  const placed = sparkPoints(points);
  const detections = placed.filter((p) => p.kind !== 'upperlim');
  if (!detections.length) return h('span.hint', 'no detection');
  const limits = placed.length - detections.length;
  const label = `Light curve of ${objectId}: ${detections.length} detections` + (limits ? `, ${limits} upper limits` : '');
  const at = (p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`;
  return s('svg', { class: 'sparkline', viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': label },
    s('rect', { x: 0.5, y: 0.5, width: W - 1, height: H - 1, fill: '#fff', stroke: '#e5e7eb' }),
    placed.filter((p) => p.kind === 'upperlim').map((p) =>
      s('path', { class: 'ul', d: `M${at({ x: p.x - 2.2, y: p.y - 1.6 })}L${at({ x: p.x + 2.2, y: p.y - 1.6 })}L${at({ x: p.x, y: p.y + 2.2 })}Z`, fill: bandColour(p.fid), 'fill-opacity': 0.35 })),
    detections.map((p) => p.kind === 'badquality'
      ? s('circle', { class: 'bad', cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: 2.2, fill: '#fff', stroke: bandColour(p.fid) })
      : s('circle', { class: 'det', cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: 2.4, fill: bandColour(p.fid) })));
}
