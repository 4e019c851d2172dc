// The variables every command may see when the app has them: what a shell, a compiler or npm needs to work
// (PATH, HOME, locale, terminal, temp folders, user name, the platform's essentials, TLS roots and proxies).
// Everything else (tokens, keys, cloud credentials, the app's FLEET_* settings) stays out unless the user adds it.

const POSIX = ['PATH', 'HOME', 'LANG', 'LANGUAGE', 'TZ', 'TERM', 'COLORTERM', 'NO_COLOR', 'TMPDIR', 'USER', 'LOGNAME', 'SHELL'];

/** Windows keeps these for cmd.exe, node and git to find themselves, the profile and the temp folder. */
const WINDOWS = [
  'PATH', 'PATHEXT', 'SystemRoot', 'SystemDrive', 'windir', 'ComSpec', 'TEMP', 'TMP', 'USERPROFILE', 'USERNAME', 'USERDOMAIN',
  'HOMEDRIVE', 'HOMEPATH', 'APPDATA', 'LOCALAPPDATA', 'ProgramData', 'ProgramFiles', 'ProgramFiles(x86)', 'ProgramW6432',
  'CommonProgramFiles', 'CommonProgramFiles(x86)', 'CommonProgramW6432', 'PUBLIC', 'ALLUSERSPROFILE', 'OS',
  'PROCESSOR_ARCHITECTURE', 'NUMBER_OF_PROCESSORS', 'COMPUTERNAME', 'LANG', 'TZ', 'TERM',
];

/** Certificates and proxies, so package managers reach their registries (a proxy URL with a password is dropped). */
const NETWORK = ['SSL_CERT_FILE', 'SSL_CERT_DIR', 'NODE_EXTRA_CA_CERTS', 'REQUESTS_CA_BUNDLE', 'CURL_CA_BUNDLE', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

/** The allow-listed names on `platform` (plus every LC_* locale variable). */
export function allowListNames(platform: NodeJS.Platform = process.platform): string[] {
  return [...(platform === 'win32' ? WINDOWS : POSIX), ...NETWORK];
}

/** Whether `name` is on the allow-list (Windows names compare without case, as Windows does). */
export function isAllowListed(name: string, platform: NodeJS.Platform = process.platform): boolean {
  if (platform === 'win32') {
    const upper = name.toUpperCase();
    return allowListNames(platform).some((allowed) => allowed.toUpperCase() === upper);
  }
  return name.startsWith('LC_') || allowListNames(platform).includes(name);
}
