import { describe, expect, it } from 'vitest';
import { pythonBytes } from '../src/gw/pythonBytes.js';

describe('pythonBytes', () => {
  it('writes bytes as Python does: printable ASCII, the usual escapes, \\xNN otherwise', () => {
    const bytes = new Uint8Array([0x1f, 0x8b, 0x08, 0x00, 0x61, 0x27, 0x22, 0x5c, 0x0a, 0x09, 0x0d, 0x7f, 0xff]);
    expect(pythonBytes(bytes)).toBe(String.raw`b'\x1f\x8b\x08\x00a\'"\\\n\t\r\x7f\xff'`);
  });

  it('writes empty bytes as b\'\'', () => {
    expect(pythonBytes(new Uint8Array())).toBe("b''");
  });
});
