// The object card: position, dates, detections, classification and its history, cross-matches, archives, downloads.
import { formatDec, formatRa, jdToIso, toGalactic } from '../sky/coords.js';
import { classColour } from '../ui/classColors.js';
import { h } from '../ui/dom.js';
import { FORMATS } from '../search/request.js';

export function summaryCard(objectId, data) {
  const { alerts, tags, latest } = data;
  const ra = latest['i:ra'], dec = latest['i:dec'];
  const gal = toGalactic(ra, dec);
  const detections = tags.valid;
  const first = detections[0]?.['i:jd'] ?? latest['i:jdstarthist'];
  const last = detections.at(-1)?.['i:jd'] ?? latest['i:jd'];

  const counts = new Map();
  for (const a of alerts) counts.set(a['v:classification'], (counts.get(a['v:classification']) ?? 0) + 1);
  const badges = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([c, n]) =>
    h('span.badge', { style: `--c:${classColour(c)}`, title: `${n} of ${alerts.length} alerts` }, c, alerts.length > 1 ? ` ×${n}` : ''));

  const xmatch = [
    ['SIMBAD', latest['d:cdsxmatch'], (v) => v !== 'Unknown' && v !== 'Fail'],
    ['TNS', latest['d:tns']], ['VSX', latest['d:vsx']], ['GCVS', latest['d:gcvs']], ['Gaia DR3', latest['d:DR3Name']],
    ['Solar System object', ssoName(latest)], ['Tracklet', latest['d:tracklet']],
  ].filter(([, v, ok]) => v && v !== 'Unknown' && v !== 'null' && (!ok || ok(v)));

  const dl = (label, value) => [h('dt', label), h('dd', value)];
  return h('section.card.summary', { 'aria-labelledby': 'object-title' },
    h('h2#object-title', { tabindex: '-1' }, objectId),
    h('div.badges', badges),
    classificationBar(alerts),
    h('dl.facts',
      dl('RA, Dec (J2000)', [h('span.mono', `${ra.toFixed(6)}°, ${dec >= 0 ? '+' : ''}${dec.toFixed(6)}°`), h('br'), h('span.mono', `${formatRa(ra)}  ${formatDec(dec)}`)]),
      dl('Galactic l, b', h('span.mono', `${gal.l.toFixed(5)}°, ${gal.b >= 0 ? '+' : ''}${gal.b.toFixed(5)}°`)),
      dl('First detection', jdToIso(first) + ' UTC'),
      dl('Last detection', jdToIso(last) + ' UTC'),
      dl('Duration', `${(last - first).toFixed(2)} days`),
      dl('Measurements', `${tags.valid.length} good, ${tags.badquality.length} bad quality, ${tags.upperlim.length} upper limits`),
      dl('Alerts received', String(alerts.length)),
      xmatch.map(([label, value]) => dl(label, label === 'Solar System object' ? h('a', { href: `/?q=${encodeURIComponent('sso=' + value)}`, 'data-link': '' }, value) : value))),
    h('details.links', { open: window.innerWidth > 900 }, h('summary', 'Other archives and brokers'), externalLinks(objectId, ra, dec)),
    h('details.links', h('summary', 'Download this light curve'),
      h('p', FORMATS.map((f) => h('a.button', {
        href: `/api/v1/objects?${new URLSearchParams({ objectId, withupperlim: 'true', 'output-format': f.id })}`, download: `${objectId}.${f.ext}`,
      }, f.label))),
      h('pre.snippet', `curl -X POST ${location.origin}/api/v1/objects \\\n  -H 'Content-Type: application/json' \\\n  -d '{"objectId": "${objectId}", "withupperlim": true}'`)));
}

export function ssoName(row) {
  const n = row['i:ssnamenr'];
  return n && n !== 'null' ? n : null;
}

/** One segment per alert, in time order, coloured by its classification. */
function classificationBar(alerts) {
  if (alerts.length < 2) return null;
  return h('div.class-bar', { role: 'img', 'aria-label': `Classification of each of the ${alerts.length} alerts, oldest first` },
    alerts.map((a) => h('span', { style: `--c:${classColour(a['v:classification'])}`, title: `${jdToIso(a['i:jd'])}: ${a['v:classification']}` })));
}

function externalLinks(objectId, ra, dec) {
  const radec = `${ra.toFixed(6)} ${dec >= 0 ? '+' : ''}${dec.toFixed(6)}`;
  const links = [
    ['SIMBAD (5″)', `https://simbad.cds.unistra.fr/simbad/sim-coo?Coord=${encodeURIComponent(radec)}&Radius=5&Radius.unit=arcsec`],
    ['NED (5″)', `https://ned.ipac.caltech.edu/conesearch?coordinates=${encodeURIComponent(radec)}&radius=0.0833&in_csys=Equatorial&in_equinox=J2000`],
    ['TNS (5″)', `https://www.wis-tns.org/search?ra=${ra}&decl=${dec}&radius=5&coords_unit=arcsec`],
    ['VizieR (5″)', `https://vizier.cds.unistra.fr/viz-bin/VizieR?-c=${encodeURIComponent(radec)}&-c.rs=5`],
    ['Aladin Lite', `https://aladin.cds.unistra.fr/AladinLite/?target=${encodeURIComponent(radec)}&fov=0.05&survey=P%2FPanSTARRS%2FDR1%2Fcolor-z-zg-g`],
    ['Legacy Surveys', `https://www.legacysurvey.org/viewer?ra=${ra}&dec=${dec}&layer=ls-dr10&zoom=16&mark=${ra},${dec}`],
    ['SNAD ZTF DR', `https://ztf.snad.space/search/${ra}%20${dec}/5`],
    ['Fink', `https://ztf.fink-portal.org/${objectId}`],
    ['ALeRCE', `https://alerce.online/object/${objectId}`],
    ['Lasair', `https://lasair-ztf.lsst.ac.uk/objects/${objectId}`],
  ];
  return h('ul.external', links.map(([label, href]) => h('li', h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label))));
}
