import type { Client } from './client.ts';

/** What the edge middleware leaves on the context for the routes after it (`c.var.requestId`, `c.var.client`). */
export interface EdgeEnv {
  Variables: {
    requestId: string;
    client: Client;
  };
}
