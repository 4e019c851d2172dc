// The current route, mirrored from and to the URL hash.

import { create } from 'zustand';
import { formatHash, parseHash, type Route } from '../lib/route';

interface RouteStore {
  route: Route;
  navigate: (route: Route, options?: { replace?: boolean }) => void;
}

export const useRouteStore = create<RouteStore>((set) => ({
  route: parseHash(location.hash),
  navigate: (route, options) => {
    const hash = formatHash(route);
    if (location.hash !== hash) {
      if (options?.replace) history.replaceState(history.state, '', hash);
      else history.pushState(history.state, '', hash);
    }
    set({ route });
  },
}));

window.addEventListener('hashchange', () => useRouteStore.setState({ route: parseHash(location.hash) }));
window.addEventListener('popstate', () => useRouteStore.setState({ route: parseHash(location.hash) }));
