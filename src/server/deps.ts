import type { AppContext } from '../services/context.ts';

/** What the HTTP layer is built from. */
export interface ServerDeps {
  app: AppContext;
  version: string;
  /** Set cookies with the Secure flag (behind HTTPS). */
  secureCookies: boolean;
  /** Reverse proxies to believe about the client (REFUGE_TRUST_PROXY); read from the environment when absent. */
  trustProxyHops?: number;
  /** Directory of the built web app, if it should be served. */
  webRoot: string | null;
}
