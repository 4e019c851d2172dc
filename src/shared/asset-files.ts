// Which repository files are assets rather than code: images, 3D models, fonts, audio and video, archives,
// office documents, compiled binaries and databases. One list for the whole app: scope counts them apart, the
// suggestions never propose them, no model ever receives them, and the analyzer never counts one as a test.

const ASSET_EXTENSIONS = new Set([
  // images and screenshots
  'png', 'jpg', 'jpeg', 'gif', 'webp', 'ico', 'icns', 'cur', 'bmp', 'tif', 'tiff', 'psd', 'avif', 'heic', 'heif',
  'svg', 'svgz', 'xcf', 'ai', 'eps', 'sketch', 'fig', 'raw', 'cr2', 'nef', 'dng', 'jxl', 'apng',
  // 3D models, textures and scenes
  'glb', 'gltf', 'obj', 'fbx', 'stl', 'blend', '3ds', 'dae', 'usd', 'usdz', 'usda', 'usdc', 'ply', 'max', 'ma', 'mb',
  'c4d', 'ktx', 'ktx2', 'dds', 'hdr', 'exr', 'tga', 'basis', 'mtl',
  // fonts
  'woff', 'woff2', 'ttf', 'otf', 'eot', 'pfb', 'pfm',
  // audio and video
  'mp3', 'mp4', 'm4a', 'm4v', 'mov', 'avi', 'mkv', 'webm', 'wav', 'ogg', 'oga', 'ogv', 'flac', 'aac', 'opus', 'wma',
  'wmv', 'flv', 'mid', 'midi', 'aiff', 'caf',
  // archives and packages
  'zip', 'gz', 'tgz', 'bz2', 'xz', 'zst', '7z', 'rar', 'tar', 'jar', 'war', 'ear', 'apk', 'aab', 'ipa', 'dmg', 'iso',
  'deb', 'rpm', 'msi', 'nupkg', 'whl', 'egg', 'crx', 'xpi', 'vsix',
  // documents
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'key', 'pages', 'numbers', 'epub',
  // compiled code, libraries, data stores, keys
  'exe', 'dll', 'so', 'dylib', 'bin', 'class', 'o', 'obj', 'a', 'lib', 'wasm', 'pyc', 'pyo', 'node', 'dat',
  'sqlite', 'sqlite3', 'db', 'mdb', 'keystore', 'jks', 'p12', 'pfx', 'der',
  // animation and design files
  'swf', 'riv', 'lottie', 'aep', 'prproj', 'indd',
]);

/** The lowercase extension of a path's file name ('' when it has none; a leading dot is not an extension). */
export function fileExtension(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** True for a file that is an asset or a binary by its name: counted apart from code, never suggested or sent to a model. */
export function isAssetPath(path: string): boolean {
  return ASSET_EXTENSIONS.has(fileExtension(path));
}

/** Git's own test for binary content (buffer_is_binary): a NUL byte among the first 8,000 bytes. */
export function looksBinary(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8000);
  for (let i = 0; i < end; i++) if (bytes[i] === 0) return true;
  return false;
}

/** Splits `paths` into code files and assets, each in the order given. */
export function splitAssets(paths: readonly string[]): { code: string[]; assets: string[] } {
  const code: string[] = [];
  const assets: string[] = [];
  for (const path of paths) (isAssetPath(path) ? assets : code).push(path);
  return { code, assets };
}
