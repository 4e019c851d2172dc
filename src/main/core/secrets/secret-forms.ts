// The shapes one secret takes on its way out of a process: as it is, base64 and base64url (alone, inside basic
// auth's `user:secret`, and at every alignment inside a longer encoding), and URL-encoded. The redactor matches them all.

/** Secrets shorter than this are not matched: too likely to occur in ordinary text. */
export const MIN_SECRET_LENGTH = 6;
/** Derived forms shorter than this are dropped: a few base64 characters match ordinary text by chance. */
const MIN_FORM_LENGTH = 8;

const toUrlAlphabet = (base64: string): string => base64.replace(/\+/g, '-').replace(/\//g, '_');
const unpadded = (base64: string): string => base64.replace(/=+$/, '');

/**
 * The base64 characters that encode `bytes` whatever comes before or after them: for each of the three byte
 * alignments, the 4-character groups made only of the secret's own bytes. A token inside `user:token` (any user)
 * or inside a longer encoded blob shows up as one of these.
 */
function alignedBase64(bytes: Buffer): string[] {
  const forms: string[] = [];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const encoded = padded.toString('base64');
    const firstGroup = Math.ceil(offset / 3);
    const lastGroup = Math.floor(padded.length / 3);
    if (lastGroup > firstGroup) forms.push(encoded.slice(firstGroup * 4, lastGroup * 4));
  }
  return forms;
}

/** The whole encoding, padded and not (the padded form first wins, so no stray "=" is left), in both alphabets. */
function wholeBase64(bytes: Buffer): string[] {
  const padded = bytes.toString('base64');
  return [padded, unpadded(padded)];
}

function base64Forms(text: string): string[] {
  const bytes = Buffer.from(text, 'utf8');
  return [...wholeBase64(bytes), ...alignedBase64(bytes)].flatMap((form) => [form, toUrlAlphabet(form)]);
}

/** Every form of `secret` to remove (empty when it is too short to match safely). */
export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_LENGTH) return [];
  const encoded = encodeURIComponent(secret);
  const forms = [secret, encoded, encoded.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()), encodeURIComponent(encoded), ...base64Forms(secret)];
  return [...new Set(forms)].filter((form) => form === secret || form.length >= MIN_FORM_LENGTH);
}

/** The forms of `user:password` as HTTP basic auth sends it (base64 and base64url of the pair). */
export function basicAuthForms(username: string, password: string): string[] {
  if (password.length < MIN_SECRET_LENGTH) return [];
  return wholeBase64(Buffer.from(`${username}:${password}`, 'utf8')).flatMap((form) => [form, toUrlAlphabet(form)]);
}
