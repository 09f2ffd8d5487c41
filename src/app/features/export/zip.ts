/**
 * A ZIP archive of text files, stored without compression. Bicep output is a main file plus one module per
 * resource group, and a browser can only hand over one download at a time; the files are a few kilobytes,
 * so compressing them would buy nothing and cost a dependency.
 */

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as ZIP uses it (the IEEE polynomial, reflected). */
export function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

export interface ZipEntry {
  /** Path inside the archive, with `/` between folders. */
  path: string;
  text: string;
}

// 1 January 2000, 00:00: a fixed timestamp keeps the archive identical for identical content.
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
// Bit 11: names are UTF-8.
const FLAGS = 0x0800;

/**
 * The run of fields a local file header and its central directory entry both hold, in the same order: flags,
 * method (stored), time, date, CRC-32, compressed and uncompressed sizes, name length.
 */
function writeSharedFields(view: DataView, at: number, file: { name: Uint8Array; data: Uint8Array; crc: number }): void {
  view.setUint16(at, FLAGS, true);
  view.setUint16(at + 2, 0, true); // stored
  view.setUint16(at + 4, DOS_TIME, true);
  view.setUint16(at + 6, DOS_DATE, true);
  view.setUint32(at + 8, file.crc, true);
  view.setUint32(at + 12, file.data.length, true);
  view.setUint32(at + 16, file.data.length, true);
  view.setUint16(at + 20, file.name.length, true);
}

/** Builds the archive. Paths are used as given; callers pass relative paths without `..`. */
export function zipTextFiles(entries: readonly ZipEntry[]): Uint8Array<ArrayBuffer> {
  const encoder = new TextEncoder();
  const files = entries.map((entry) => {
    const name = encoder.encode(entry.path);
    const data = encoder.encode(entry.text);
    return { name, data, crc: crc32(data) };
  });
  const localSize = files.reduce((sum, file) => sum + 30 + file.name.length + file.data.length, 0);
  const centralSize = files.reduce((sum, file) => sum + 46 + file.name.length, 0);
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (const file of files) {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    view.setUint16(at + 4, 20, true); // version needed: 2.0
    writeSharedFields(view, at + 6, file);
    view.setUint16(at + 28, 0, true);
    out.set(file.name, at + 30);
    out.set(file.data, at + 30 + file.name.length);
    at += 30 + file.name.length + file.data.length;
  }
  const centralStart = at;
  files.forEach((file, index) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // made by: 2.0
    view.setUint16(at + 6, 20, true);
    writeSharedFields(view, at + 8, file);
    // Extra, comment, disk, internal and external attributes stay zero.
    view.setUint32(at + 42, offsets[index] ?? 0, true);
    out.set(file.name, at + 46);
    at += 46 + file.name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, files.length, true);
  view.setUint16(at + 10, files.length, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  return out;
}
