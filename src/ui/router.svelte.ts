import { parseRoute, type Route } from './route.ts';

/** The page on screen, following the location's hash. */
export class Router {
  route = $state.raw<Route>(parseRoute(location.hash));

  constructor() {
    addEventListener('hashchange', () => (this.route = parseRoute(location.hash)));
  }
}
