// The environment a check command runs with: the app's own, minus every secret the app holds (agent keys,
// git tokens, the app's FLEET_* settings), so a test script cannot read or print them.

/** Variables the app reads keys or tokens from, whatever provider the user configured. */
const APP_SECRET_NAMES = ['XAI_API_KEY', 'OPENAI_API_KEY', 'ANTHROPIC_API_KEY'];

/** `env` without the app's secrets; `extraSecretNames` are the key variables of configured providers. */
export function checkEnvironment(env: NodeJS.ProcessEnv, extraSecretNames: Iterable<string> = []): NodeJS.ProcessEnv {
  const drop = new Set([...APP_SECRET_NAMES, ...extraSecretNames].map((name) => name.toUpperCase()));
  const result: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    const upper = name.toUpperCase();
    // FLEET_GIT_TOKEN, FLEET_GIT_TOKEN_<REMOTE>, FLEET_GIT_USERNAME and the app's other settings.
    if (upper.startsWith('FLEET_') || drop.has(upper)) continue;
    result[name] = value;
  }
  return result;
}
