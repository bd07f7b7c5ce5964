// GET /healthz — liveness and database reachability, for load balancers and the demo's readiness check.
import type { Hono } from 'hono';
import { sql } from 'kysely';
import type { App } from '../../app.js';

/** Registers /healthz: 200 {"ok":true} when the database answers, 503 otherwise. */
export function healthRoute(web: Hono, app: App): void {
  web.get('/healthz', async (c) => {
    try {
      await sql`select 1`.execute(app.store.db);
      return c.json({ ok: true, database: app.store.dialect });
    } catch {
      return c.json({ ok: false, error: 'database unreachable' }, 503);
    }
  });
}
