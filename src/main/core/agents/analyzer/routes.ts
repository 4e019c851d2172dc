// HTTP routes declared Express-style (router.get('/x', ...), app.post(...), router.route('/x').get(...)) and
// front-end routes declared with React Router (<Route path="/x" element={<XPage />} />), with their lines.

export interface HttpRoute {
  method: string;
  path: string;
  line: number;
  /** The object the route is declared on (router, app, fleetRouter). */
  on: string;
}

export interface PageRoute {
  path: string;
  element: string | null;
  line: number;
}

const METHOD_CALL = /\b([A-Za-z_$][\w$]*)\s*\.\s*(get|post|put|patch|delete|all|options|head)\s*\(\s*(['"`])(\/[^'"`\n]*|\*)\3/g;
const ROUTE_CHAIN = /\b([A-Za-z_$][\w$]*)\s*\.\s*route\s*\(\s*(['"`])(\/[^'"`\n]*)\2\s*\)((?:\s*\.\s*(?:get|post|put|patch|delete|all)\s*\([^)]*\))+)/g;
const REACT_ROUTE = /<Route\b[^>]*?\bpath\s*=\s*(?:\{\s*)?(['"`])([^'"`\n]*)\1[^>]*?>/g;

function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Express-style routes in `text`. */
export function findHttpRoutes(text: string): HttpRoute[] {
  const routes: HttpRoute[] = [];
  METHOD_CALL.lastIndex = 0;
  for (let m = METHOD_CALL.exec(text); m; m = METHOD_CALL.exec(text)) {
    // `app.get('/x')` with one argument reads a setting in Express; a handler follows a comma.
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    if (!/^\s*,/.test(after)) continue;
    routes.push({ on: m[1]!, method: m[2]!.toUpperCase(), path: m[4]!, line: lineAt(text, m.index) });
  }
  ROUTE_CHAIN.lastIndex = 0;
  for (let m = ROUTE_CHAIN.exec(text); m; m = ROUTE_CHAIN.exec(text)) {
    for (const verb of m[4]!.matchAll(/\.\s*(get|post|put|patch|delete|all)\s*\(/g)) {
      routes.push({ on: m[1]!, method: verb[1]!.toUpperCase(), path: m[3]!, line: lineAt(text, m.index) });
    }
  }
  return routes.sort((a, b) => a.line - b.line);
}

/** React Router routes in `text`. */
export function findPageRoutes(text: string): PageRoute[] {
  const routes: PageRoute[] = [];
  REACT_ROUTE.lastIndex = 0;
  for (let m = REACT_ROUTE.exec(text); m; m = REACT_ROUTE.exec(text)) {
    const element = /element\s*=\s*\{\s*<\s*([A-Z][\w.]*)/.exec(m[0])?.[1] ?? /component\s*=\s*\{\s*([A-Z][\w.]*)/.exec(m[0])?.[1] ?? null;
    routes.push({ path: m[2]!, element, line: lineAt(text, m.index) });
  }
  return routes;
}
