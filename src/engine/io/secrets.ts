import type { CredentialKind } from '../model/types';

/**
 * Secret detection shared by every reader. The estate model never holds a credential value; readers keep only
 * what kind of credential a datastore or connection stores, and drop any other value that looks secret. The
 * tests here lean towards dropping: losing a harmless value costs a label, keeping a key costs a leak.
 */

/** What readers put where a secret value was dropped, so that the reader of an estate sees something was there. */
export const REDACTED = '<redacted>';

// The shortest any of the shapes in looksLikeSecretValue can be (an `sk-` key).
const SHORTEST_SECRET = 23;
/** Text made of token characters only ({@link isTokenChar}). */
const WHOLE_TOKEN = /^[0-9A-Za-z+/=_.-]+$/;
const PEM_HEADER = '-----BEGIN';

/** True for a `${{...}}` expression: a reference that Azure ML resolves at run time, not a value. */
export function isSecretReference(value: string): boolean {
  return /^\s*\$\{\{[^}]*\}\}\s*$/.test(value);
}

/**
 * True when `value` is a stand-in rather than a value: empty, `<redacted>`-style markers, `***`, or a
 * `${{...}}` reference. Files meant for sharing use these where the key was.
 */
export function isPlaceholderValue(value: string): boolean {
  const trimmed = value.trim();
  return (
    trimmed === '' ||
    /^<[^<>]{0,60}>$/.test(trimmed) ||
    /^\*+$/.test(trimmed) ||
    /^x{3,}$/i.test(trimmed) ||
    /^(redacted|hidden|secret|none|null)$/i.test(trimmed) ||
    isSecretReference(trimmed)
  );
}

// Names whose value is a credential whatever it looks like, matched on the last word (or last two words) of the
// key, so that `AZURE_CLIENT_SECRET`, `clientSecret`, `storage-account-key` and `GITHUB_PAT` all hit while
// `SECRET_NAME`, `KEY_VAULT_URL`, `ssh_public_key` and `ENABLE_COMPAT` do not.
const SECRET_LAST_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'secret',
  'token',
  'apikey',
  'accesskey',
  'accountkey',
  'privatekey',
  'secretkey',
  'sastoken',
  'sas',
  'pat',
  'connectionstring',
  'connstr',
  'certificate',
  'cert',
  'credential',
  'credentials',
  'key',
  'signature',
  'sig',
]);
const NOT_SECRET_LAST_TWO = new Set(['publickey', 'keyid', 'tokentype']);

/** Splits `AZURE_CLIENT_SECRET`, `clientSecret` or `client-secret` into lower-case words. */
function keyWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/**
 * {@link isSecretKey}'s answers by key: readers ask it of the same few field and tag names over and over (a large
 * template repeats each thousands of times). Bounded, so that a stream of distinct names cannot grow it without end.
 */
const SECRET_KEY_ANSWERS = new Map<string, boolean>();
const MAX_SECRET_KEY_ANSWERS = 10_000;

/** True when a field or environment variable name says its value is a credential (`AZURE_CLIENT_SECRET`, `account_key`). */
export function isSecretKey(key: string): boolean {
  let answer = SECRET_KEY_ANSWERS.get(key);
  if (answer === undefined) {
    answer = secretKeyWords(key);
    if (SECRET_KEY_ANSWERS.size >= MAX_SECRET_KEY_ANSWERS) SECRET_KEY_ANSWERS.clear();
    SECRET_KEY_ANSWERS.set(key, answer);
  }
  return answer;
}

function secretKeyWords(key: string): boolean {
  const words = keyWords(key);
  const last = words[words.length - 1];
  if (last === undefined) return false;
  const lastTwo = words.slice(-2).join('');
  if (NOT_SECRET_LAST_TWO.has(lastTwo)) return false;
  return SECRET_LAST_WORDS.has(last) || SECRET_LAST_WORDS.has(lastTwo);
}

/**
 * True when a value looks like a credential whatever its key: storage connection strings with a key or SAS,
 * SAS query strings, PEM private keys, JWTs, GitHub tokens, storage account keys, and long random-looking tokens.
 */
export function looksLikeSecretValue(value: string): boolean {
  const text = value.trim();
  // Every shape below has a `=` (`Pwd=`, `sig=`, a base64 key's padding), a PEM header, or is one token (see
  // couldBeToken): anything else is no secret, without the pattern tests (a reader asks this of every tag and
  // free text it keeps).
  if (!text.includes('=') && !text.includes(PEM_HEADER) && !(WHOLE_TOKEN.test(text) && couldBeToken(text, 0, text.length)))
    return false;
  if (text === '' || isSecretReference(text)) return false;
  if (/(AccountKey|SharedAccessKey|SharedAccessSignature|Password|Pwd)\s*=/i.test(text)) return true;
  if (hasSasQuery(text)) return true;
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return true;
  if (/^eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]*$/.test(text)) return true;
  if (/^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}$/.test(text) || /^github_pat_\w{30,}$/.test(text)) return true;
  if (/^[A-Za-z0-9+/]{86}==$/.test(text)) return true;
  if (/^sk-[A-Za-z0-9_-]{20,}$/.test(text)) return true;
  // Long unbroken tokens mixing upper case, lower case and digits: paths, URLs, image names and hex digests
  // all fail one of these tests, random keys rarely do.
  if (
    text.length >= 32 &&
    !/[\s/.:@]/.test(text) &&
    /[A-Z]/.test(text) &&
    /[a-z]/.test(text) &&
    /[0-9]/.test(text) &&
    /^[A-Za-z0-9+/=_-]+$/.test(text)
  ) {
    return true;
  }
  return false;
}

/** The characters keys, tokens and signatures are made of. */
function isTokenChar(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    code === 0x2b || // +
    code === 0x2f || // /
    code === 0x3d || // =
    code === 0x5f || // _
    code === 0x2e || // .
    code === 0x2d // -
  );
}


/**
 * The credential-shaped tokens inside `value` when it is more than one token (`token: ghp_…`, `Bearer eyJ…`).
 * A hand-written scan: a regular expression with a `{23,}` run overflows V8's stack on a 50 MB value.
 */
function embeddedSecretTokens(value: string): string[] {
  if (value.length <= SHORTEST_SECRET) return [];
  const found: string[] = [];
  let start = -1;
  for (let i = 0; i <= value.length; i++) {
    if (i < value.length && isTokenChar(value.charCodeAt(i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    // The whole value is one token: looksLikeSecretValue has already answered for it.
    if (start === 0 && i === value.length) break;
    // A sentence may end right after a token.
    let end = i;
    while (end > start && value.charCodeAt(end - 1) === 0x2e) end--;
    if (end - start >= SHORTEST_SECRET) {
      const token = value.slice(start, end);
      if (looksLikeSecretValue(token)) found.push(token);
    }
    start = -1;
  }
  return found;
}

/**
 * Whether `text` from `start` to `end` (token characters) could be one of the shapes of looksLikeSecretValue that
 * have no `=`: at least SHORTEST_SECRET long, without `/` (none of them has one), and without `.` unless it is a
 * JWT (`eyJ…`). A resource type or ARM path (`Microsoft.Storage/storageAccounts`) is a long run of token
 * characters, and templates are full of them.
 */
function couldBeToken(text: string, start: number, end: number): boolean {
  if (end - start < SHORTEST_SECRET) return false;
  const jwt = text.startsWith('eyJ', start);
  for (let i = start; i < end; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x2f || (code === 0x2e && !jwt)) return false;
  }
  return true;
}

/** A token character other than `/`, which no credential shape without `=` holds (see couldBeToken). */
function isRunChar(code: number): boolean {
  return code !== 0x2f && isTokenChar(code);
}

/**
 * Whether `value` has a run of token characters (split at `/`) that {@link couldBeToken}, trailing dots left out
 * as embeddedSecretTokens leaves them. Looks at the last character of each window of SHORTEST_SECRET first and
 * steps back only while it is part of a run, so that text broken up by quotes, spaces and brackets (names,
 * expressions) is ruled out reading a fraction of its characters.
 */
function hasTokenRun(value: string): boolean {
  const n = value.length;
  let start = 0;
  while (start + SHORTEST_SECRET <= n) {
    let breaker = start + SHORTEST_SECRET - 1;
    while (breaker >= start && isRunChar(value.charCodeAt(breaker))) breaker--;
    if (breaker >= start) {
      // No run of SHORTEST_SECRET can hold the breaker: the next one starts after it.
      start = breaker + 1;
      continue;
    }
    let end = start + SHORTEST_SECRET;
    while (end < n && isRunChar(value.charCodeAt(end))) end++;
    let trimmed = end;
    while (trimmed > start && value.charCodeAt(trimmed - 1) === 0x2e) trimmed--;
    if (couldBeToken(value, start, trimmed)) return true;
    start = end + 1;
  }
  return false;
}

/**
 * True when `value` looks like a credential ({@link looksLikeSecretValue}) or carries one among other text: a
 * token pasted after a label, or a line break that kept `token: ghp_…` from being read as a mapping.
 */
export function containsSecretValue(value: string): boolean {
  // Every shape looksLikeSecretValue knows is at least SHORTEST_SECRET long, or has a `=` (`Pwd=`, `sig=`); a
  // reader asks this of every string it reads, and most are short names or expressions.
  if (value.includes('=')) return looksLikeSecretValue(value) || embeddedSecretTokens(value).length > 0;
  // Without a `=`, every shape is a run of SHORTEST_SECRET token characters or a PEM header: one pass rules out
  // nearly every string (names, expressions, ids broken by quotes or spaces) before the pattern tests.
  if (value.length < SHORTEST_SECRET || (!hasTokenRun(value) && !value.includes(PEM_HEADER))) return false;
  return looksLikeSecretValue(value) || embeddedSecretTokens(value).length > 0;
}

/**
 * `value` with every credential in it replaced by {@link REDACTED}: the whole of it when it looks like one,
 * else each credential-shaped token inside it, the text around them kept.
 */
export function redactSecrets(value: string): string {
  if (looksLikeSecretValue(value)) return REDACTED;
  let text = value;
  for (const token of embeddedSecretTokens(value)) text = text.split(token).join(REDACTED);
  return text;
}

/** True when a URL or query string carries a shared access signature (`sig=` next to `sv=`/`se=`/`sp=`). */
export function hasSasQuery(text: string): boolean {
  const query = text.includes('?') ? text.slice(text.indexOf('?') + 1) : text;
  return /(^|[&?])sig=/i.test(query) && /(^|[&?])(sv|se|sp|st|spr|srt|ss)=/i.test(query);
}

/** True when either the key or the value says "secret". `${{...}}` references are never secret. */
export function looksLikeSecret(key: string, value: unknown): boolean {
  if (value === undefined || value === null) return false;
  const text =
    typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (isSecretReference(text)) return false;
  if (isSecretKey(key) && !isPlaceholderValue(text)) return true;
  return looksLikeSecretValue(text);
}

/**
 * Makes free text safe to keep: a URL loses a SAS query string, anything else that looks secret becomes
 * {@link REDACTED}. `redacted` says whether anything was removed, so that the caller can tell the user.
 */
export function sanitizeText(value: string): { text: string; redacted: boolean } {
  if (isSecretReference(value)) return { text: value, redacted: false };
  // A SAS query and everything redactSecrets removes are what containsSecretValue finds.
  if (!containsSecretValue(value)) return { text: value, redacted: false };
  const queryAt = value.indexOf('?');
  if (queryAt >= 0 && /^[a-z][a-z0-9+.-]*:\/\//i.test(value) && hasSasQuery(value)) {
    const base = value.slice(0, queryAt);
    if (!looksLikeSecretValue(base)) return { text: `${base}?${REDACTED}`, redacted: true };
  }
  const text = redactSecrets(value);
  return { text, redacted: text !== value };
}

/**
 * Filters deployment environment variables. `${{...}}` references are kept (they name where a secret comes from,
 * which is what the analysis needs); plain values are kept when harmless; a value whose key or content looks
 * secret is replaced by {@link REDACTED}. Non-string values are kept as their text when harmless.
 */
export function redactEnvironmentVariables(variables: Record<string, unknown>): {
  variables: Record<string, string>;
  redacted: string[];
} {
  const kept: Record<string, string> = {};
  const redacted: string[] = [];
  for (const [name, raw] of Object.entries(variables)) {
    const value =
      raw === null || raw === undefined ? '' : typeof raw === 'object' ? JSON.stringify(raw) : String(raw);
    if (isSecretReference(value)) {
      kept[name] = value;
    } else if (value === REDACTED) {
      kept[name] = REDACTED;
    } else if (
      isSecretKey(name) ||
      looksLikeSecretValue(value) ||
      (typeof raw === 'object' && raw !== null)
    ) {
      kept[name] = REDACTED;
      if (!isPlaceholderValue(value)) redacted.push(name);
    } else {
      kept[name] = value;
    }
  }
  return { variables: kept, redacted };
}

const KIND_ALIASES: Record<string, CredentialKind> = {
  none: 'none',
  accountkey: 'account_key',
  sas: 'sas',
  sastoken: 'sas',
  serviceprincipal: 'service_principal',
  certificate: 'certificate',
  managedidentity: 'managed_identity',
  managed: 'managed_identity',
  userassigned: 'managed_identity',
  pat: 'pat',
  pattoken: 'pat',
  personalaccesstoken: 'pat',
  usernamepassword: 'username_password',
  apikey: 'api_key',
  accesskey: 'access_key',
  custom: 'custom',
  customkeys: 'custom',
};

/** Maps a credential `type` as written (`account_key`, `AccountKey`, `ServicePrincipal`, `pat`...) to a kind. */
export function parseCredentialKind(type: string): CredentialKind | undefined {
  return KIND_ALIASES[type.toLowerCase().replace(/[^a-z]/g, '')];
}

/** The credential kinds {@link parseCredentialKind} knows, in their canonical spelling. */
export const CREDENTIAL_KINDS: readonly CredentialKind[] = [
  'none',
  'account_key',
  'sas',
  'service_principal',
  'certificate',
  'managed_identity',
  'pat',
  'username_password',
  'api_key',
  'access_key',
  'custom',
];

/**
 * What kind of credential a `credentials` block (az ml datastore or connection YAML, SDK or REST shapes) holds.
 * An explicit `type` (or REST `credentialsType`) wins; otherwise the fields present decide. Returns `none` for an
 * absent or empty block, and undefined when `type` is given but unknown.
 */
export function credentialKindOf(credentials: unknown): CredentialKind | undefined {
  if (credentials === undefined || credentials === null) return 'none';
  if (typeof credentials !== 'object' || Array.isArray(credentials)) return undefined;
  const block = credentials as Record<string, unknown>;
  const declared =
    block.type ?? block.credentialsType ?? block.credentials_type ?? block.auth_type ?? block.authType;
  if (typeof declared === 'string') return parseCredentialKind(declared);
  const has = (...keys: string[]) =>
    keys.some((key) =>
      Object.keys(block).some((k) => k.toLowerCase().replace(/[^a-z]/g, '') === key.replace(/_/g, '')),
    );
  if (Object.keys(block).length === 0) return 'none';
  if (has('account_key', 'key_value')) return 'account_key';
  if (has('sas_token', 'sas', 'sas_uri')) return 'sas';
  if (has('certificate', 'thumbprint', 'private_key')) return 'certificate';
  if (has('client_secret')) return 'service_principal';
  if (has('resource_id', 'msi_resource_id')) return 'managed_identity';
  if (has('client_id') && has('tenant_id')) return 'service_principal';
  if (has('client_id')) return 'managed_identity';
  if (has('pat', 'personal_access_token')) return 'pat';
  if (has('password')) return 'username_password';
  if (has('access_key_id', 'secret_access_key')) return 'access_key';
  if (has('key', 'api_key')) return 'api_key';
  return 'custom';
}

/**
 * The fields of a credentials block that hold secret values and are present with a real value (not a
 * placeholder). Readers use it to warn that a file carries secrets; the values themselves are never returned.
 */
export function secretFieldsIn(credentials: unknown): string[] {
  if (typeof credentials !== 'object' || credentials === null || Array.isArray(credentials)) return [];
  const found: string[] = [];
  // In a block declared `custom` every field is a secret the user chose to store. A block that only falls back
  // to custom because no field is recognised (connection metadata: `ApiType`, `ApiVersion`, `ResourceId`) is
  // judged field by field, by name and value.
  const block = credentials as Record<string, unknown>;
  const declared = block.type ?? block.credentialsType ?? block.credentials_type ?? block.auth_type ?? block.authType;
  const custom = typeof declared === 'string' && parseCredentialKind(declared) === 'custom';
  for (const [key, value] of Object.entries(credentials as Record<string, unknown>)) {
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const text = String(value);
    if (isPlaceholderValue(text)) continue;
    const lowered = key.toLowerCase();
    // Identifiers inside a credentials block are not secret; everything else named like a key is.
    if (
      [
        'type',
        'client_id',
        'tenant_id',
        'resource_id',
        'msi_resource_id',
        'username',
        'user_name',
        'resource_url',
        'authority_url',
        'thumbprint',
        'access_key_id',
      ].includes(lowered)
    ) {
      continue;
    }
    if (custom || isSecretKey(key) || looksLikeSecretValue(text) || KNOWN_CREDENTIAL_VALUE_KEYS.has(lowered))
      found.push(key);
  }
  return found;
}

const KNOWN_CREDENTIAL_VALUE_KEYS = new Set([
  'account_key',
  'sas_token',
  'client_secret',
  'password',
  'pat',
  'key',
  'api_key',
  'certificate',
  'private_key',
  'secret_access_key',
]);

/**
 * A copy of a JSON value (an API response) with every credential gone: a field whose name says credential
 * (`accountKey`, `sasToken`, `connectionString`, `clientSecret`) loses its value however harmless it looks,
 * and any other text that carries a credential is sanitised as {@link sanitizeText} does. A `credentials`
 * object is kept with what is left of it, so its `credentialsType` still tells readers the kind. `dropped`
 * counts what went, for the collection's manifest.
 */
export function dropCredentials(value: unknown): { value: unknown; dropped: number } {
  let dropped = 0;
  const visit = (node: unknown): unknown => {
    if (typeof node === 'string') {
      const clean = sanitizeText(node);
      if (clean.redacted) dropped += 1;
      return clean.text;
    }
    if (Array.isArray(node)) return node.map(visit);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(node)) {
      const scalar = typeof child === 'string' || typeof child === 'number';
      if (scalar && isSecretKey(key) && !isPlaceholderValue(String(child))) {
        dropped += 1;
        continue;
      }
      out[key] = visit(child);
    }
    return out;
  };
  return { value: visit(value), dropped };
}
