// Sky coordinates: sexagesimal parsing and formatting, equatorial → galactic, Julian dates.

const DEG = Math.PI / 180;

/** Parses a right ascension: decimal degrees, "hh:mm:ss.s", "hh mm ss.s" or "12h55m17.2s". Returns degrees or null. */
export function parseRa(text) {
  const t = String(text).trim();
  if (/^[+]?\d+(\.\d*)?$/.test(t)) {
    const deg = Number(t);
    return deg >= 0 && deg < 360 ? deg : null;
  }
  const m = /^(\d{1,2})(?:h|:|\s+)(\d{1,2})(?:m|:|\s+)(\d{1,2}(?:\.\d*)?)s?$/i.exec(t);
  if (!m) return null;
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (h >= 24 || min >= 60 || s >= 60) return null;
  return 15 * (h + min / 60 + s / 3600);
}

/** Parses a declination: decimal degrees, "±dd:mm:ss.s", "±dd mm ss.s" or "±ddDmmMss.sS". Returns degrees or null. */
export function parseDec(text) {
  const t = String(text).trim();
  if (/^[+-]?\d+(\.\d*)?$/.test(t)) {
    const deg = Number(t);
    return deg >= -90 && deg <= 90 ? deg : null;
  }
  const m = /^([+-]?)(\d{1,2})(?:d|°|:|\s+)(\d{1,2})(?:m|'|:|\s+)(\d{1,2}(?:\.\d*)?)(?:s|")?$/i.exec(t);
  if (!m) return null;
  const [d, min, s] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (min >= 60 || s >= 60) return null;
  const deg = d + min / 60 + s / 3600;
  if (deg > 90) return null;
  return m[1] === '-' ? -deg : deg;
}

/** "hh mm ss.ss" for an RA in degrees. */
export function formatRa(deg) {
  let cs = Math.round((((deg % 360) + 360) % 360) / 15 * 3600 * 100); // centiseconds of time
  cs %= 24 * 3600 * 100;
  const h = Math.floor(cs / 360000), m = Math.floor(cs / 6000) % 60, s = (cs % 6000) / 100;
  return `${pad(h)} ${pad(m)} ${s.toFixed(2).padStart(5, '0')}`;
}

/** "±dd mm ss.s" for a declination in degrees. */
export function formatDec(deg) {
  const sign = deg < 0 ? '-' : '+';
  const ds = Math.round(Math.abs(deg) * 36000); // tenths of arcsec
  const d = Math.floor(ds / 36000), m = Math.floor(ds / 600) % 60, s = (ds % 600) / 10;
  return `${sign}${pad(d)} ${pad(m)} ${s.toFixed(1).padStart(4, '0')}`;
}

const pad = (n) => String(n).padStart(2, '0');

// J2000 equatorial → galactic rotation (IAU 1958 pole, as astropy's FK5 → Galactic to ~0.1″).
const R = [
  [-0.0548755604162154, -0.8734370902348850, -0.4838350155487132],
  [0.4941094278755837, -0.4448296299600112, 0.7469822444972189],
  [-0.8676661490190047, -0.1980763734312015, 0.4559837761750669],
];

/** Galactic longitude and latitude (degrees) of a J2000 position. */
export function toGalactic(raDeg, decDeg) {
  const ra = raDeg * DEG, dec = decDeg * DEG;
  const v = [Math.cos(dec) * Math.cos(ra), Math.cos(dec) * Math.sin(ra), Math.sin(dec)];
  const g = R.map((row) => row[0] * v[0] + row[1] * v[1] + row[2] * v[2]);
  const l = Math.atan2(g[1], g[0]) / DEG;
  return { l: (l + 360) % 360, b: Math.asin(Math.max(-1, Math.min(1, g[2]))) / DEG };
}

/** J2000 position of a galactic (l, b) in degrees (the inverse rotation). */
export function fromGalactic(lDeg, bDeg) {
  const l = lDeg * DEG, b = bDeg * DEG;
  const g = [Math.cos(b) * Math.cos(l), Math.cos(b) * Math.sin(l), Math.sin(b)];
  const v = [0, 1, 2].map((i) => R[0][i] * g[0] + R[1][i] * g[1] + R[2][i] * g[2]);
  const ra = Math.atan2(v[1], v[0]) / DEG;
  return { ra: (ra + 360) % 360, dec: Math.asin(Math.max(-1, Math.min(1, v[2]))) / DEG };
}

const OBLIQUITY = 23.4392911 * DEG;

/** J2000 position of an ecliptic longitude on the ecliptic (latitude 0). */
export function eclipticToEquatorial(lonDeg) {
  const lon = lonDeg * DEG;
  const ra = Math.atan2(Math.sin(lon) * Math.cos(OBLIQUITY), Math.cos(lon)) / DEG;
  return { ra: (ra + 360) % 360, dec: Math.asin(Math.sin(lon) * Math.sin(OBLIQUITY)) / DEG };
}

/** Angular separation in degrees (haversine, exact at small angles). */
export function separationDeg(ra1, dec1, ra2, dec2) {
  const s = Math.sin(((dec2 - dec1) * DEG) / 2) ** 2
    + Math.cos(dec1 * DEG) * Math.cos(dec2 * DEG) * Math.sin(((ra2 - ra1) * DEG) / 2) ** 2;
  return (2 * Math.asin(Math.min(1, Math.sqrt(s)))) / DEG;
}

export const MJD_OFFSET = 2400000.5;

/** "YYYY-MM-DD hh:mm:ss" (UTC) of a Julian date. */
export function jdToIso(jd, withTime = true) {
  if (jd == null || !Number.isFinite(jd)) return '';
  const iso = new Date((jd - 2440587.5) * 86400000).toISOString();
  return withTime ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : iso.slice(0, 10);
}

/** Julian date of a JavaScript time (ms since 1970). */
export const msToJd = (ms) => ms / 86400000 + 2440587.5;
