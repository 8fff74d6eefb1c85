import { describe, expect, it } from 'vitest';
import { niceTicks, tickFormat } from '../src/plot/svgPlot.js';

describe('plot axes', () => {
  it('puts round ticks inside the range', () => {
    const ticks = niceTicks(14.7, 17.3, 6);
    expect([...ticks]).toEqual([15, 15.5, 16, 16.5, 17]);
    expect(ticks.step).toBe(0.5);
  });

  it('labels close MJD ticks with enough decimals that none repeat', () => {
    const ticks = niceTicks(59540.23, 59540.43, 4);
    const labels = ticks.map(tickFormat(ticks.step));
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels[0]).toBe('59540.25');
  });
});
