// The WebSocket's two message forms: JSON text, and the binary form for messages holding typed arrays.
import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from '../../shared/contract/wire.js';

describe('wire messages', () => {
  it('stay JSON text when there is no typed array in them', () => {
    const msg = { id: 3, result: { ok: true, value: [{ a: [1, 'two', null], b: { c: 'ü' } }] } };
    const enc = encodeMessage(msg);
    expect(typeof enc).toBe('string');
    expect(decodeMessage(enc)).toEqual(msg);
  });

  it('carry typed arrays of every kind, anywhere in the message, with their values and types intact', () => {
    const value = [
      { name: 'x', f: Float64Array.from([1.5, -0, 2 ** 53, NaN]), nested: { u8: Uint8Array.from([0, 255]), list: [Uint16Array.from([65535])] } },
      { name: 'y', u32: Uint32Array.from([4294967295, 7]), i32: Int32Array.from([-5]), empty: new Float64Array(0), words: ['a', 'b'] },
    ];
    const enc = encodeMessage({ id: 9, result: { ok: true, value } });
    expect(enc).toBeInstanceOf(Uint8Array);
    const got = decodeMessage((enc as Uint8Array).buffer as ArrayBuffer) as { id: number; result: { value: any[] } };
    expect(got.id).toBe(9);
    const [x, y] = got.result.value;
    expect(x.f).toBeInstanceOf(Float64Array);
    expect([...x.f]).toEqual([1.5, -0, 2 ** 53, NaN]);
    expect(Object.is(x.f[1], -0)).toBe(true);
    expect(x.nested.u8).toBeInstanceOf(Uint8Array);
    expect([...x.nested.u8]).toEqual([0, 255]);
    expect([...x.nested.list[0]]).toEqual([65535]);
    expect([...y.u32]).toEqual([4294967295, 7]);
    expect([...y.i32]).toEqual([-5]);
    expect(y.empty).toBeInstanceOf(Float64Array);
    expect(y.empty).toHaveLength(0);
    expect(y.words).toEqual(['a', 'b']);
  });

  it('leave the message it encodes untouched (the catalog keeps its lists in memory and sends them again)', () => {
    const cols = { f: Float64Array.from([1, 2]) };
    const msg = { id: 1, result: { ok: true, value: [cols] } };
    encodeMessage(msg);
    expect(msg.result.value[0]).toBe(cols);
    expect(cols.f).toBeInstanceOf(Float64Array);
  });

  it('decode from a Node Buffer at any offset in its pool (as the ws library hands them over)', () => {
    const enc = encodeMessage({ id: 1, v: { f: Float64Array.from([3.25]) } }) as Uint8Array;
    const pool = new Uint8Array(enc.length + 3);
    pool.set(enc, 3);
    const got = decodeMessage(Buffer.from(pool.buffer, 3, enc.length)) as { v: { f: Float64Array } };
    expect([...got.v.f]).toEqual([3.25]);
  });

  it('refuse typed arrays it has no kind for instead of sending them wrong', () => {
    expect(() => encodeMessage({ v: new Float32Array(1) })).toThrow(/Float32Array/);
  });
});
