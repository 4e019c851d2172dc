// The sentence to show for a failed call: main's own message, or a translated one for the errors the
// window itself raises (connection lost, no answer, an answer it cannot read).

import i18n from 'i18next';

export function errorText(error: { code: string; message: string }): string {
  const key = `error.client.${error.code}`;
  return i18n.exists(key) ? i18n.t(key) : error.message;
}
