// Keeps keys out of anything we show or store: provider error bodies sometimes echo the key they refused.

const KEY_SHAPES = /\b(?:sk|xai|sk-ant|sk-proj)-[A-Za-z0-9_*.-]{6,}/g;

/** `text` with every occurrence of `secrets` and anything shaped like a provider key replaced by [redacted]. */
export function redactSecrets(text: string, secrets: Array<string | null | undefined> = []): string {
  let result = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  return result.replace(KEY_SHAPES, '[redacted]');
}
