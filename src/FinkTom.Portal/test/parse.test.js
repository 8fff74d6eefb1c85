import { describe, expect, it } from 'vitest';
import { parseSearch, parseRadius, suggestClasses } from '../src/search/parse.js';
import { apiRequest, downloadLinks } from '../src/search/request.js';

const CLASSES = ['SN candidate', 'Early SN Ia candidate', '(SIMBAD) RRLyr', '(SIMBAD) QSO', '(TNS) SN Ia'];

describe('search bar', () => {
  it('opens an object page for a ZTF id, whatever its case', () => {
    expect(parseSearch('ztf19ACIHGNG')).toMatchObject({ kind: 'object', objectId: 'ZTF19acihgng' });
  });

  it('explains a partial object id instead of searching', () => {
    expect(parseSearch('ZTF19acih')).toMatchObject({ kind: 'error' });
    expect(parseSearch('ZTF19acih').message).toMatch(/12 characters/);
  });

  it('reads decimal coordinates with a radius in arcsec by default', () => {
    expect(parseSearch('193.821739 2.897311 5')).toMatchObject({ kind: 'cone', ra: 193.821739, dec: 2.897311, radius: 5 });
    expect(parseSearch('193.8 -2.9')).toMatchObject({ kind: 'cone', radius: 10 });
  });

  it('reads the three sexagesimal forms to the same position', () => {
    const forms = ['12:55:17.2 +02:53:50.3', '12h55m17.2s +02d53m50.3s', '12 55 17.2 +02 53 50.3'];
    for (const text of forms) {
      const q = parseSearch(text);
      expect(q.kind).toBe('cone');
      expect(q.ra).toBeCloseTo(193.821667, 5);
      expect(q.dec).toBeCloseTo(2.897306, 5);
    }
    expect(parseSearch('12 55 17.2 -02 53 50.3 30').dec).toBeCloseTo(-2.897306, 5);
    expect(parseSearch('12 55 17.2 -02 53 50.3 30').radius).toBe(30);
  });

  it('takes radius units: degrees, arcminutes, arcseconds', () => {
    expect(parseRadius('0.5d').value).toBe(1800);
    expect(parseRadius("2'").value).toBe(120);
    expect(parseRadius('2m').value).toBe(120);
    expect(parseRadius('30s').value).toBe(30);
    expect(parseSearch('10 20 r=1m')).toMatchObject({ kind: 'cone', radius: 60 });
  });

  it('refuses out-of-range coordinates and radii with a message', () => {
    expect(parseSearch('400 10').message).toMatch(/Right ascension/);
    expect(parseSearch('10 95').message).toMatch(/Declination/);
    expect(parseSearch('25:00:00 +10:00:00').message).toMatch(/Right ascension/);
    expect(parseSearch('10 20 r=6d').message).toMatch(/at most 18000/);
  });

  it('makes a cone around an object when a radius is given', () => {
    expect(parseSearch('ZTF19acihgng r=20')).toMatchObject({ kind: 'cone', objectId: 'ZTF19acihgng', radius: 20 });
  });

  it('reads class searches with and without quotes, and bare class names', () => {
    expect(parseSearch('class="SN candidate" last=20', CLASSES)).toMatchObject({ kind: 'class', className: 'SN candidate', n: 20 });
    expect(parseSearch('class=early sn ia candidate', CLASSES)).toMatchObject({ kind: 'class', className: 'Early SN Ia candidate', n: 100 });
    expect(parseSearch('RRLyr', CLASSES)).toMatchObject({ kind: 'class', className: '(SIMBAD) RRLyr' });
    expect(parseSearch('class=SN candidate trend=rising after=2023-01-01', CLASSES)).toMatchObject({ trend: 'rising', startdate: '2023-01-01' });
  });

  it('suggests close classes for an unknown class', () => {
    const q = parseSearch('class=SN candidat', CLASSES);
    expect(q.kind).toBe('error');
    expect(q.message).toMatch(/SN candidate/);
  });

  it('completes class names, prefix matches first', () => {
    expect(suggestClasses('rr', CLASSES)).toEqual(['(SIMBAD) RRLyr']);
    expect(suggestClasses('sn', CLASSES)[0]).toBe('SN candidate');
    expect(suggestClasses('candidate', CLASSES)).toEqual(['SN candidate', 'Early SN Ia candidate']);
  });

  it('reads date searches with a window in minutes', () => {
    expect(parseSearch('2019-11-05 01:00:00 window=30')).toMatchObject({ kind: 'date', startdate: '2019-11-05 01:00:00', window: 30 });
    expect(parseSearch('after=2019-11-05 window=2h')).toMatchObject({ kind: 'date', window: 120 });
    expect(parseSearch('2459540.5')).toMatchObject({ kind: 'date', window: 60 });
    expect(parseSearch('2019-11-05 window=500').message).toMatch(/180 minutes/);
  });

  it('reads Solar System objects by number and designation', () => {
    expect(parseSearch('8467')).toMatchObject({ kind: 'sso', name: '8467' });
    expect(parseSearch('2010 JO69')).toMatchObject({ kind: 'sso', name: '2010JO69' });
    expect(parseSearch('sso="2010 JO69"')).toMatchObject({ kind: 'sso', name: '2010JO69' });
  });

  it('says what it cannot resolve', () => {
    expect(parseSearch('Vega', CLASSES).message).toMatch(/resolves no names/);
    expect(parseSearch('').kind).toBe('error');
    expect(parseSearch('10 20 trend=rising').message).toMatch(/class search/);
  });
});

describe('API requests', () => {
  it('maps each search to its endpoint with the API parameter names', () => {
    expect(apiRequest(parseSearch('10 20 5'))).toMatchObject({ endpoint: 'conesearch', params: { ra: 10, dec: 20, radius: 5 } });
    expect(apiRequest(parseSearch('class=SN candidate last=5', CLASSES))).toMatchObject({ endpoint: 'latests', params: { class: 'SN candidate', n: 5 } });
    expect(apiRequest(parseSearch('2019-11-05 window=30'))).toMatchObject({ endpoint: 'explorer', params: { startdate: '2019-11-05', window: 30 } });
    expect(apiRequest(parseSearch('8467'))).toMatchObject({ endpoint: 'sso', params: { n_or_d: '8467' } });
  });

  it('searches Unknown on /latests and Anomaly on /anomaly, as Fink\'s portal does', () => {
    expect(parseSearch('class=Unknown', CLASSES)).toMatchObject({ kind: 'class', className: 'Unknown' });
    expect(apiRequest(parseSearch('class=Unknown last=50', CLASSES))).toMatchObject({ endpoint: 'latests', params: { class: 'Unknown', n: 50 } });
    expect(apiRequest(parseSearch('class=anomaly after=2023-10-18 before=2023-10-20', CLASSES)))
      .toMatchObject({ endpoint: 'anomaly', params: { start_date: '2023-10-18', stop_date: '2023-10-20' } });
    expect(parseSearch('class=Anomaly trend=rising', CLASSES).message).toMatch(/does not apply to Anomaly/);
    expect(parseSearch('class=Unkno', CLASSES).message).toMatch(/Did you mean "Unknown"/);
  });

  it('turns a class search window into a stop date', () => {
    const q = parseSearch('class=SN candidate after=2023-10-18 window=2', CLASSES);
    expect(apiRequest(q).params).toMatchObject({ startdate: '2023-10-18', stopdate: '2023-10-20 00:00:00' });
  });

  it('offers downloads in every API format with every column', () => {
    const links = downloadLinks(parseSearch('10 20 5'));
    expect(links.map((l) => l.id)).toEqual(['json', 'csv', 'votable', 'parquet']);
    const url = new URL(links[1].href, 'http://x');
    expect(url.pathname).toBe('/api/v1/conesearch');
    expect(url.searchParams.get('output-format')).toBe('csv');
    expect(url.searchParams.has('columns')).toBe(false);
  });
});
