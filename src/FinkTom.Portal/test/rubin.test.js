import { describe, expect, it } from 'vitest';
import { parseSearch } from '../src/search/parse.js';
import { apiRequest, downloadLinks } from '../src/search/request.js';
import { rubinMagnitude, rubinRows } from '../src/lsst/rubinRows.js';

describe('Rubin searches', () => {
  it('opens a Rubin object page for a diaObjectId, whatever survey is chosen', () => {
    expect(parseSearch('313893023095193658')).toMatchObject({ kind: 'lsstObject', diaObjectId: '313893023095193658' });
    expect(parseSearch('313893023095193658', [], { survey: 'lsst' })).toMatchObject({ kind: 'lsstObject' });
    expect(parseSearch('6281')).toMatchObject({ kind: 'sso' }); // a ZTF asteroid number stays one
  });

  it('searches Rubin cones, tags and designations on the LSST API', () => {
    expect(apiRequest(parseSearch('62.5 -47.8 30', [], { survey: 'lsst' })))
      .toMatchObject({ base: '/lsst/api/v1', endpoint: 'conesearch', params: { ra: 62.5, dec: -47.8, radius: 30 } });
    expect(apiRequest(parseSearch('62.5 -47.8 30 survey=rubin'))).toMatchObject({ base: '/lsst/api/v1', endpoint: 'conesearch' });
    expect(apiRequest(parseSearch('tag=in_tns last=5'))).toMatchObject({ base: '/lsst/api/v1', endpoint: 'tags', params: { tag: 'in_tns', n: 5 } });
    expect(apiRequest(parseSearch('2004 JQ12', [], { survey: 'lsst' }))).toMatchObject({ endpoint: 'sso', params: { n_or_d: '2004 JQ12' } });
    expect(downloadLinks(parseSearch('tag=in_tns'))[0].href).toMatch(/^\/lsst\/api\/v1\/tags\?/);
  });

  it('says what Rubin does not have', () => {
    expect(parseSearch('class=SN candidate', [], { survey: 'lsst' }).message).toMatch(/tags, not classes/);
    expect(parseSearch('tag=In TNS').message).toMatch(/not a tag name/);
    expect(parseSearch('62.5 -47.8 survey=hst').message).toMatch(/ztf or lsst/);
    expect(parseSearch('M31', [], { survey: 'lsst' }).kind).toBe('error');
  });
});

describe('Rubin rows', () => {
  it('keeps the latest alert per object with an AB magnitude, and asteroids by designation', () => {
    const rows = rubinRows([
      { 'r:diaObjectId': '1000000000000000001', 'r:midpointMjdTai': 61105.1, 'r:psfFlux': 1000, 'r:band': 'g', 'r:ra': 1, 'r:dec': 2 },
      { 'r:diaObjectId': '1000000000000000001', 'r:midpointMjdTai': 61106.1, 'r:psfFlux': -5, 'r:band': 'r', 'r:ra': 1, 'r:dec': 2 },
      { 'r:diaObjectId': null, 'r:packed_primary_provisional_designation': 'K04J12Q', 'f:sso_name': '2004 JQ12', 'r:midpointMjdTai': 61105.2, 'r:psfFlux': 10 },
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ objectId: '1000000000000000001', band: 'r', mag: null, detections: 2, href: '/lsst/1000000000000000001' });
    expect(rows[1]).toMatchObject({ objectId: null, sso: '2004 JQ12', classification: 'Solar System object' });
    expect(rubinMagnitude(1000)).toBeCloseTo(23.9, 6);
  });
});
