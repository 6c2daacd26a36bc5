import { describe, expect, it } from 'vitest';
import { formatCount } from '../../shared/format.js';

describe('formatCount', () => {
  it('writes whole numbers as toLocaleString("en-US") does, without making an Intl formatter', () => {
    const values = [0, 1, 7, 12, 999, 1000, 1001, 9999, 10_000, 65_536, 123_456, 999_999, 1_000_000, 50_000, 4_294_967_295, Number.MAX_SAFE_INTEGER];
    for (let x = 1; x < 1e15; x = x * 7 + 3) values.push(x);
    for (const v of values) {
      expect(formatCount(v)).toBe(v.toLocaleString('en-US'));
      expect(formatCount(-v)).toBe((-v).toLocaleString('en-US'));
    }
  });

  it('leaves fractions and numbers past 2^53 to toLocaleString', () => {
    for (const v of [1234.5678, 0.5, 2 ** 60, -1e21, NaN, Infinity]) expect(formatCount(v)).toBe(v.toLocaleString('en-US'));
  });
});
