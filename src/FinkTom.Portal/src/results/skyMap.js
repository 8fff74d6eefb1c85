// The sky map of results, drawn offline: Mollweide projection in SVG, equatorial or galactic, points coloured by
// class (legend with counts), each point a link to its object (click or Enter). Zoom and pan (wheel, drag, pinch,
// buttons, keyboard) change the SVG's viewBox; the first view fits the results, so a cone fills the map. The grid is
// redrawn for the visible window with a step that follows the zoom. An optional survey image (HiPS) sits underneath.
import { eclipticToEquatorial, fromGalactic, jdToIso, separationDeg, toGalactic } from '../sky/coords.js';
import { hipsUrl, mollweideWcs, SURVEYS } from '../sky/hips.js';
import { project, unproject, X_MAX, Y_MAX } from '../sky/mollweide.js';
import { clampView, fitView, formatAngle, formatHours, gridStep, panBy, viewBox, zoomAt } from '../sky/view.js';
import { classColour } from '../ui/classColors.js';
import { h, s } from '../ui/dom.js';

const SCALE = 140; // SVG units per projection unit
const W = 2 * X_MAX * SCALE, H = 2 * Y_MAX * SCALE;
const PER_DEG = W / 360; // map units per degree along the central equator
const MIN_W = PER_DEG / 120; // zoom limit: a 30″ wide window
const FIT_MIN_W = PER_DEG * 0.5; // a single object or a tiny cone: a 30′ window
const RA_STEPS = [30, 15, 7.5, 5, 2.5, 1.25, 0.5, 0.25, 0.125, 1 / 24, 1 / 48, 1 / 120, 1 / 240]; // 2h … 1s of time
let survey = ''; // the survey image choice, kept while the user moves between searches

export function skyMap(rows, { frame = 'equatorial', onFrame, centre }) {
  const galactic = frame === 'galactic';
  const lonCentre = galactic ? 0 : 180;
  const frameToMap = (lon, lat) => { const p = project(lon, lat, lonCentre); return { x: W / 2 + p.x * SCALE, y: H / 2 - p.y * SCALE }; };
  const toMap = (ra, dec) => (galactic ? (({ l, b }) => frameToMap(l, b))(toGalactic(ra, dec)) : frameToMap(ra, dec));
  const mapToFrame = (x, y) => unproject((x - W / 2) / SCALE, (H / 2 - y) / SCALE, lonCentre);

  // Reference curves: the Galactic plane and the ecliptic on the equatorial map; the equator on the galactic one.
  const refs = galactic
    ? [curve(range(0, 360, 0.5).map((ra) => toGalactic(ra, 0)).map(({ l, b }) => frameToMap(l, b)), 'equator', 'Celestial equator')]
    : [curve(range(0, 360, 0.5).map((l) => fromGalactic(l, 0)).map(({ ra, dec }) => toMap(ra, dec)), 'galactic-plane', 'Galactic plane'),
      curve(range(0, 360, 0.5).map((l) => eclipticToEquatorial(l)).map(({ ra, dec }) => toMap(ra, dec)), 'ecliptic', 'Ecliptic')];

  const classes = new Map();
  for (const r of rows) classes.set(r.classification, (classes.get(r.classification) ?? 0) + 1);
  const placed = rows.filter((r) => Number.isFinite(r.ra) && Number.isFinite(r.dec)).map((r) => ({ r, p: toMap(r.ra, r.dec) }));
  const circles = [];
  const points = placed.map(({ r, p }) => {
    const title = `${r.objectId ?? r.sso} — ${r.classification}${r.mag != null ? `, mag ${r.mag.toFixed(2)}` : ''}, ${jdToIso(r.jd)}`;
    const circle = s('circle', { cx: p.x.toFixed(4), cy: p.y.toFixed(4), r: 5, fill: classColour(r.classification) });
    circles.push(circle);
    return s('a', { href: r.href ?? `/${r.objectId}`, 'data-link': '', class: 'sky-point', 'aria-label': title, dataset: { objectId: r.objectId } }, circle, s('title', title));
  });
  const centreAt = centre ? toMap(centre.ra, centre.dec) : null;
  const centreCircle = centreAt ? s('circle', { cx: centreAt.x, cy: centreAt.y, r: 9 }) : null;
  const centreMark = centreAt ? s('g.centre', centreCircle, s('title', 'Search centre')) : null;

  const clipId = `sky${Math.random().toString(36).slice(2, 9)}`;
  const background = document.createElementNS('http://www.w3.org/2000/svg', 'image');
  background.setAttribute('class', 'survey-image');
  background.setAttribute('preserveAspectRatio', 'none');
  background.setAttribute('clip-path', `url(#${clipId})`);
  const grid = s('g.graticule'), labels = s('g.grid-labels');
  const svg = s('svg.skymap', {
    viewBox: `0 0 ${W} ${H}`, tabindex: '0', role: 'group',
    'aria-label': `Sky map (${frame}, Mollweide) of ${rows.length} objects. Keys: + and − zoom, arrows pan, 0 fits the results, A shows all the sky.`,
  },
  s('defs', s('clipPath', { id: clipId }, s('ellipse', { cx: W / 2, cy: H / 2, rx: W / 2, ry: H / 2 }))),
  s('ellipse.sky', { cx: W / 2, cy: H / 2, rx: W / 2, ry: H / 2 }), background,
  grid, s('g.refs', refs.map((r) => r.el)), labels, centreMark, s('g.points', points));

  const fitted = (() => {
    const v = fitView([...placed.map(({ p }) => p), ...(centreAt ? [centreAt] : [])], W, H, { minW: FIT_MIN_W });
    return v.w > W * 0.6 ? { cx: W / 2, cy: H / 2, w: W } : v; // results all over the sky: the whole map
  })();
  let view = fitted;
  const fov = h('span.map-fov', { role: 'status' });
  const surveyNote = h('span.hint.survey-note');

  function show(next) {
    view = clampView(next, W, H, MIN_W);
    const box = viewBox(view, W, H);
    svg.setAttribute('viewBox', `${box.x} ${box.y} ${box.w} ${box.h}`);
    const k = view.w / W; // map units per "full-map unit": markers keep their size on screen
    svg.style.setProperty('--k', String(k));
    for (const c of circles) c.setAttribute('r', String(5 * k));
    if (centreCircle) centreCircle.setAttribute('r', String(9 * k));
    drawGrid(box, k);
    const width = fieldWidth(box);
    fov.textContent = `Field ${formatField(width)} wide${view.w >= W ? ' (all sky)' : ''}`;
    svg.dataset.fieldDeg = String(width);
    scheduleSurvey(box);
  }

  /** Meridians and parallels across the visible window, spaced for its size, labelled inside it. */
  function drawGrid(box, k) {
    const samples = [];
    for (let i = 0; i <= 12; i++) for (let j = 0; j <= 12; j++) {
      const q = mapToFrame(box.x + (box.w * i) / 12, box.y + (box.h * j) / 12);
      if (q) samples.push({ dl: ((q.lon - lonCentre + 540) % 360) - 180, lat: q.lat });
    }
    const full = view.w >= W * 0.999;
    let dl0 = full ? -180 : Math.min(...samples.map((q) => q.dl)), dl1 = full ? 180 : Math.max(...samples.map((q) => q.dl));
    let lat0 = full ? -90 : Math.min(...samples.map((q) => q.lat)), lat1 = full ? 90 : Math.max(...samples.map((q) => q.lat));
    if (!samples.length) { dl0 = -180; dl1 = 180; lat0 = -90; lat1 = 90; }
    const latStep = gridStep(Math.max(lat1 - lat0, 1e-6), 4);
    const lonSpan = Math.max(dl1 - dl0, 1e-6);
    const lonStep = galactic ? gridStep(lonSpan, 4) : (RA_STEPS.find((st) => lonSpan / st >= 4) ?? RA_STEPS.at(-1));
    // One step beyond what the samples saw, so lines reach the window's edges.
    dl0 = Math.max(-180, dl0 - lonStep); dl1 = Math.min(180, dl1 + lonStep);
    lat0 = Math.max(-90, lat0 - latStep); lat1 = Math.min(90, lat1 + latStep);
    const inView = (p) => p.x >= box.x && p.x <= box.x + box.w && p.y >= box.y && p.y <= box.y + box.h;
    const paths = [], texts = [];
    const pad = 3 * k;
    const midLat = Math.min(lat1, Math.max(lat0, Math.round((mapToFrame(view.cx, view.cy)?.lat ?? 0) / latStep) * latStep));
    for (let i = Math.ceil(dl0 / lonStep); i * lonStep <= dl1 + 1e-9 && paths.length < 80; i++) {
      const dl = i * lonStep, lon = (lonCentre + dl + 360) % 360;
      const at = (lat) => frameToMap(lonCentre + Math.max(-179.9999, Math.min(179.9999, dl)), lat);
      paths.push(line(range(lat0, lat1, (lat1 - lat0) / 90).map(at)));
      const p = at(midLat);
      if (inView(p) && Math.abs(dl) < 180) texts.push(s('text.grid-label', { x: p.x + pad, y: p.y - pad }, galactic ? formatAngle(lon, lonStep) : formatHours(lon, lonStep)));
    }
    for (let i = Math.ceil(lat0 / latStep); i * latStep <= lat1 + 1e-9 && paths.length < 160; i++) {
      const lat = i * latStep;
      if (Math.abs(lat) >= 90) continue;
      const pts = range(dl0, dl1, (dl1 - dl0) / 180).map((dl) => frameToMap(lonCentre + Math.max(-179.9999, Math.min(179.9999, dl)), lat));
      paths.push(line(pts));
      const left = pts.filter(inView).sort((a, b) => a.x - b.x)[0];
      if (left && lat !== midLat) texts.push(s('text.grid-label.lat', { x: left.x + pad, y: left.y - pad }, formatAngle(lat, latStep)));
    }
    grid.replaceChildren(...paths);
    labels.replaceChildren(...texts);
  }

  /** The window's width on the sky, along its middle row (or the map's width in degrees when that leaves the sky). */
  function fieldWidth(box) {
    const y = box.y + box.h / 2, a = mapToFrame(box.x, y), b = mapToFrame(box.x + box.w, y);
    if (a && b && box.w < W / 2) {
      const ga = galactic ? fromGalactic(a.lon, a.lat) : { ra: a.lon, dec: a.lat }, gb = galactic ? fromGalactic(b.lon, b.lat) : { ra: b.lon, dec: b.lat };
      return separationDeg(ga.ra, ga.dec, gb.ra, gb.dec);
    }
    return Math.min(360, box.w / PER_DEG);
  }

  // The survey image: requested for the settled window only, never while the user is still moving the map.
  let surveyTimer = 0;
  function scheduleSurvey(box) {
    clearTimeout(surveyTimer);
    if (!survey || !navigator.onLine) { background.removeAttribute('href'); surveyNote.textContent = survey ? 'Offline: no survey image.' : ''; return; }
    surveyTimer = setTimeout(() => {
      const px = Math.min(1200, Math.max(200, Math.round(svg.clientWidth || 800))), py = Math.max(100, Math.round(px * box.h / box.w));
      background.setAttribute('x', box.x); background.setAttribute('y', box.y);
      background.setAttribute('width', box.w); background.setAttribute('height', box.h);
      surveyNote.textContent = 'Loading the survey image from CDS…';
      background.setAttribute('href', hipsUrl(survey, mollweideWcs(box, { W, H, scale: SCALE, frame, centre: lonCentre }, px, py)));
    }, 350);
  }
  background.addEventListener('load', () => { surveyNote.textContent = `Survey image: ${SURVEYS.find(([id]) => id === survey)?.[1]} (CDS hips2fits).`; });
  background.addEventListener('error', () => { surveyNote.textContent = 'The survey image could not be loaded (offline, or CDS unreachable).'; });

  // Pointer gestures: drag pans, two pointers pinch-zoom, the wheel zooms about the cursor. A drag never opens a point.
  const toMapPoint = (clientX, clientY) => {
    const m = svg.getScreenCTM();
    if (!m) return { x: view.cx, y: view.cy };
    const p = new DOMPoint(clientX, clientY).matrixTransform(m.inverse());
    return { x: p.x, y: p.y };
  };
  const pointers = new Map();
  let dragged = false, gesture = null;
  svg.addEventListener('wheel', (e) => {
    e.preventDefault();
    show(zoomAt(view, Math.exp(-Math.sign(e.deltaY) * Math.min(Math.abs(e.deltaY), 200) / 300), toMapPoint(e.clientX, e.clientY)));
  });
  svg.addEventListener('pointerdown', (e) => {
    if (e.button !== 0) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    dragged = false;
    gesture = { view, pointers: new Map([...pointers].map(([id, p]) => [id, { ...p }])) };
  });
  svg.addEventListener('pointermove', (e) => {
    if (!pointers.has(e.pointerId) || !gesture) return;
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    const start = gesture.pointers.get(e.pointerId);
    if (!start) return;
    if (!dragged && Math.hypot(e.clientX - start.x, e.clientY - start.y) < 5) return;
    if (!dragged) { dragged = true; for (const id of pointers.keys()) svg.setPointerCapture?.(id); }
    const perPx = gesture.view.w / svg.getBoundingClientRect().width;
    if (pointers.size >= 2 && gesture.pointers.size >= 2) {
      const [a, b] = [...pointers.values()], [a0, b0] = [...gesture.pointers.values()];
      const ratio = Math.hypot(a.x - b.x, a.y - b.y) / Math.max(1, Math.hypot(a0.x - b0.x, a0.y - b0.y));
      const mid = { x: (a0.x + b0.x) / 2, y: (a0.y + b0.y) / 2 };
      const rect = svg.getBoundingClientRect(), box = viewBox(gesture.view, W, H);
      const at = { x: box.x + (mid.x - rect.left) * perPx, y: box.y + (mid.y - rect.top) * perPx };
      show(zoomAt(gesture.view, ratio, at));
    } else {
      show(panBy(gesture.view, -(e.clientX - start.x) * perPx, -(e.clientY - start.y) * perPx));
    }
  });
  const release = (e) => {
    pointers.delete(e.pointerId);
    gesture = pointers.size ? { view, pointers: new Map([...pointers].map(([id, p]) => [id, { ...p }])) } : null;
  };
  svg.addEventListener('pointerup', release);
  svg.addEventListener('pointercancel', release);
  svg.addEventListener('click', (e) => { if (dragged) { e.preventDefault(); e.stopPropagation(); dragged = false; } }, true);

  const zoomIn = () => show(zoomAt(view, 2)), zoomOut = () => show(zoomAt(view, 0.5));
  const fit = () => show(fitted), allSky = () => show({ cx: W / 2, cy: H / 2, w: W });
  svg.addEventListener('keydown', (e) => {
    const step = view.w / 5;
    const act = { '+': zoomIn, '=': zoomIn, '-': zoomOut, '_': zoomOut, '0': fit, a: allSky, A: allSky, Home: fit,
      ArrowLeft: () => show(panBy(view, -step, 0)), ArrowRight: () => show(panBy(view, step, 0)),
      ArrowUp: () => show(panBy(view, 0, -step)), ArrowDown: () => show(panBy(view, 0, step)) }[e.key];
    if (act && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); act(); }
  });

  const legend = h('ul.legend.map-legend', [...classes.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) =>
    h('li', h('span.swatch.m-circle', { style: `--c:${classColour(name)}` }), `${name} (${n})`)),
  refs.map((r) => h('li', h(`span.swatch.ref-${r.kind}`), r.label)));
  const frameSwitch = h('div.segmented', { role: 'group', 'aria-label': 'Coordinate frame' },
    ['equatorial', 'galactic'].map((f) => h('button', { type: 'button', 'aria-pressed': String(f === frame), onclick: () => onFrame(f) }, f === 'equatorial' ? 'Equatorial' : 'Galactic')));
  const zoomButtons = h('div.segmented.map-zoom', { role: 'group', 'aria-label': 'Zoom' },
    h('button', { type: 'button', 'aria-label': 'Zoom in', title: 'Zoom in (+)', onclick: zoomIn }, '+'),
    h('button', { type: 'button', 'aria-label': 'Zoom out', title: 'Zoom out (−)', onclick: zoomOut }, '−'),
    h('button', { type: 'button', title: 'Fit the results (0)', onclick: fit }, 'Fit results'),
    h('button', { type: 'button', title: 'The whole sky (A)', onclick: allSky }, 'All sky'));
  const surveyPicker = h('label.survey-picker', 'Background ', h('select', {
    'aria-label': 'Survey image background', title: 'A survey image from CDS (needs the network); off by default',
    onchange: (e) => { survey = e.target.value; show(view); },
  }, SURVEYS.map(([id, name]) => h('option', { value: id, selected: id === survey ? '' : undefined }, id ? `${name} (online)` : name))));
  surveyPicker.querySelector('select').value = survey;

  show(view);
  return h('div.map-wrap', h('div.map-tools', frameSwitch, zoomButtons, fov, surveyPicker, surveyNote,
    h('span.hint', galactic ? 'l = 0 at the centre, growing to the left.' : 'RA grows to the left, 12h at the centre.',
      ' Wheel, drag or pinch to zoom and pan; click a point to open its object.')),
  svg, legend);
}

/** "12.3°", "4.5′" or "30″". */
export function formatField(deg) {
  if (deg >= 1) return `${deg.toFixed(deg >= 10 ? 0 : 1)}°`;
  if (deg * 60 >= 1) return `${(deg * 60).toFixed(1)}′`;
  return `${(deg * 3600).toFixed(0)}″`;
}

function range(a, b, step) { if (!(step > 0)) return [a]; const out = []; for (let v = a; v <= b + step * 1e-6; v += step) out.push(v); return out; }

/** A polyline broken where it jumps across the map's edge (wrap-around). */
function line(points) {
  let d = '';
  points.forEach((p, i) => { d += `${i && Math.abs(p.x - points[i - 1].x) < W / 3 ? 'L' : 'M'}${p.x.toFixed(4)},${p.y.toFixed(4)}`; });
  return s('path', { d });
}

function curve(points, kind, label) { const el = line(points); el.setAttribute('class', `ref-${kind}`); return { el, kind, label }; }
