// /api/v1/skymap takes the sky map file as Python writes bytes (str(bytes): b'\x1f\x8b...'), as Fink's clients send it.

const ESCAPES = { 0x5c: '\\\\', 0x27: "\\'", 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

/** The bytes in Python's notation: printable ASCII as is, the usual escapes, \xNN for the rest. */
export function pythonBytes(bytes) {
  const parts = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    parts[i] = ESCAPES[b] ?? (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\x${b.toString(16).padStart(2, '0')}`);
  }
  return `b'${parts.join('')}'`;
}
