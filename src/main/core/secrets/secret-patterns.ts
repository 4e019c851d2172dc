// Credentials recognised by their shape, for secrets the app never registered (a server echoing some other key):
// user:password@ in URLs, Authorization header values, Bearer/Basic credentials, and keys with a known provider prefix.
// Two precompiled expressions (URLs apart, tried only on text holding an "@"); `replacePattern` says what stays.

export const REDACTED = '[redacted]';

/** A key with a provider's prefix: OpenAI/Anthropic (sk-), xAI, GitHub, GitLab, Slack, Google, AWS. A digit is required. */
const KEY_PREFIXES = String.raw`(?:sk-|xai-|gh[pousr]_|github_pat_|glpat-|xox[abprs]-)(?=[A-Za-z0-9_-]*\d)[A-Za-z0-9_-]{16,}|AIza[0-9A-Za-z_-]{35}|(?:AKIA|ASIA)[0-9A-Z]{16}`;

/** scheme://user:password@ (the password) and scheme://token@ (a long user part that looks like a token). */
export const URL_CREDENTIALS = new RegExp(
  String.raw`(?<url>\b[A-Za-z][A-Za-z0-9+.-]*://)(?:(?<urlUser>[^\s/?#@:'"<>]*):(?<urlPassword>[^\s/?#@'"<>]+)|(?<urlToken>(?=[^\s/?#@:'"<>]*\d)[^\s/?#@:'"<>]{20,}))@`,
  'g',
);

/** Named groups, each one kind of credential found by its shape outside URLs. */
export const CREDENTIAL_SHAPES = new RegExp([
  // Authorization: <scheme> <value> in headers, JSON ("authorization":"...") and logs.
  String.raw`(?<header>\b(?:[Pp]roxy-|PROXY-)?(?:[Aa]uthorization|AUTHORIZATION)["']?\s*[:=]\s*["']?)(?<headerScheme>[A-Za-z][A-Za-z0-9_-]*\s+)?(?<headerValue>[A-Za-z0-9._~+/=:-]{6,})`,
  // Bearer <token> / Basic <base64> outside a header; checked further in replacePattern to spare ordinary words.
  // (Case variants are spelled out: the i flag would let key prefixes and AKIA match in any case.)
  String.raw`(?<scheme>\b(?:[Bb]earer|[Bb]asic)\s+)(?<schemeValue>[A-Za-z0-9._~+/-]{12,}=*)`,
  String.raw`(?<key>\b(?:${KEY_PREFIXES}))`,
].join('|'), 'g');

/** True when `value` is base64 of printable `user:password`, as basic auth sends it. */
function isBasicCredential(value: string): boolean {
  if (!/^[A-Za-z0-9+/]+=*$/.test(value)) return false;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  return decoded.includes(':') && [...decoded].every((c) => c >= ' ' && c !== '\ufffd');
}

/** What a pattern match becomes: the credential part replaced, its label (scheme, header name, user) kept. */
export function replacePattern(match: string, groups: Record<string, string | undefined>): string {
  if (groups.url !== undefined) {
    return groups.urlPassword !== undefined ? `${groups.url}${groups.urlUser ?? ''}:${REDACTED}@` : `${groups.url}${REDACTED}@`;
  }
  if (groups.header !== undefined) {
    // "Authorization: refused" in prose is not a credential; real values carry digits or are long.
    const value = groups.headerValue ?? '';
    return /\d/.test(value) || value.length >= 20 ? `${groups.header}${groups.headerScheme ?? ''}${REDACTED}` : match;
  }
  if (groups.scheme !== undefined) {
    const value = groups.schemeValue ?? '';
    const isCredential = /^Basic/i.test(groups.scheme) ? isBasicCredential(value) : /\d/.test(value) && value.length >= 16;
    return isCredential ? `${groups.scheme}${REDACTED}` : match;
  }
  if (groups.key !== undefined) return REDACTED;
  return match;
}
