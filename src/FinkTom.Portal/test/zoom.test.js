import { describe, expect, it } from 'vitest';
import { clampRange, colourPairs, dateTicks, zoomRange } from '../src/plot/timeAxis.js';
import { hipsUrl, mollweideWcs } from '../src/sky/hips.js';
import { project, X_MAX, Y_MAX } from '../src/sky/mollweide.js';
import { clampView, fitView, formatAngle, formatHours, gridStep, panBy, viewBox, zoomAt } from '../src/sky/view.js';

const W = 2 * X_MAX * 140, H = 2 * Y_MAX * 140;

describe('sky map view', () => {
  it('zooms about a point that stays put on screen', () => {
    const v = { cx: 400, cy: 200, w: 800 };
    const at = { x: 100, y: 50 };
    const z = zoomAt(v, 4, at);
    expect(z.w).toBe(200);
    // The point's fraction across the window is unchanged.
    const before = viewBox(v, W, H), after = viewBox(z, W, H);
    expect((at.x - after.x) / after.w).toBeCloseTo((at.x - before.x) / before.w, 12);
    expect((at.y - after.y) / after.h).toBeCloseTo((at.y - before.y) / before.h, 12);
    expect(zoomAt(z, 0.25, at)).toEqual(expect.objectContaining({ w: 800 }));
  });

  it('fits a small cluster tightly and keeps the window on the map', () => {
    const pts = [[96.3, 73.5], [96.4, 73.6], [96.35, 73.55]].map(([ra, dec]) => {
      const p = project(ra, dec);
      return { x: W / 2 + p.x * 140, y: H / 2 - p.y * 140 };
    });
    const v = fitView(pts, W, H, { minW: 0.01 });
    const box = viewBox(v, W, H);
    for (const p of pts) {
      expect(p.x).toBeGreaterThanOrEqual(box.x);
      expect(p.x).toBeLessThanOrEqual(box.x + box.w);
      expect(p.y).toBeGreaterThanOrEqual(box.y);
      expect(p.y).toBeLessThanOrEqual(box.y + box.h);
    }
    expect(v.w).toBeLessThan(W / 100); // a 0.1° cluster does not get the whole sky
    expect(fitView([], W, H)).toEqual({ cx: W / 2, cy: H / 2, w: W });
    expect(fitView([{ x: 5, y: 5 }], W, H, { minW: 10 }).w).toBe(10); // one point: the minimum window
  });

  it('clamps zoom-out to the whole map and pans only within it', () => {
    const whole = clampView({ cx: 0, cy: 0, w: 5 * W }, W, H, 1);
    expect(whole.w).toBe(W);
    expect(whole.cx).toBeCloseTo(W / 2, 9);
    expect(whole.cy).toBeCloseTo(H / 2, 9);
    const c = clampView(panBy({ cx: 10, cy: 10, w: 100 }, -1000, -1000), W, H, 1);
    expect(c.cx).toBe(50);
    expect(c.cy).toBeCloseTo(50 * H / W, 9);
  });

  it('picks a grid step that follows the zoom and labels it in matching units', () => {
    expect(gridStep(360, 6)).toBe(30);
    expect(gridStep(10, 4)).toBe(2);
    expect(gridStep(0.5, 4)).toBeCloseTo(1 / 12, 12); // 5′
    expect(formatAngle(73.5, 0.5)).toBe('73°30′');
    expect(formatAngle(-2.5, 1)).toBe('−3°'); // whole degrees at a 1° step
    expect(formatAngle(10 + 5 / 3600, 5 / 3600)).toBe('10°00′05″');
    expect(formatHours(90, 30)).toBe('6h');
    expect(formatHours(96.5, 0.5)).toBe('6h26m');
    expect(formatHours(359.9999999, 15)).toBe('0h');
  });
});

describe('survey image WCS', () => {
  it('describes the whole map as a Mollweide image centred where the map is', () => {
    const wcs = mollweideWcs({ x: 0, y: 0, w: W, h: H }, { W, H, scale: 140, frame: 'equatorial', centre: 180 }, 800, 400);
    expect(wcs.CTYPE1).toBe('RA---MOL');
    expect(wcs.CRVAL1).toBe(180);
    expect(wcs.CRPIX1).toBeCloseTo(400.5, 9);
    expect(wcs.CRPIX2).toBeCloseTo(200.5, 9);
    expect(wcs.CDELT1).toBeLessThan(0); // longitude grows to the left
    // 800 pixels span the Mollweide's full x range, 4√2 projection units = 4√2·180/π degrees.
    expect(-wcs.CDELT1 * 800).toBeCloseTo(4 * Math.SQRT2 * 180 / Math.PI, 9);
    const url = new URL(hipsUrl('CDS/P/DSS2/color', wcs));
    expect(url.origin).toBe('https://alasky.cds.unistra.fr');
    expect(JSON.parse(url.searchParams.get('wcs')).NAXIS1).toBe(800);
  });
});

describe('light-curve time axis', () => {
  it('zooms a range about a time and clamps it', () => {
    expect(zoomRange([0, 100], 2)).toEqual([25, 75]);
    expect(zoomRange([0, 100], 2, 0)).toEqual([0, 50]);
    expect(clampRange([-500, 900], [0, 100], 0.1)).toEqual([0, 100]);
    expect(clampRange([10, 10.001], [0, 100], 0.1)).toEqual([9.9505, 10.0505].map((v) => expect.closeTo(v, 9)));
    expect(clampRange([1000, 1010], [0, 100], 0.1)).toEqual([140, 150]); // panned no further than half a width past the end
  });

  it('puts calendar ticks on round dates inside the range', () => {
    // MJD 59475 = 2021-09-16; MJD 60272.6 ≈ 2023-11-21: six-monthly ticks.
    const long = dateTicks(59475, 60272.6, 5);
    expect(long.map((t) => t.label)).toEqual(['2022-01', '2022-07', '2023-01', '2023-07']);
    expect(long[0].value).toBe(59580); // 2022-01-01
    const week = dateTicks(59580, 59587, 5);
    expect(week.map((t) => t.label)).toEqual(['2022-01-01', '2022-01-03', '2022-01-05', '2022-01-07']);
    const night = dateTicks(59580.1, 59580.5, 4);
    expect(night.map((t) => t.label)).toEqual(['2022-01-01 03h', '2022-01-01 06h', '2022-01-01 09h', '2022-01-01 12h']);
    for (const t of [...long, ...week, ...night]) expect(Number.isInteger(Math.round(t.value * 24 * 1e6) / 1e6)).toBe(true);
    expect(dateTicks(5, 5)).toEqual([]);
  });

  it('pairs g and r detections closer than half a day, each detection once, closest first', () => {
    const pts = [
      { t: 10.0, mag: 18.0, sigma: 0.03, band: 'g' },
      { t: 10.1, mag: 17.6, sigma: 0.04, band: 'r' },
      { t: 10.2, mag: 17.5, sigma: 0.04, band: 'r' },
      { t: 12.0, mag: 18.2, sigma: 0.05, band: 'g' }, // no r within 0.5 d
      { t: 20.0, mag: 19.0, sigma: 0.1, band: 'r' },
      { t: 20.4, mag: 19.3, sigma: 0.1, band: 'g' },
    ];
    const pairs = colourPairs(pts, 0.5);
    expect(pairs).toHaveLength(2);
    expect(pairs[0].colour).toBeCloseTo(0.4, 12);
    expect(pairs[0].t).toBeCloseTo(10.05, 12);
    expect(pairs[0].sigma).toBeCloseTo(0.05, 12);
    expect(pairs[1].colour).toBeCloseTo(0.3, 12);
    expect(colourPairs(pts.filter((p) => p.band === 'g'))).toEqual([]);
  });
});
