import { describe, expect, it } from 'vitest';
import { batcher, curvePoint, sparkPoints } from '../src/results/cards.js';
import { formatValue } from '../src/results/table.js';
import { tonight } from '../src/object/observability.js';

describe('batched light-curve requests', () => {
  it('sends the keys asked within one task together, in chunks, each key once, and answers each caller', async () => {
    const calls = [];
    const load = batcher(async (keys) => { calls.push(keys); return new Map(keys.map((k) => [k, [`${k}!`]])); }, 3);
    const ids = ['a', 'b', 'c', 'd', 'a'];
    const answers = await Promise.all(ids.map(load));
    expect(calls).toEqual([['a', 'b', 'c'], ['d']]);
    expect(answers).toEqual([['a!'], ['b!'], ['c!'], ['d!'], ['a!']]);
    await load('e');
    expect(calls.at(-1)).toEqual(['e']);
  });

  it('gives an empty list for a key the answer lacks and passes a failure to every caller of its chunk', async () => {
    expect(await batcher(async () => new Map())('x')).toEqual([]);
    const failing = batcher(async () => { throw new Error('503'); });
    await expect(Promise.all([failing('x'), failing('y')])).rejects.toThrow('503');
  });
});

describe('thumbnail light curve', () => {
  it('puts the first point left, the last right, brighter magnitudes higher, inside the padded box', () => {
    const placed = sparkPoints([{ jd: 10, mag: 18 }, { jd: 20, mag: 19 }, { jd: 15, mag: NaN }], 100, 50, 5);
    expect(placed).toHaveLength(2);
    expect(placed[0]).toMatchObject({ x: 5, y: 5 });
    expect(placed[1]).toMatchObject({ x: 95, y: 45 });
  });

  it('centres a single point and keeps random curves inside the box', () => {
    expect(sparkPoints([{ jd: 3, mag: 17 }], 100, 50, 5)[0]).toMatchObject({ x: 50, y: 25 });
    for (let trial = 0; trial < 200; trial++) {
      const pts = Array.from({ length: 1 + (trial % 17) }, () => ({ jd: 2450000 + Math.random() * 3000, mag: 12 + Math.random() * 10 }));
      for (const p of sparkPoints(pts, 160, 64, 5)) {
        expect(p.x).toBeGreaterThanOrEqual(5 - 1e-9); expect(p.x).toBeLessThanOrEqual(155 + 1e-9);
        expect(p.y).toBeGreaterThanOrEqual(5 - 1e-9); expect(p.y).toBeLessThanOrEqual(59 + 1e-9);
      }
    }
  });
});

describe('thumbnail points from /objects rows', () => {
  it('places detections at magpsf and upper limits at diffmaglim, keeping the kind', () => {
    expect(curvePoint({ 'i:jd': 2461122.5, 'i:magpsf': 17.7, 'i:diffmaglim': 20.1, 'i:fid': 1, 'd:tag': 'valid' }))
      .toEqual({ jd: 2461122.5, mag: 17.7, fid: 1, kind: 'valid' });
    expect(curvePoint({ 'i:jd': 2461121, 'i:magpsf': null, 'i:diffmaglim': 20.4, 'i:fid': 2, 'd:tag': 'upperlim' }))
      .toEqual({ jd: 2461121, mag: 20.4, fid: 2, kind: 'upperlim' });
    // Without withupperlim there is no d:tag: the row is an alert, i.e. a valid detection.
    expect(curvePoint({ 'i:jd': 1, 'i:magpsf': 18, 'i:fid': 1 }).kind).toBe('valid');
    // A missing limit is not a point at magnitude 0.
    expect(Number.isNaN(curvePoint({ 'i:jd': 1, 'i:magpsf': null, 'i:diffmaglim': null, 'i:fid': 1, 'd:tag': 'upperlim' }).mag)).toBe(true);
  });
});

describe('added table columns', () => {
  it('rounds doubles to 6 significant digits and keeps integers, 64-bit ids (text) and strings as written', () => {
    expect(formatValue(0.647142857)).toBe('0.647143');
    expect(formatValue(1234567.891)).toBe('1234570');
    expect(formatValue(42)).toBe('42');
    expect(formatValue('3367537290415015010')).toBe('3367537290415015010');
    expect(formatValue(null)).toBe('');
    expect(formatValue(false)).toBe('false');
  });

  it('keeps any double within 6 significant digits of its value', () => {
    for (let i = 0; i < 500; i++) {
      const v = (Math.random() - 0.5) * 10 ** (Math.floor(Math.random() * 16) - 8);
      if (Number.isInteger(v) || v === 0) continue;
      expect(Math.abs(Number(formatValue(v)) - v)).toBeLessThanOrEqual(Math.abs(v) * 5e-6);
    }
  });
});

describe('tonight', () => {
  it('is the evening date of the night under way or coming at a longitude', () => {
    // 03:00 UTC on 2 June is the evening of 1 June at Palomar (about 19:10 local solar time) and in Chile (about 22:20).
    expect(tonight(-116.865, Date.UTC(2025, 5, 2, 3))).toBe('2025-06-01');
    expect(tonight(-70.75, Date.UTC(2025, 5, 2, 3))).toBe('2025-06-01');
    // Noon in France starts the evening of that day.
    expect(tonight(5.71, Date.UTC(2025, 5, 2, 12))).toBe('2025-06-02');
    expect(tonight(5.71, Date.UTC(2025, 5, 2, 10))).toBe('2025-06-01');
  });
});
