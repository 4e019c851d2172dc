// Which environment variables look like secrets: by a word in the name (TOKEN, SECRET, PASSWORD, API_KEY, ...),
// by a database/broker URL name, or by a value that is a URL carrying a password. Used to keep them out of
// commands unless the user chose them, to take them out of the app's own environment at start, and in the form.

/** Words that mark a secret when they stand alone between underscores (XAI_API_KEY, NPM_TOKEN, DB_PASS). */
const SECRET_WORD = /(^|_)(TOKENS?|SECRETS?|PASSWORD|PASSWD|PASSPHRASE|PASS|API_?KEY|APIKEY|KEYS?|CREDENTIALS?|CREDS|AUTH|AUTHORIZATION|COOKIE|SIGNATURE|SALT|DSN|CONNECTION_?STRING)(_|$)/i;

/** Connection URLs that usually embed a password (DATABASE_URL, REDIS_URL, MONGODB_URI, ...). */
const CONNECTION_URL = /(^|_)(DATABASE|DB|REDIS|MONGO|MONGODB|POSTGRES|POSTGRESQL|PG|MYSQL|MARIADB|AMQP|RABBITMQ|BROKER|SENTRY|ELASTICSEARCH|KAFKA)_(URL|URI|DSN)$/i;

/** A URL with a password in it: scheme://user:password@host. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i;

/** True when the variable's name (or its value, when given) looks like it holds a secret. */
export function looksSecret(name: string, value?: string): boolean {
  if (SECRET_WORD.test(name) || CONNECTION_URL.test(name)) return true;
  return value !== undefined && URL_WITH_PASSWORD.test(value.trim());
}

/** The app's own settings and tokens (FLEET_GIT_TOKEN, FLEET_CONTROL_HOME, ...): never passed to a command. */
export function isAppVariable(name: string): boolean {
  return name.toUpperCase().startsWith('FLEET_');
}

/** A copy of `env` without its secret-looking variables. */
export function withoutSecretVariables<T extends Record<string, string | undefined>>(env: T): T {
  const clean = { ...env };
  for (const name of Object.keys(secretVariables(env))) delete clean[name];
  return clean;
}

/** The secret-looking variables of an environment (name -> value). */
export function secretVariables(env: Record<string, string | undefined>): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && looksSecret(name, value)) found[name] = value;
  }
  return found;
}
