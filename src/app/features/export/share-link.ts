/*
 * Share links carry the whole estate in the URL fragment (`#estate=…`): the native JSON, deflated with the
 * browser's CompressionStream and written as base64url. The fragment is never sent to any server, and the
 * estate model holds no secrets (only names, ids and role assignments), so the link holds none either.
 */
import type { Estate } from '../../../engine';
import { loadNativeFormat } from '../../../engine';

export const FRAGMENT_KEY = 'estate';
/** Longer links are refused: browsers, chat tools and mail clients start truncating URLs around here. */
export const MAX_LINK_LENGTH = 32_000;
/** A decompressed estate larger than this is refused rather than parsed (a zip bomb in a link). */
export const MAX_DECODED_BYTES = 20_000_000;

export type ShareLinkResult =
  { ok: true; url: string; length: number } | { ok: false; length: number; message: string };

async function pipe(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  limit = Infinity,
): Promise<Uint8Array> {
  const output = new Blob([bytes as BlobPart]).stream().pipeThrough(stream);
  const reader = output.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw new RangeError(`the estate it holds is larger than ${Math.round(limit / 1_000_000)} MB`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function fromBase64Url(text: string): Uint8Array {
  const badAt = text.search(/[^A-Za-z0-9_-]/);
  if (badAt >= 0)
    throw new SyntaxError(`character ${badAt + 1} of the encoded estate ("${text[badAt]}") is not base64url`);
  if (text.length % 4 === 1)
    throw new SyntaxError(`the encoded estate is cut short (${text.length} characters)`);
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The fragment payload for an estate: compact native JSON, deflated, base64url. */
export async function encodeEstate(estate: Estate): Promise<string> {
  // Loaded on demand, like everywhere else in the app, so the parser stays out of the first bundle.
  const { writeNativeEstate } = await loadNativeFormat();
  const json = JSON.stringify(JSON.parse(writeNativeEstate(estate, 'json')));
  return toBase64Url(await pipe(new TextEncoder().encode(json), new CompressionStream('deflate-raw')));
}

/** A share link for the estate on top of `base` (the page's address without search or fragment), or why not. */
export async function createShareLink(
  estate: Estate,
  base: string,
  maxLength = MAX_LINK_LENGTH,
): Promise<ShareLinkResult> {
  const url = `${base}#${FRAGMENT_KEY}=${await encodeEstate(estate)}`;
  if (url.length > maxLength)
    return {
      ok: false,
      length: url.length,
      message: `This estate is too large to share as a link (${url.length.toLocaleString('en')} characters; links stop working reliably past ${maxLength.toLocaleString('en')}). Export it as YAML and share the file instead.`,
    };
  return { ok: true, url, length: url.length };
}

/** The encoded estate in a URL fragment (`#estate=…`), or undefined when the fragment is not a share link. */
export function payloadFromHash(hash: string): string | undefined {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.has(FRAGMENT_KEY) ? (params.get(FRAGMENT_KEY) ?? '') : undefined;
}

export type DecodeResult = { ok: true; estate: Estate } | { ok: false; message: string };

/** Reads an estate back from a fragment payload; every failure says where it went wrong, nothing throws. */
export async function decodeEstate(payload: string, maxPayload = MAX_LINK_LENGTH): Promise<DecodeResult> {
  const where = 'The shared link (the part of the address after #estate=)';
  if (payload.length === 0) return { ok: false, message: `${where} is empty.` };
  if (payload.length > maxPayload)
    return {
      ok: false,
      message: `${where} is ${payload.length.toLocaleString('en')} characters long, more than the ${maxPayload.toLocaleString('en')} a share link may be.`,
    };
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(payload);
  } catch (error) {
    return {
      ok: false,
      message: `${where} is damaged: ${(error as Error).message}. Was the link copied whole?`,
    };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(
      await pipe(bytes, new DecompressionStream('deflate-raw'), MAX_DECODED_BYTES),
    );
  } catch (error) {
    const detail = error instanceof RangeError ? error.message : 'its compressed data does not unpack';
    return { ok: false, message: `${where} is damaged: ${detail}. Was the link copied whole?` };
  }
  const { readNativeEstate } = await loadNativeFormat();
  const read = readNativeEstate(text, 'shared link');
  if (!read.estate) {
    const first = read.diagnostics.find((d) => d.severity === 'error') ?? read.diagnostics[0];
    const at = first?.path ? ` (at ${first.path})` : '';
    return {
      ok: false,
      message: `${where} unpacks, but is not a valid estate${at}: ${first?.message ?? 'unknown problem'}`,
    };
  }
  return { ok: true, estate: read.estate };
}
