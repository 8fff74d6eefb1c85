import { describe, expect, it } from 'vitest';
import { airmass, altAz, gmstDeg, hoursObservable, jdOf, moonPosition, nightSamples, separation, sunPosition, twilight } from '../src/science/ephemeris.js';

const hms = (h, m, s) => 15 * (h + m / 60 + s / 3600);
const dms = (sign, d, m, s) => sign * (d + m / 60 + s / 3600);
const angleDiff = (a, b) => Math.abs(((a - b + 540) % 360) - 180);

describe('time', () => {
  it('gives the Julian date of J2000.0 and Meeus 7.a', () => {
    expect(jdOf(Date.UTC(2000, 0, 1, 12))).toBe(2451545.0);
    expect(jdOf(Date.UTC(1957, 9, 4, 19, 26, 24))).toBeCloseTo(2436116.31, 6);
  });

  it('gives Greenwich mean sidereal time as Meeus 12.a and 12.b', () => {
    expect(angleDiff(gmstDeg(2446895.5), hms(13, 10, 46.3668))).toBeLessThan(1e-5);
    expect(angleDiff(gmstDeg(jdOf(Date.UTC(1987, 3, 10, 19, 21, 0))), hms(8, 34, 57.0896))).toBeLessThan(1e-5);
  });
});

describe('horizontal coordinates', () => {
  it('puts Venus where Meeus 13.b finds it from Washington (1987 April 10, 19:21 UT)', () => {
    const lat = dms(1, 38, 55, 17), lon = -dms(1, 77, 3, 56);
    const { alt, az } = altAz(hms(23, 9, 16.641), dms(-1, 6, 43, 11.61), jdOf(Date.UTC(1987, 3, 10, 19, 21, 0)), lat, lon);
    // Meeus uses apparent sidereal time (0.24 s more): within 0.005°.
    expect(alt).toBeCloseTo(15.1249, 2);
    expect(angleDiff(az, 68.0337 + 180)).toBeLessThan(0.005); // Meeus counts azimuth from the south
  });

  it('sees the celestial pole at the latitude and a star culminating at 90° − |lat − dec|', () => {
    const jd = 2460000.3;
    expect(altAz(123, 90, jd, 28.76, -17.89).alt).toBeCloseTo(28.76, 9);
    const lst = gmstDeg(jd) - 70.74; // a star on Cerro Pachón's meridian
    const { alt, az } = altAz(lst, -10, jd, -30.24, -70.74);
    expect(alt).toBeCloseTo(90 - 20.24, 9);
    expect(az).toBeCloseTo(0, 6); // north of the zenith, seen from the south
  });
});

describe('airmass', () => {
  it('is 1 at the zenith, close to sec z high up, finite at the horizon and absent below it', () => {
    expect(airmass(90)).toBeCloseTo(1, 3);
    expect(airmass(60)).toBeCloseTo(1 / Math.sin(Math.PI / 3), 2);
    expect(airmass(30)).toBeGreaterThan(1.99);
    expect(airmass(30)).toBeLessThan(2.0);
    expect(airmass(0.001)).toBeGreaterThan(35);
    expect(airmass(0.001)).toBeLessThan(40);
    expect(airmass(-1)).toBeNull();
  });

  it('grows as the altitude falls', () => {
    for (let a = 1; a < 90; a++) expect(airmass(a)).toBeGreaterThan(airmass(a + 1));
  });
});

describe('Sun and Moon', () => {
  it('puts the Sun where Meeus 25.a does (1992 October 13, 0h)', () => {
    const sun = sunPosition(2448908.5);
    expect(angleDiff(sun.ra, hms(13, 13, 31.4))).toBeLessThan(0.02);
    expect(sun.dec).toBeCloseTo(dms(-1, 7, 47, 1), 1);
  });

  it('puts the Moon where Meeus 47.a does (1992 April 12, 0h) within the formula\'s 0.3°', () => {
    const moon = moonPosition(2448724.5);
    expect(angleDiff(moon.ra, 134.688470)).toBeLessThan(0.4);
    expect(Math.abs(moon.dec - 13.768368)).toBeLessThan(0.4);
  });

  it('knows a full and a new Moon', () => {
    expect(moonPosition(jdOf(Date.UTC(2024, 0, 25, 17, 54))).illumination).toBeGreaterThan(0.99);
    expect(moonPosition(jdOf(Date.UTC(2024, 1, 9, 22, 59))).illumination).toBeLessThan(0.01);
  });

  it('measures separations', () => {
    expect(separation(10, 0, 350, 0)).toBeCloseTo(20, 9);
    expect(separation(0, 90, 180, 89)).toBeCloseTo(1, 9);
  });
});

describe('a night at a site', () => {
  const rubin = { lat: -30.2446, lon: -70.7494 };

  it('centres the samples on local solar midnight, dark at the middle and light at the ends', () => {
    const { midnight, samples } = nightSamples('2025-06-21', rubin, { ra: 266.4, dec: -29.0 });
    const lowest = samples.reduce((a, b) => (b.sunAlt < a.sunAlt ? b : a));
    expect(Math.abs(lowest.ms - midnight)).toBeLessThanOrEqual(10 * 60000);
    expect(twilight(lowest.sunAlt)).toBe('night');
    expect(twilight(samples[0].sunAlt)).toBe('day');
    // Local midnight at -70.75° is about 04:43 UTC on the next day
    expect(new Date(midnight).toISOString().slice(0, 13)).toBe('2025-06-22T04');
    // The Galactic centre passes overhead in a Chilean June night: transit near the zenith, hours of dark time.
    expect(Math.max(...samples.map((p) => p.alt))).toBeGreaterThan(88);
    expect(hoursObservable(samples)).toBeGreaterThan(6);
  });

  it('never raises a far-southern target above a northern site', () => {
    const { samples } = nightSamples('2025-06-21', { lat: 33.356, lon: -116.865 }, { ra: 0, dec: -80 });
    expect(samples.every((p) => p.alt < 0 && p.airmass === null)).toBe(true);
    expect(hoursObservable(samples)).toBe(0);
  });
});
