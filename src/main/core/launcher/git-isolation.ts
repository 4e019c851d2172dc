// What git inside a command sees by default: no global or system configuration, no credential helper and no
// prompt, so a command (an agent's, a test script's) cannot push or fetch with the user's credentials.

/**
 * The variables that give git an empty configuration. `emptyConfig` is a file with no content (/dev/null on
 * POSIX; an empty file of ours on Windows). The command-line entry `credential.helper=` (empty) also clears any
 * helper a repository's own config would add.
 */
export function gitIsolationVariables(emptyConfig: string): Record<string, string> {
  return {
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: emptyConfig,
    GIT_CONFIG_COUNT: '1',
    GIT_CONFIG_KEY_0: 'credential.helper',
    GIT_CONFIG_VALUE_0: '',
    GIT_TERMINAL_PROMPT: '0',
    GCM_INTERACTIVE: 'never',
  };
}
