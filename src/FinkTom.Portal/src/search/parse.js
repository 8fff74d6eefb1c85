// The search bar's grammar: what a user may type, turned into one search (pure; no DOM, no network).
//
//   ZTF19acihgng                         an object → its page
//   193.8217 2.8973 [10]                 a cone: RA Dec in degrees, optional radius (arcsec unless a unit is given)
//   12:55:17.2 +02:53:50 5   12h55m17.2s +2d53m50s   12 55 17.2 +02 53 50.3
//   ZTF19acihgng r=1m                    a cone around an object's position
//   class="SN candidate" last=20 [after=.. before=.. trend=rising]
//   2023-10-18 04:00 [window=30]         a date search: alerts in a window (minutes, ≤ 180) after a date
//   8467   2010JO69   sso="2010 JO69"    a Solar System object (number or designation as ZTF writes it)
//
// Keywords: class, last (or n), r (or radius), after, before, window, trend, sso. A value runs up to the next
// keyword, so quotes are optional: class=Early SN Ia candidate last=5.

import { parseDec, parseRa } from '../sky/coords.js';

export const DEFAULT_RADIUS_ARCSEC = 10;
export const MAX_RADIUS_ARCSEC = 18000;
export const DEFAULT_CLASS_ROWS = 100;
export const MAX_CLASS_ROWS = 10000;
export const MAX_CONE_ROWS = 100000;
export const DEFAULT_DATE_WINDOW_MIN = 60;
export const MAX_DATE_WINDOW_MIN = 180;

const KEYS = { class: 'class', last: 'last', n: 'last', r: 'radius', radius: 'radius', after: 'after', before: 'before', window: 'window', trend: 'trend', sso: 'sso' };
const KEY_PATTERN = /(?:^|\s)(class|last|n|r|radius|after|before|window|trend|sso)\s*[=:]\s*/gi;
export const OBJECT_ID = /^ZTF\d{2}[a-z]{7}$/i;
const PARTIAL_OBJECT_ID = /^ZTF\d{0,2}[a-z]{0,7}$/i;
const DATE = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?$/;
const JD_OR_MJD = /^\d{5,7}(\.\d+)?$/;
const SSO_NUMBER = /^\d{1,7}$/;
const SSO_DESIGNATION = /^(\d{4}\s?[A-Z]{2}\d{0,4}|\d{1,4}[PDI](-[A-Z]+)?|[CPDXAI]\/\d{4}\s?[A-Z]{1,2}\d{0,4})$/i;

/**
 * Classes the portal searches beside the API's list, as Fink's portal does: `Unknown` (what Fink's classification
 * leaves unknown; /latests answers it) and `Anomaly` (the most anomalous alerts, from /anomaly).
 */
export const PORTAL_CLASSES = ['Unknown', 'Anomaly'];

/** A search the bar understood, or `{ kind: 'error', message }`. Every search carries a human description. */
export function parseSearch(input, apiClassNames = []) {
  const classNames = apiClassNames.length ? [...apiClassNames, ...PORTAL_CLASSES.filter((c) => !apiClassNames.includes(c))] : apiClassNames;
  const text = String(input ?? '').replace(/\s+/g, ' ').trim();
  if (!text) return error('Type an object id, coordinates, a class, a date or a Solar System object.');

  const { free, keys, duplicate } = splitKeywords(text);
  if (duplicate) return error(`\`${duplicate}\` is given twice.`);

  for (const [key, value] of Object.entries(keys))
    if (value === '') return error(`\`${key}\` needs a value.`);

  const radius = keys.radius !== undefined ? parseRadius(keys.radius) : null;
  if (radius && radius.error) return error(radius.error);
  const n = keys.last !== undefined ? parseCount(keys.last) : null;
  if (n && n.error) return error(n.error);
  for (const key of ['after', 'before'])
    if (keys[key] !== undefined && !isDate(keys[key]))
      return error(`\`${key}\` must be a date: 2023-10-18, 2023-10-18 04:00:00, a JD (2460235.5) or an MJD (60235.0); got "${keys[key]}".`);
  if (keys.trend !== undefined && !['rising', 'fading', 'low_state', 'new_low_state'].includes(keys.trend.toLowerCase()))
    return error('`trend` is rising or fading (low_state, new_low_state for "(CTA) Blazar low state").');
  if (keys.trend !== undefined && keys.class === undefined)
    return error('`trend` only applies to a class search: add class=...');

  if (keys.sso !== undefined) return sso(keys.sso.replace(/\s+/g, ''));
  if (keys.class !== undefined) return classSearch(keys, n, classNames);

  if (OBJECT_ID.test(free)) {
    const objectId = normaliseObjectId(free);
    if (radius) return withDates({ kind: 'cone', objectId, radius: radius.value, n: n?.value }, keys);
    return { kind: 'object', objectId, description: `Object ${objectId}` };
  }
  if (PARTIAL_OBJECT_ID.test(free) && /^ztf/i.test(free))
    return error(`"${free}" is not a whole ZTF object id: ids have 12 characters, ZTF, two digits of the year and seven letters (ZTF19acihgng).`);

  const coords = parseCoordinates(free);
  if (coords?.error) return error(coords.error);
  if (coords) {
    const r = radius?.value ?? coords.radius ?? DEFAULT_RADIUS_ARCSEC;
    if (r > MAX_RADIUS_ARCSEC) return error(`The radius is at most ${MAX_RADIUS_ARCSEC} arcsec (5°); got ${r} arcsec.`);
    if (n && n.value > MAX_CONE_ROWS) return error(`\`last\` is at most ${MAX_CONE_ROWS} for a cone search.`);
    return withDates({ kind: 'cone', ra: coords.ra, dec: coords.dec, radius: r, n: n?.value }, keys);
  }

  // A bare integer is an asteroid number, so a JD typed alone needs its decimals.
  if (DATE.test(free) || /^\d{5,7}\.\d+$/.test(free) || (free === '' && keys.after !== undefined)) return dateSearch(free || keys.after, keys, n);

  if (SSO_NUMBER.test(free) || SSO_DESIGNATION.test(free)) return sso(free.replace(/\s+/g, ''));

  const cls = matchClass(free, classNames);
  if (cls) return classSearch({ ...keys, class: cls }, n, classNames);

  if (free === '') return error('Add what to search for: an object id, coordinates or a class.');
  return error(`"${free}" is not an object id, coordinates, a class, a date or a Solar System object. `
    + 'FinkTom resolves no names (it works offline): give coordinates instead, e.g. 193.8217 2.8973 10.');
}

function error(message) { return { kind: 'error', message }; }

function sso(name) {
  if (!name) return error('`sso` needs a number or a designation.');
  return { kind: 'sso', name, description: `Solar System object ${name}` };
}

function classSearch(keys, n, classNames) {
  let cls = keys.class.trim();
  const known = matchClass(cls, classNames);
  if (classNames.length && !known) {
    const close = suggestClasses(cls, classNames, 3);
    return error(`Unknown class "${cls}".` + (close.length ? ` Did you mean ${close.map((c) => `"${c}"`).join(', ')}?` : ''));
  }
  cls = known ?? cls;
  if (cls.toLowerCase() === 'anomaly') cls = 'Anomaly';
  if (cls === 'Anomaly' && keys.trend) return error('`trend` does not apply to Anomaly (the alerts with the highest anomaly score).');
  const count = n?.value ?? DEFAULT_CLASS_ROWS;
  if (count > MAX_CLASS_ROWS) return error(`\`last\` is at most ${MAX_CLASS_ROWS} for a class search.`);
  const q = { kind: 'class', className: cls, n: count };
  if (keys.after) q.startdate = keys.after;
  if (keys.before) q.stopdate = keys.before;
  if (keys.window !== undefined) {
    const w = parseWindowDays(keys.window);
    if (w.error) return error(w.error);
    if (!keys.after) return error('`window` needs `after` (the start of the window).');
    q.window = w.value;
  }
  if (keys.trend) q.trend = keys.trend.toLowerCase();
  q.description = `Last ${count} alerts with class "${cls}"` + dateText(q) + (q.trend ? `, ${q.trend} trend` : '');
  return q;
}

function withDates(q, keys) {
  if (keys.after) q.startdate = keys.after;
  if (keys.before) q.stopdate = keys.before;
  if (keys.window !== undefined) {
    if (!keys.after) return error('`window` needs `after` (the start of the window).');
    const w = parseWindowDays(keys.window);
    if (w.error) return error(w.error);
    q.window = w.value;
  }
  const centre = q.objectId ? `${q.objectId}'s position` : `RA ${round(q.ra, 6)}°, Dec ${round(q.dec, 6)}°`;
  q.description = `Cone search around ${centre}, radius ${round(q.radius, 3)}″`
    + (q.startdate || q.stopdate ? ', objects first detected' : '') + dateText(q);
  return q;
}

function dateSearch(start, keys, n) {
  if (keys.before) return error('A date search takes `window` (minutes after the date), not `before`.');
  let minutes = DEFAULT_DATE_WINDOW_MIN;
  if (keys.window !== undefined) {
    const m = /^(\d+(?:\.\d*)?)\s*(min|m|h|d)?$/i.exec(keys.window);
    if (!m) return error(`\`window\` must be a number of minutes (or 2h); got "${keys.window}".`);
    const factor = { h: 60, d: 1440 }[m[2]?.toLowerCase()] ?? 1;
    minutes = Number(m[1]) * factor;
  }
  if (!(minutes > 0) || minutes > MAX_DATE_WINDOW_MIN)
    return error(`A date search's window is 1 to ${MAX_DATE_WINDOW_MIN} minutes; got ${minutes}.`);
  return { kind: 'date', startdate: start, window: minutes, n: n?.value, description: `Alerts from ${start} over ${minutes} minutes` };
}

function dateText(q) {
  let s = '';
  if (q.startdate) s += ` after ${q.startdate}`;
  if (q.stopdate) s += ` before ${q.stopdate}`;
  if (q.window !== undefined) s += ` within ${q.window} days`;
  return s;
}

/** Splits "free text key=value key2=value2" (keys case-insensitive; quotes around values optional). */
export function splitKeywords(text) {
  const matches = [...text.matchAll(KEY_PATTERN)];
  const keys = {};
  let duplicate = null;
  matches.forEach((m, i) => {
    const key = KEYS[m[1].toLowerCase()];
    const end = i + 1 < matches.length ? matches[i + 1].index : text.length;
    const value = text.slice(m.index + m[0].length, end).trim().replace(/^(["'])(.*)\1$/, '$2').trim();
    if (key in keys) duplicate = m[1];
    keys[key] = value;
  });
  const free = (matches.length ? text.slice(0, matches[0].index) : text).trim();
  return { free, keys, duplicate };
}

/** Radius with an optional unit: d or ° (degrees), m or ' (arcmin), s or " or none (arcsec). Returns arcsec. */
export function parseRadius(text) {
  const m = /^(\d+(?:\.\d*)?|\.\d+)\s*(d|deg|°|m|arcmin|'|s|arcsec|")?$/i.exec(String(text).trim());
  if (!m) return { error: `The radius must be a number with an optional unit (10, 30s, 2m, 0.5d); got "${text}".` };
  const factor = { d: 3600, deg: 3600, '°': 3600, m: 60, arcmin: 60, "'": 60 }[m[2]?.toLowerCase()] ?? 1;
  const value = Number(m[1]) * factor;
  if (!(value > 0)) return { error: 'The radius must be above 0.' };
  if (value > MAX_RADIUS_ARCSEC) return { error: `The radius is at most ${MAX_RADIUS_ARCSEC} arcsec (5°); got ${round(value, 3)} arcsec.` };
  return { value };
}

function parseCount(text) {
  if (!/^\d+$/.test(text) || Number(text) < 1) return { error: `\`last\` must be a whole number of rows, at least 1; got "${text}".` };
  return { value: Number(text) };
}

function parseWindowDays(text) {
  if (!/^\d+(\.\d*)?$/.test(text) || !(Number(text) > 0)) return { error: `\`window\` must be a positive number of days; got "${text}".` };
  return { value: Number(text) };
}

const isDate = (t) => DATE.test(t) || JD_OR_MJD.test(t);

/** Coordinates with an optional trailing radius, or null if the text is not coordinates. */
export function parseCoordinates(text) {
  const t = text.replace(/,/g, ' ').trim();
  if (!t) return null;
  const tokens = t.split(' ');
  const attempts = [];
  if (tokens.length === 6 || tokens.length === 7) // hh mm ss ±dd mm ss [r]
    attempts.push([tokens.slice(0, 3).join(' '), tokens.slice(3, 6).join(' '), tokens[6]]);
  if (tokens.length === 2 || tokens.length === 3)
    attempts.push([tokens[0], tokens[1], tokens[2]]);
  for (const [raText, decText, radiusText] of attempts) {
    const looksSexagesimal = /[:hms ]/i.test(raText);
    const numeric = /^[+-]?\d+(\.\d*)?$/;
    if (!looksSexagesimal && !(numeric.test(raText) && numeric.test(decText))) continue;
    const ra = parseRa(raText), dec = parseDec(decText);
    if (ra === null) return { error: `Right ascension "${raText}" is not valid: 0 ≤ RA < 360 degrees, or hh:mm:ss.s with hh < 24.` };
    if (dec === null) return { error: `Declination "${decText}" is not valid: −90 ≤ Dec ≤ 90 degrees, or ±dd:mm:ss.s.` };
    let radius;
    if (radiusText !== undefined) {
      const r = parseRadius(radiusText);
      if (r.error) return { error: r.error };
      radius = r.value;
    }
    return { ra, dec, radius };
  }
  return null;
}

/** The known class name equal to the text ignoring case, bare SIMBAD labels included ("rrlyr" → "(SIMBAD) RRLyr"). */
export function matchClass(text, classNames) {
  const t = text.trim().toLowerCase();
  if (!t) return null;
  return classNames.find((c) => c.toLowerCase() === t)
    ?? classNames.find((c) => c.toLowerCase() === `(simbad) ${t}`)
    ?? null;
}

/** Class names for completion: those starting with the text first, then those containing it. */
export function suggestClasses(text, classNames, limit = 12) {
  const t = text.trim().toLowerCase();
  const bare = (c) => c.toLowerCase().replace(/^\((simbad|tns|cta)\) /, '');
  if (!t) return classNames.slice(0, limit);
  const starts = classNames.filter((c) => c.toLowerCase().startsWith(t) || bare(c).startsWith(t));
  const contains = classNames.filter((c) => !starts.includes(c) && c.toLowerCase().includes(t));
  return [...starts, ...contains].slice(0, limit);
}

export function normaliseObjectId(text) {
  return 'ZTF' + text.slice(3, 5) + text.slice(5).toLowerCase();
}

const round = (x, digits) => Number(x.toFixed(digits));
