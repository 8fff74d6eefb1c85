// Where things are in a site's sky, computed offline: sidereal time, altitude/azimuth, airmass, and low-precision
// Sun and Moon positions (Astronomical Almanac formulae: Sun to ~0.01°, Moon to ~0.3°, enough to shade twilight).

const DEG = Math.PI / 180;
const sin = (d) => Math.sin(d * DEG), cos = (d) => Math.cos(d * DEG);
const norm360 = (d) => ((d % 360) + 360) % 360;

/** Julian date of a JS time (ms since 1970, UTC). */
export const jdOf = (ms) => ms / 86400000 + 2440587.5;

/** Greenwich mean sidereal time in degrees (IAU 1982, as Meeus 12.4). */
export function gmstDeg(jd) {
  const d = jd - 2451545.0, t = d / 36525;
  return norm360(280.46061837 + 360.98564736629 * d + 0.000387933 * t * t - (t * t * t) / 38710000);
}

/** Altitude and azimuth (degrees, azimuth from north through east) of (ra, dec) for a site at lat, lon (east +). */
export function altAz(ra, dec, jd, lat, lon) {
  const ha = gmstDeg(jd) + lon - ra;
  const sinAlt = sin(dec) * sin(lat) + cos(dec) * cos(lat) * cos(ha);
  const alt = Math.asin(Math.max(-1, Math.min(1, sinAlt))) / DEG;
  const az = Math.atan2(-sin(ha) * cos(dec), sin(dec) * cos(lat) - cos(dec) * sin(lat) * cos(ha)) / DEG;
  return { alt, az: norm360(az) };
}

/** Airmass at an altitude (Kasten & Young 1989: finite near the horizon); null below it. */
export function airmass(altDeg) {
  if (!(altDeg > 0)) return null;
  return 1 / (sin(altDeg) + 0.50572 * (altDeg + 6.07995) ** -1.6364);
}

function eclipticToEquatorial(lambda, beta, jd) {
  const eps = 23.439 - 0.0000004 * (jd - 2451545.0);
  const ra = Math.atan2(sin(lambda) * cos(eps) - Math.tan(beta * DEG) * sin(eps), cos(lambda)) / DEG;
  const dec = Math.asin(sin(beta) * cos(eps) + cos(beta) * sin(eps) * sin(lambda)) / DEG;
  return { ra: norm360(ra), dec, lambda: norm360(lambda) };
}

/** The Sun's apparent RA and Dec (degrees). */
export function sunPosition(jd) {
  const n = jd - 2451545.0;
  const L = 280.460 + 0.9856474 * n, g = 357.528 + 0.9856003 * n;
  return eclipticToEquatorial(L + 1.915 * sin(g) + 0.020 * sin(2 * g), 0, jd);
}

/** The Moon's geocentric RA and Dec (degrees) and its illuminated fraction (0 new … 1 full). */
export function moonPosition(jd) {
  const t = (jd - 2451545.0) / 36525;
  const lambda = 218.32 + 481267.881 * t + 6.29 * sin(135.0 + 477198.87 * t) - 1.27 * sin(259.3 - 413335.36 * t)
    + 0.66 * sin(235.7 + 890534.22 * t) + 0.21 * sin(269.9 + 954397.74 * t) - 0.19 * sin(357.5 + 35999.05 * t)
    - 0.11 * sin(186.5 + 966404.03 * t);
  const beta = 5.13 * sin(93.3 + 483202.02 * t) + 0.28 * sin(228.2 + 960400.89 * t) - 0.28 * sin(318.3 + 6003.15 * t)
    - 0.17 * sin(217.6 - 407332.21 * t);
  const moon = eclipticToEquatorial(lambda, beta, jd);
  const elongation = Math.acos(cos(beta) * cos(moon.lambda - sunPosition(jd).lambda)) / DEG;
  return { ...moon, illumination: (1 - cos(elongation)) / 2 };
}

/** Angular separation in degrees. */
export function separation(ra1, dec1, ra2, dec2) {
  const c = sin(dec1) * sin(dec2) + cos(dec1) * cos(dec2) * cos(ra1 - ra2);
  return Math.acos(Math.max(-1, Math.min(1, c))) / DEG;
}

/**
 * The night that starts on the evening of `date` (YYYY-MM-DD, the site's calendar) at a site: the UTC instant of
 * local solar midnight (the Sun at its lowest), and samples every `stepMin` minutes over 24 h centred on it.
 */
export function nightSamples(date, site, { ra, dec, stepMin = 10 } = {}) {
  const [y, m, d] = date.split('-').map(Number);
  // Mean solar midnight after that evening, corrected to the Sun's lowest point by the equation of time.
  let midnight = Date.UTC(y, m - 1, d + 1) - (site.lon / 15) * 3600000;
  const sun0 = sunPosition(jdOf(midnight));
  const sunHa = norm360(gmstDeg(jdOf(midnight)) + site.lon - sun0.ra); // 180 at lower transit
  midnight += ((180 - sunHa) / 360) * 86400000; // the Sun's hour angle grows 360° a solar day
  const samples = [];
  for (let min = -720; min <= 720; min += stepMin) {
    const ms = midnight + min * 60000, jd = jdOf(ms);
    const sun = sunPosition(jd), moon = moonPosition(jd);
    const sample = {
      ms, hours: min / 60,
      sunAlt: altAz(sun.ra, sun.dec, jd, site.lat, site.lon).alt,
      moonAlt: altAz(moon.ra, moon.dec, jd, site.lat, site.lon).alt,
      moonIllumination: moon.illumination,
    };
    if (Number.isFinite(ra) && Number.isFinite(dec)) {
      sample.alt = altAz(ra, dec, jd, site.lat, site.lon).alt;
      sample.airmass = airmass(sample.alt);
      sample.moonSeparation = separation(ra, dec, moon.ra, moon.dec);
    }
    samples.push(sample);
  }
  return { midnight, samples };
}

/** Twilight of a Sun altitude: day, civil, nautical, astronomical or night. */
export function twilight(sunAlt) {
  if (sunAlt > -0.833) return 'day';
  if (sunAlt > -6) return 'civil';
  if (sunAlt > -12) return 'nautical';
  if (sunAlt > -18) return 'astronomical';
  return 'night';
}

/** Hours of the samples in astronomical darkness (Sun below −18°) with the target at or below `maxAirmass`. */
export function hoursObservable(samples, maxAirmass = 2, stepMin = 10) {
  return samples.filter((p) => p.sunAlt < -18 && p.airmass != null && p.airmass <= maxAirmass).length * stepMin / 60;
}
