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
  const name = utf8(args.join('-'));
  const input = new Uint8Array(GUID_NAMESPACE.length + name.length);
  input.set(GUID_NAMESPACE, 0);
  input.set(name, GUID_NAMESPACE.length);
  const hash = sha1(input);
  hash[6] = ((hash[6] as number) & 0x0f) | 0x50; // version 5
  hash[8] = ((hash[8] as number) & 0x3f) | 0x80; // the RFC 4122 variant
  let hex = '';
  for (let i = 0; i < 16; i++) hex += (hash[i] as number).toString(16).padStart(2, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
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
  let n = 0;
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
  return bytes.subarray(0, n);
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

/** SHA-1 (FIPS 180-4) of a byte array: the 20-byte digest. */
function sha1(message: Uint8Array): Uint8Array {
  // Padding: a 1 bit, zeros, then the length in bits as a big-endian 64-bit number, to a multiple of 64 bytes.
  const padded = new Uint8Array((((message.length + 8) >> 6) + 1) << 6);
  padded.set(message);
  padded[message.length] = 0x80;
  const bits = message.length * 8;
  const view = new DataView(padded.buffer);
  view.setUint32(padded.length - 8, Math.floor(bits / 0x100000000));
  view.setUint32(padded.length - 4, bits >>> 0);
  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const w = SCHEDULE;
  for (let block = 0; block < padded.length; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(block + t * 4);
    for (let t = 16; t < 80; t++)
      w[t] = rotl(((w[t - 3] as number) ^ (w[t - 8] as number) ^ (w[t - 14] as number) ^ (w[t - 16] as number)) >>> 0, 1);
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    // The four rounds of 20 steps differ only in their function of b, c, d and their constant.
    for (let t = 0; t < 80; t++) {
      const f =
        t < 20 ? (b & c) | (~b & d) : t < 40 ? b ^ c ^ d : t < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const k = t < 20 ? 0x5a827999 : t < 40 ? 0x6ed9eba1 : t < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const next = (rotl(a, 5) + f + e + k + (w[t] as number)) >>> 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = next;
    }
    h0 = (h0 + a) >>> 0;
    h1 = (h1 + b) >>> 0;
    h2 = (h2 + c) >>> 0;
    h3 = (h3 + d) >>> 0;
    h4 = (h4 + e) >>> 0;
  }
  const digest = new Uint8Array(20);
  const out = new DataView(digest.buffer);
  out.setUint32(0, h0);
  out.setUint32(4, h1);
  out.setUint32(8, h2);
  out.setUint32(12, h3);
  out.setUint32(16, h4);
  return digest;
}
