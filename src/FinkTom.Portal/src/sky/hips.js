// An optional survey image under the sky map: CDS's hips2fits service renders a HiPS survey (DSS2, Pan-STARRS) for a
// FITS WCS we give it. The WCS is the map's own Mollweide (MOL) window, so the image lines up with the SVG exactly.
// Online only, off by default: the map never needs it.

export const HIPS_ORIGIN = 'https://alasky.cds.unistra.fr';
export const SURVEYS = [
  ['', 'No survey image'],
  ['CDS/P/DSS2/color', 'DSS2 colour'],
  ['CDS/P/PanSTARRS/DR1/color-z-zg-g', 'Pan-STARRS DR1 colour'],
];

const RAD = 180 / Math.PI;

/**
 * The FITS WCS of an image of `px` × `py` pixels showing the map window `box` ({x, y, w, h} in map units) of a
 * Mollweide map of size W × H drawn `scale` map units per projection unit, centred on longitude `centre`.
 * Mollweide's intermediate world coordinates (Calabretta & Greisen) are the projection units in degrees;
 * longitude grows to the left (CDELT1 < 0) and FITS rows grow upwards.
 */
export function mollweideWcs(box, { W, H, scale, frame, centre }, px, py) {
  const degPerPx = (box.w / px) / scale * RAD, degPerPy = (box.h / py) / scale * RAD;
  const galactic = frame === 'galactic';
  return {
    NAXIS: 2, NAXIS1: px, NAXIS2: py,
    CTYPE1: galactic ? 'GLON-MOL' : 'RA---MOL', CTYPE2: galactic ? 'GLAT-MOL' : 'DEC--MOL',
    CRVAL1: centre, CRVAL2: 0,
    CRPIX1: 0.5 + (W / 2 - box.x) * px / box.w,
    CRPIX2: 0.5 + (box.y + box.h - H / 2) * py / box.h,
    CDELT1: -degPerPx, CDELT2: degPerPy,
    CUNIT1: 'deg', CUNIT2: 'deg',
  };
}

/** The hips2fits URL of a JPEG of `survey` for that WCS. */
export function hipsUrl(survey, wcs) {
  const q = new URLSearchParams({ hips: survey, wcs: JSON.stringify(wcs), format: 'jpg', stretch: 'linear' });
  return `${HIPS_ORIGIN}/hips-image-services/hips2fits?${q}`;
}
