// TODO / FIXME / HACK / XXX markers in comments, with their line and what they say.

export interface Marker {
  tag: string;
  line: number;
  text: string;
}

const MARKER = /(?:\/\/|\/\*|#|<!--|\*|--)\s*(TODO|FIXME|HACK|XXX)\b[:\s-]*(.*)/;

/** Every marker in `text`, one per line at most. */
export function findMarkers(text: string): Marker[] {
  const markers: Marker[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!/TODO|FIXME|HACK|XXX/.test(line)) continue;
    const m = MARKER.exec(line);
    if (!m) continue;
    const said = m[2]!.replace(/\*\/\s*$|-->\s*$/, '').trim();
    markers.push({ tag: m[1]!, line: i + 1, text: said.length > 140 ? `${said.slice(0, 140)}…` : said });
  }
  return markers;
}
