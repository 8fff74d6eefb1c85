// FinkTom's REST API, as the portal calls it: POST with a JSON body, 64-bit ids as strings (IEEE754Compatible).

export class ApiError extends Error {
  constructor(status, message, parameter) {
    super(message);
    this.status = status;
    this.parameter = parameter;
  }
}

const ACCEPT = 'application/json;IEEE754Compatible=true';

/** Rows of a table answer (or the JSON of another answer). Throws ApiError with the API's own message. */
export async function post(endpoint, body, { signal } = {}) {
  return request(`/api/v1/${endpoint}`, { method: 'POST', headers: { Accept: ACCEPT, 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal });
}

/** The same for Fink's Rubin (LSST) API under /lsst/api/v1. */
export async function postLsst(endpoint, body, { signal } = {}) {
  return request(`/lsst/api/v1/${endpoint}`, { method: 'POST', headers: { Accept: ACCEPT, 'Content-Type': 'application/json' }, body: JSON.stringify(body), signal });
}

export async function get(endpoint, { signal } = {}) {
  return request(`/api/v1/${endpoint}`, { headers: { Accept: ACCEPT }, signal });
}

async function request(url, init) {
  let response;
  try {
    response = await fetch(url, init);
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'The FinkTom server cannot be reached. Is it still running?');
  }
  if (!response.ok) {
    let text = `${response.status} ${response.statusText}`, parameter;
    try {
      const body = await response.json();
      text = body.text ?? text;
      parameter = body.parameter ?? undefined;
    } catch { /* not JSON: keep the status line */ }
    throw new ApiError(response.status, text, parameter);
  }
  return response.json();
}

let classesPromise = null;

/** Every class name /latests accepts (Fink, TNS, SIMBAD), fetched once. */
export function classNames() {
  classesPromise ??= get('classes').then((groups) => Object.values(groups).flat()).catch((e) => { classesPromise = null; throw e; });
  return classesPromise;
}

/** The URL of a cutout PNG (or FITS) of an alert. */
export function cutoutUrl(objectId, kind, { candid, stretch, colormap, format } = {}) {
  const p = new URLSearchParams({ objectId, kind });
  if (candid) p.set('candid', candid);
  if (format) p.set('output-format', format);
  else {
    if (stretch) p.set('stretch', stretch);
    if (colormap) p.set('colormap', colormap);
  }
  return `/api/v1/cutouts?${p}`;
}

/** The URL of a Rubin cutout (PNG by default) of one diaSource. */
export function lsstCutoutUrl(diaSourceId, kind, { format } = {}) {
  const p = new URLSearchParams({ diaSourceId, kind });
  if (format) p.set('output-format', format);
  return `/lsst/api/v1/cutouts?${p}`;
}
