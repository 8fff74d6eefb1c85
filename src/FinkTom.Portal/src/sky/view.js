// The sky map's visible window in map units (SVG user space): centre and width, the height following the map's
// aspect. Pure arithmetic for zoom about a point, pan, fitting to the results and clamping to the map.

/** A view of width w centred on (cx, cy) over a map of size W × H (height w·H/W). */
export const viewBox = (v, W, H) => { const h = v.w * H / W; return { x: v.cx - v.w / 2, y: v.cy - h / 2, w: v.w, h }; };

/** Keeps the view inside the map and its width between `minW` and the whole map. */
export function clampView(v, W, H, minW) {
  const w = Math.min(W, Math.max(minW, v.w)), h = w * H / W;
  const cx = Math.min(W - w / 2, Math.max(w / 2, v.cx)), cy = Math.min(H - h / 2, Math.max(h / 2, v.cy));
  return { cx, cy, w };
}

/** Zooms by `factor` (> 1 zooms in) keeping the map point `at` (default: the centre) where it is on screen. */
export function zoomAt(v, factor, at = { x: v.cx, y: v.cy }) {
  const k = 1 / factor;
  return { cx: at.x + (v.cx - at.x) * k, cy: at.y + (v.cy - at.y) * k, w: v.w * k };
}

/** Moves the view by (dx, dy) map units. */
export const panBy = (v, dx, dy) => ({ cx: v.cx + dx, cy: v.cy + dy, w: v.w });

/**
 * The smallest view holding every point with a margin (`pad`, a fraction of the extent), at least `minW` wide;
 * the whole map when there are no points.
 */
export function fitView(points, W, H, { pad = 0.15, minW = 1 } = {}) {
  if (!points.length) return { cx: W / 2, cy: H / 2, w: W };
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const x0 = Math.min(...xs), x1 = Math.max(...xs), y0 = Math.min(...ys), y1 = Math.max(...ys);
  const needW = Math.max((x1 - x0) * (1 + 2 * pad), (y1 - y0) * (1 + 2 * pad) * W / H, minW);
  return clampView({ cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, w: needW }, W, H, minW);
}

/** Grid spacing (degrees) giving about `count` lines across `spanDeg`: 30°, 15°, 10°, 5°, 2°, 1°, 30′, 20′, 10′, 5′, 2′, 1′… */
export function gridStep(spanDeg, count = 6) {
  const steps = [30, 15, 10, 5, 2, 1, 0.5, 1 / 3, 1 / 6, 1 / 12, 1 / 30, 1 / 60, 0.5 / 60, 0.25 / 60, 10 / 3600, 5 / 3600];
  return steps.find((s) => spanDeg / s >= count) ?? steps.at(-1);
}

/** A grid value as a label: degrees, or degrees and arcminutes (arcseconds) when the step is finer than 1°. */
export function formatAngle(deg, step) {
  const sign = deg < 0 ? '−' : '';
  const a = Math.abs(deg);
  if (step >= 1) return `${sign}${Math.round(a)}°`;
  const totalSec = Math.round(a * 3600);
  const d = Math.floor(totalSec / 3600), m = Math.floor(totalSec / 60) % 60, s = totalSec % 60;
  if (step >= 1 / 60 - 1e-12) return `${sign}${d}°${String(m).padStart(2, '0')}′`;
  return `${sign}${d}°${String(m).padStart(2, '0')}′${String(s).padStart(2, '0')}″`;
}

/** An RA grid value (degrees) in hours, minutes (and seconds of time) as the step needs. */
export function formatHours(deg, step) {
  const totalSec = Math.round((((deg % 360) + 360) % 360) / 15 * 3600) % 86400;
  const hh = Math.floor(totalSec / 3600), mm = Math.floor(totalSec / 60) % 60, ss = totalSec % 60;
  if (step >= 15 && mm === 0) return `${hh}h`;
  if (step >= 0.25 && ss === 0) return `${hh}h${String(mm).padStart(2, '0')}m`;
  return `${hh}h${String(mm).padStart(2, '0')}m${String(ss).padStart(2, '0')}s`;
}
