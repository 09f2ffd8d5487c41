import { describe, expect, it } from 'vitest';
import { crc32, zipTextFiles } from './zip';

/** Reads a stored ZIP back through its central directory, the way unzip tools do. */
function readZip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const decoder = new TextDecoder();
  const files = new Map<string, string>();
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    const dataStart = local + 30 + view.getUint16(local + 26, true);
    const data = bytes.subarray(dataStart, dataStart + size);
    expect(crc32(data)).toBe(view.getUint32(at + 16, true));
    files.set(name, decoder.decode(data));
    at += 46 + nameLength;
  }
  return files;
}

describe('zipTextFiles', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });

  it('stores every file so that it reads back byte for byte, names in UTF-8', () => {
    const entries = [
      { path: 'main.bicep', text: "targetScope = 'subscription'\n" },
      { path: 'modules/rg-ml-prod.bicep', text: 'param principalId string\n' },
      { path: 'modules/équipe.bicep', text: '// café ✓\n' },
    ];
    const files = readZip(zipTextFiles(entries));
    expect([...files.entries()]).toEqual(entries.map((entry) => [entry.path, entry.text]));
  });
});
