// Mollweide equal-area projection of the whole sky, in units where the ellipse spans x ∈ [-2√2, 2√2], y ∈ [-√2, √2].

const DEG = Math.PI / 180;
export const X_MAX = 2 * Math.SQRT2;
export const Y_MAX = Math.SQRT2;

/** Auxiliary angle θ solving 2θ + sin 2θ = π sin φ (Newton; converges in a few steps except at the poles). */
function auxiliaryAngle(lat) {
  if (Math.abs(Math.abs(lat) - Math.PI / 2) < 1e-9) return lat;
  const target = Math.PI * Math.sin(lat);
  let t = lat;
  for (let i = 0; i < 50; i++) {
    const f = 2 * t + Math.sin(2 * t) - target;
    const step = f / (2 + 2 * Math.cos(2 * t));
    t -= step;
    if (Math.abs(step) < 1e-12) break;
  }
  return t;
}

/**
 * Projects a sky position (degrees). Longitude grows to the left, as on the sky seen from inside;
 * `centre` is the longitude at the middle of the map.
 */
export function project(lonDeg, latDeg, centre = 180) {
  let dl = ((lonDeg - centre + 540) % 360) - 180; // (-180, 180]
  if (dl === -180) dl = 180;
  const lambda = -dl * DEG;
  const theta = auxiliaryAngle(latDeg * DEG);
  return { x: ((2 * Math.SQRT2) / Math.PI) * lambda * Math.cos(theta), y: Math.SQRT2 * Math.sin(theta) };
}

/** Inverse projection: sky position (degrees) of a map point, or null outside the ellipse. */
export function unproject(x, y, centre = 180) {
  if ((x / X_MAX) ** 2 + (y / Y_MAX) ** 2 > 1) return null;
  const theta = Math.asin(y / Math.SQRT2);
  const lambda = (Math.PI * x) / (2 * Math.SQRT2 * Math.cos(theta));
  const lat = Math.asin((2 * theta + Math.sin(2 * theta)) / Math.PI);
  const lon = (((centre - lambda / DEG) % 360) + 360) % 360;
  return { lon, lat: lat / DEG };
}
