import { describe, expect, it } from 'vitest';
import { parseNight, rubinStatistics, yearsBetween, ztfStatistics } from '../src/stats/statsData.js';

describe('ZTF night statistics', () => {
  const rows = [
    { 'key:key': 'ztf_20231019', 'basic:raw': '5', 'basic:sci': '4', 'basic:n_g': '1', 'basic:n_r': '3', 'class:SN candidate': '2', 'class:Unknown': '2', 'class:simbad_tot': '9' },
    { 'key:key': 'ztf_20191101', 'basic:raw': 11, 'basic:sci': 11, 'basic:n_g': 0, 'basic:n_r': 11, 'class:Unknown': 4, 'class:QSO': 0 },
    { 'key:key': 'not a night', 'basic:raw': 99 },
  ];

  it('reads nights in date order, counts as numbers whether text or not, and skips rows without a night', () => {
    const s = ztfStatistics(rows);
    expect(s.nights.map((n) => n.night)).toEqual(['2019-11-01', '2023-10-19']);
    expect(s.totals).toEqual({ raw: 16, sci: 15, g: 1, r: 14 });
    expect(s.nights[0].day).toBe(Date.UTC(2019, 10, 1) / 86400000);
  });

  it('sums classes over the nights, largest first, without empty classes or SIMBAD totals', () => {
    expect(ztfStatistics(rows).classes).toEqual([{ name: 'Unknown', total: 6 }, { name: 'SN candidate', total: 2 }]);
  });

  it('lists every year between the first and the last alert, newest first', () => {
    expect(yearsBetween(['2019-11-01 12:37:38', '2023-10-19 01:00:00', '—', null])).toEqual(['2023', '2022', '2021', '2020', '2019']);
    expect(yearsBetween(['—', undefined])).toEqual([]);
  });
});

describe('Rubin night statistics', () => {
  it('reads f:night, f:alerts and the alerts per band', () => {
    const s = rubinStatistics([{ 'f:night': '20260306', 'f:alerts': 7, 'f:alerts_i': 7, 'f:objects': 5 }, { 'f:night': '20260305', 'f:alerts': '3', 'f:alerts_g': '3' }]);
    expect(s.nights.map((n) => n.night)).toEqual(['2026-03-05', '2026-03-06']);
    expect(s.totals.alerts).toBe(10);
    expect(s.bands.find((b) => b.name === 'i').total).toBe(7);
    expect(s.bands.find((b) => b.name === 'g').total).toBe(3);
    expect(s.bands.map((b) => b.name)).toEqual(['u', 'g', 'r', 'i', 'z', 'y']);
  });
});

describe('nights', () => {
  it('accepts only YYYYMMDD', () => {
    expect(parseNight('20200229')).toEqual({ night: '2020-02-29', day: Date.UTC(2020, 1, 29) / 86400000 });
    for (const bad of ['2020022', 'ztf_20200229', '', null, undefined, '2020-02-29', '20210229', '20201301', '20200100']) expect(parseNight(bad)).toBeNull();
  });
});

describe('nights, any input', () => {
  it('reads every valid YYYYMMDD back to the same calendar day and refuses any other text', () => {
    for (let i = 0; i < 500; i++) {
      const ms = Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 20000) * 86400000;
      const iso = new Date(ms).toISOString().slice(0, 10);
      expect(parseNight(iso.replaceAll('-', ''))).toEqual({ night: iso, day: ms / 86400000 });
      const junk = Array.from({ length: Math.floor(Math.random() * 10) }, () => String.fromCharCode(32 + Math.floor(Math.random() * 90))).join('');
      if (!/^\d{8}$/.test(junk)) expect(parseNight(junk)).toBeNull();
    }
  });
});
