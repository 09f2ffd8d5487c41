/**
 * ARM's two hashing template functions, `uniqueString(...)` and `guid(...)`, computed exactly as Azure computes
 * them, so that a name built from them (`concat('st', uniqueString(resourceGroup().id))`, a role assignment's
 * `guid(...)` name) is the name of the deployed resource and matches it in an export.
 *
 * Both join their arguments with '-' and hash the UTF-8 bytes of the result:
 * - `uniqueString`: Microsoft's 64-bit MurmurHash variant (two 32-bit lanes built from MurmurHash3's x86 mixing),
 *   written out in Azure App Service's Kudu (HashHelper.MurmurHash64,
 *   https://github.com/Azure-App-Service/KuduLite/blob/27ef54b02a58d53888a0f1314787fcda306902e8/Kudu.Core/Helpers/HashHelper.cs),
 *   then 13 base32 characters (a-z, 2-7) read from the hash's most significant bits down.
 * - `guid`: a name-based UUID of version 5 (SHA-1, RFC 4122 section 4.3) in ARM's fixed namespace
 *   11fb06fb-712d-4ddd-98c7-e71bbd588830.
 * The test vectors in hashes.test.ts come from Microsoft's own tests, which run ARM's expression library.
 */

/** The namespace every ARM `guid()` is made in, as its 16 bytes in network order. */
const GUID_NAMESPACE = hexBytes('11fb06fb712d4ddd98c7e71bbd588830');

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** `uniqueString(args...)` as ARM computes it: 13 characters from a-z and 2-7. */
export function armUniqueString(args: readonly string[]): string {
  const [high, low] = murmurHash64(utf8(args.join('-')));
  // 13 groups of 5 bits from the top of the 64-bit value; the last group has 4 bits, followed by a zero bit.
  let out = '';
  let hi = high;
  let lo = low;
  for (let i = 0; i < 13; i++) {
    out += BASE32[hi >>> 27];
    hi = ((hi << 5) | (lo >>> 27)) >>> 0;
    lo = (lo << 5) >>> 0;
  }
  return out;
}

/** `guid(args...)` as ARM computes it: a version 5 UUID of the arguments joined with '-', lower case. */
export function armGuid(args: readonly string[]): string {
  // The namespace and the name's UTF-8 bytes are written straight into the reused padded block buffer, and the
  // digest's words are read as hex without a digest array: a template names each of its role assignments so,
  // and the arrays of each step were a large share of reading a template's garbage.
  const text = args.join('-');
  const message = guidBlocks(GUID_NAMESPACE.length + text.length * 3);
  message.set(GUID_NAMESPACE, 0);
  const length = GUID_NAMESPACE.length + encodeUtf8(text, message, GUID_NAMESPACE.length);
  const digest = sha1Words(message, length);
  // Version 5 in the high nibble of byte 6; the RFC 4122 variant in the two high bits of byte 8.
  const b1 = (((digest[1] as number) & 0xffff0fff) | 0x5000) >>> 0;
  const b2 = (((digest[2] as number) & 0x3fffffff) | 0x80000000) >>> 0;
  return `${hex32(digest[0] as number)}-${hex16(b1 >>> 16)}-${hex16(b1 & 0xffff)}-${hex16(b2 >>> 16)}-${hex16(b2 & 0xffff)}${hex32(digest[3] as number)}`;
}

/** Two hex digits for each byte value. */
const HEX_BYTES = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

/** A 16-bit value as 4 hex digits. */
function hex16(value: number): string {
  return (HEX_BYTES[(value >>> 8) & 255] as string) + (HEX_BYTES[value & 255] as string);
}

/** A 32-bit value as 8 hex digits. */
function hex32(value: number): string {
  return hex16(value >>> 16) + hex16(value & 0xffff);
}

/** The buffer SHA-1 reads its padded message from, reused by every call (the engine is single-threaded). */
let blocks = new Uint8Array(256);

/** {@link blocks}, grown to hold a message of up to `bytes` bytes and its padding. */
function guidBlocks(bytes: number): Uint8Array {
  const needed = (((bytes + 8) >> 6) + 1) << 6;
  if (blocks.length < needed) blocks = new Uint8Array(Math.max(needed, blocks.length * 2));
  return blocks;
}

function hexBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return bytes;
}

/**
 * The UTF-8 bytes of a text, as .NET's Encoding.UTF8 gives them (a lone surrogate becomes U+FFFD). The engine has
 * no TextEncoder (it runs without DOM or Node types), so this is written out.
 */
function utf8(text: string): Uint8Array {
  // At most 3 bytes for each UTF-16 unit (a surrogate pair, two units, takes 4).
  const bytes = new Uint8Array(text.length * 3);
  return bytes.subarray(0, encodeUtf8(text, bytes, 0));
}

/** Writes the UTF-8 bytes of `text` (see {@link utf8}) into `bytes` from `at` (room for 3 per unit); their count. */
function encodeUtf8(text: string, bytes: Uint8Array, at: number): number {
  let n = at;
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code < 0x80) {
      bytes[n++] = code;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      } else code = 0xfffd;
    }
    if (code < 0x800) {
      bytes[n++] = 0xc0 | (code >> 6);
    } else if (code < 0x10000) {
      bytes[n++] = 0xe0 | (code >> 12);
      bytes[n++] = 0x80 | ((code >> 6) & 0x3f);
    } else {
      bytes[n++] = 0xf0 | (code >> 18);
      bytes[n++] = 0x80 | ((code >> 12) & 0x3f);
      bytes[n++] = 0x80 | ((code >> 6) & 0x3f);
    }
    bytes[n++] = 0x80 | (code & 0x3f);
  }
  return n - at;
}

const rotl = (value: number, count: number): number => ((value << count) | (value >>> (32 - count))) >>> 0;

/** Little-endian 32-bit word of up to 4 bytes from `at`. */
function word(data: Uint8Array, at: number, count: number): number {
  let value = 0;
  for (let i = count - 1; i >= 0; i--) value = (value << 8) | (data[at + i] as number);
  return value >>> 0;
}

/** MurmurHash3's final mix of a 32-bit lane. */
function finalMix(h: number): number {
  let x = h;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Microsoft's MurmurHash64 with seed 0, as [high 32 bits, low 32 bits]. */
function murmurHash64(data: Uint8Array): [number, number] {
  const c1 = 0x239b961b;
  const c2 = 0xab0e9789;
  const length = data.length;
  let h1 = 0;
  let h2 = 0;
  let at = 0;
  const mixK1 = (k: number) => Math.imul(rotl(Math.imul(k, c1) >>> 0, 15), c2) >>> 0;
  const mixK2 = (k: number) => Math.imul(rotl(Math.imul(k, c2) >>> 0, 17), c1) >>> 0;
  for (; at + 8 <= length; at += 8) {
    h1 = (h1 ^ mixK1(word(data, at, 4))) >>> 0;
    h1 = (Math.imul(rotl(h1, 19) + h2, 5) + 0x561ccd1b) >>> 0;
    h2 = (h2 ^ mixK2(word(data, at + 4, 4))) >>> 0;
    h2 = (Math.imul(rotl(h2, 13) + h1, 5) + 0x0bcaa747) >>> 0;
  }
  const tail = length - at;
  if (tail > 0) {
    h1 = (h1 ^ mixK1(word(data, at, Math.min(tail, 4)))) >>> 0;
    if (tail > 4) h2 = (h2 ^ mixK2(word(data, at + 4, tail - 4))) >>> 0;
  }
  h1 = (h1 ^ length) >>> 0;
  h2 = (h2 ^ length) >>> 0;
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  h1 = finalMix(h1);
  h2 = finalMix(h2);
  h1 = (h1 + h2) >>> 0;
  h2 = (h2 + h1) >>> 0;
  return [h2, h1];
}

/** SHA-1's message schedule, reused by every call (the engine is single-threaded). */
const SCHEDULE = new Uint32Array(80);

/** The digest of {@link sha1Words}, reused by every call: read it before the next. */
const DIGEST = new Uint32Array(5);

/**
 * SHA-1 (FIPS 180-4) of the first `length` bytes of `buffer`, as its five 32-bit words (big-endian: the first word
 * is the digest's first four bytes). The message is padded in place, so `buffer` must have room for the padding
 * ({@link guidBlocks}); the four rounds run as four loops, without a test of the step in each.
 */
function sha1Words(buffer: Uint8Array, length: number): Uint32Array {
  // Padding: a 1 bit, zeros, then the length in bits as a big-endian 64-bit number, to a multiple of 64 bytes.
  const end = (((length + 8) >> 6) + 1) << 6;
  buffer[length] = 0x80;
  buffer.fill(0, length + 1, end - 8);
  const bits = length * 8;
  const high = Math.floor(bits / 0x100000000);
  const low = bits >>> 0;
  buffer[end - 8] = high >>> 24;
  buffer[end - 7] = (high >>> 16) & 255;
  buffer[end - 6] = (high >>> 8) & 255;
  buffer[end - 5] = high & 255;
  buffer[end - 4] = low >>> 24;
  buffer[end - 3] = (low >>> 16) & 255;
  buffer[end - 2] = (low >>> 8) & 255;
  buffer[end - 1] = low & 255;
  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const w = SCHEDULE;
  for (let block = 0; block < end; block += 64) {
    for (let t = 0; t < 16; t++) {
      const at = block + t * 4;
      w[t] =
        (((buffer[at] as number) << 24) |
          ((buffer[at + 1] as number) << 16) |
          ((buffer[at + 2] as number) << 8) |
          (buffer[at + 3] as number)) >>>
        0;
    }
    for (let t = 16; t < 80; t++) {
      const x = (w[t - 3] as number) ^ (w[t - 8] as number) ^ (w[t - 14] as number) ^ (w[t - 16] as number);
      w[t] = (x << 1) | (x >>> 31);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    let t = 0;
    for (; t < 20; t++) {
      const next = (((a << 5) | (a >>> 27)) + ((b & c) | (~b & d)) + e + 0x5a827999 + (w[t] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    for (; t < 40; t++) {
      const next = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0x6ed9eba1 + (w[t] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    for (; t < 60; t++) {
      const next = (((a << 5) | (a >>> 27)) + ((b & c) | (b & d) | (c & d)) + e + 0x8f1bbcdc + (w[t] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    for (; t < 80; t++) {
      const next = (((a << 5) | (a >>> 27)) + (b ^ c ^ d) + e + 0xca62c1d6 + (w[t] as number)) | 0;
      e = d;
      d = c;
      c = (b << 30) | (b >>> 2);
      b = a;
      a = next;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  DIGEST[0] = h0;
  DIGEST[1] = h1;
  DIGEST[2] = h2;
  DIGEST[3] = h3;
  DIGEST[4] = h4;
  return DIGEST;
}
