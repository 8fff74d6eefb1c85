import { describe, expect, it } from 'vitest';
import { formatDec, formatRa, fromGalactic, jdToIso, separationDeg, toGalactic } from '../src/sky/coords.js';
import { project, unproject, X_MAX, Y_MAX } from '../src/sky/mollweide.js';

describe('coordinates', () => {
  it('puts the Galactic centre at l = 0, b = 0 and round-trips', () => {
    const g = toGalactic(266.40499, -28.93617);
    expect(Math.min(g.l, 360 - g.l)).toBeLessThan(0.001);
    expect(g.b).toBeCloseTo(0, 3);
    const back = fromGalactic(123.4, -56.7);
    const again = toGalactic(back.ra, back.dec);
    expect(again.l).toBeCloseTo(123.4, 8);
    expect(again.b).toBeCloseTo(-56.7, 8);
  });

  it('formats sexagesimal with carries at 60', () => {
    expect(formatRa(193.821739)).toBe('12 55 17.22');
    expect(formatDec(-2.897311)).toBe('-02 53 50.3');
    expect(formatRa(359.99999999)).toBe('00 00 00.00');
  });

  it('measures separations across RA 0 and converts JD to UTC dates', () => {
    expect(separationDeg(359.9, 0, 0.1, 0)).toBeCloseTo(0.2, 9);
    expect(jdToIso(2451545.0)).toBe('2000-01-01 12:00:00');
  });
});

describe('Mollweide', () => {
  it('maps the centre to the origin, the poles to the top and bottom, and RA growing leftwards', () => {
    expect(project(180, 0).x).toBeCloseTo(0, 12);
    expect(project(180, 0).y).toBeCloseTo(0, 12);
    expect(project(0, 90).y).toBeCloseTo(Y_MAX, 9);
    expect(project(90, 0).x).toBeCloseTo(X_MAX / 2, 9);
    expect(project(270, 0).x).toBeCloseTo(-X_MAX / 2, 9);
  });

  it('inverts its own projection', () => {
    for (const [lon, lat] of [[10, 20], [200, -70], [359, 1], [180, 89]]) {
      const { x, y } = project(lon, lat);
      const back = unproject(x, y);
      expect(back.lon).toBeCloseTo(lon, 6);
      expect(back.lat).toBeCloseTo(lat, 6);
    }
    expect(unproject(X_MAX, Y_MAX)).toBeNull();
  });
});
