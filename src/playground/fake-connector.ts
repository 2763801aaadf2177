// A local stand-in for the Bot Framework connector (the `serviceUrl` Teams gives a bot): it records
// every activity the bot sends, every update (PUT …/activities/:id) and every conversation it opens,
// and answers member lookups from a roster. Tests point activities' serviceUrl at it; the local
// playground reuses it to show what a team would see.
import { once } from 'node:events';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Request, Router } from 'express';

export interface ConnectorMember {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId?: string;
  readonly email?: string;
  readonly userPrincipalName?: string;
}

export type Activity = Record<string, unknown> & {
  type?: string;
  id?: string;
  text?: string;
  attachments?: { contentType?: string; content?: unknown }[];
};

export type ConnectorEvent =
  | {
      readonly kind: 'send';
      readonly conversationId: string;
      /** The activity this one replies to, when posted as a reply (POST …/activities/:id). */
      readonly replyToId?: string;
      /** The id the connector returned: what the bot must use to update this message. */
      readonly id: string;
      readonly activity: Activity;
    }
  | {
      readonly kind: 'update';
      readonly conversationId: string;
      readonly activityId: string;
      readonly activity: Activity;
    }
  | { readonly kind: 'delete'; readonly conversationId: string; readonly activityId: string }
  | {
      readonly kind: 'create-conversation';
      readonly id: string;
      readonly parameters: Record<string, unknown>;
    };

export interface ConnectorRecorder {
  /** Everything the bot did, in order. */
  readonly events: readonly ConnectorEvent[];
  readonly sent: readonly Extract<ConnectorEvent, { kind: 'send' }>[];
  readonly updates: readonly Extract<ConnectorEvent, { kind: 'update' }>[];
  readonly conversations: readonly Extract<ConnectorEvent, { kind: 'create-conversation' }>[];
  /** Members that GET /v3/conversations/:id/members/:userId finds, by id, AAD object id or UPN. */
  addMember(member: ConnectorMember): void;
  /** The next N requests of this kind fail with this status (to test the bot's error paths). */
  failNext(kind: 'send' | 'update', status: number, count?: number): void;
  /** Called with each event as it is recorded (the playground streams them to the page). */
  subscribe(listener: (event: ConnectorEvent) => void): () => void;
  clear(): void;
}

/** The connector as an Express router (mount it anywhere; serviceUrl = where it is mounted + '/'). */
export interface FakeConnectorRouter extends ConnectorRecorder {
  readonly router: Router;
}

/** The connector on its own HTTP server on 127.0.0.1. */
export interface FakeConnector extends ConnectorRecorder {
  /** The serviceUrl to put in activities (ends with '/'). */
  readonly url: string;
  close(): Promise<void>;
}

// Teams message ids are millisecond timestamps; ids that look real keep permalinks realistic.
const FIRST_ID = 1_764_000_000_000;

export function createFakeConnector(): FakeConnectorRouter {
  const events: ConnectorEvent[] = [];
  const listeners = new Set<(event: ConnectorEvent) => void>();
  const record = (event: ConnectorEvent) => {
    events.push(event);
    for (const listener of listeners) listener(event);
  };
  const roster = new Map<string, ConnectorMember>();
  const failures: { kind: 'send' | 'update'; status: number }[] = [];
  let seq = 0;
  const nextId = () => String(FIRST_ID + ++seq);

  const fail = (kind: 'send' | 'update', res: express.Response) => {
    const i = failures.findIndex((f) => f.kind === kind);
    if (i < 0) return false;
    const [f] = failures.splice(i, 1);
    res.status(f?.status ?? 500).json({ error: { code: 'ServiceError', message: 'injected failure' } });
    return true;
  };
  const body = (req: Request) => (req.body && typeof req.body === 'object' ? (req.body as Activity) : {});

  const app = Router();
  app.use(express.json({ limit: '1mb' }));
  // Like Teams, creating a 1:1 conversation that exists returns the existing one.
  const personal = new Map<string, string>();
  app.post('/v3/conversations', (req, res) => {
    const parameters = body(req);
    const members = Array.isArray(parameters.members) ? (parameters.members as { id?: unknown }[]) : [];
    const only = parameters.isGroup !== true && members.length === 1 ? String(members[0]?.id) : undefined;
    const id = (only && personal.get(only)) || `a:fake-dm-${++seq}`;
    if (only) personal.set(only, id);
    record({ kind: 'create-conversation', id, parameters });
    res.status(201).json({ id });
  });
  const send = (req: Request, res: express.Response) => {
    if (fail('send', res)) return;
    const id = nextId();
    const replyToId = req.params.activityId;
    record({
      kind: 'send',
      conversationId: String(req.params.conversationId),
      ...(replyToId ? { replyToId: String(replyToId) } : {}),
      id,
      activity: body(req),
    });
    res.status(201).json({ id });
  };
  app.post('/v3/conversations/:conversationId/activities', send);
  app.post('/v3/conversations/:conversationId/activities/:activityId', send);
  app.put('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
    if (fail('update', res)) return;
    const activityId = String(req.params.activityId);
    record({
      kind: 'update',
      conversationId: String(req.params.conversationId),
      activityId,
      activity: body(req),
    });
    res.status(200).json({ id: activityId });
  });
  app.delete('/v3/conversations/:conversationId/activities/:activityId', (req, res) => {
    record({
      kind: 'delete',
      conversationId: String(req.params.conversationId),
      activityId: String(req.params.activityId),
    });
    res.status(200).end();
  });
  app.get('/v3/conversations/:conversationId/members/:userId', (req, res) => {
    const member = roster.get(String(req.params.userId).toLowerCase());
    if (!member) {
      res
        .status(404)
        .json({ error: { code: 'MemberNotFoundInConversation', message: 'The member was not found.' } });
      return;
    }
    res.json({ ...member, objectId: member.aadObjectId });
  });
  app.get('/v3/conversations/:conversationId/members', (_req, res) => {
    res.json([...new Set(roster.values())].map((m) => ({ ...m, objectId: m.aadObjectId })));
  });
  app.use((req, res) => {
    res.status(404).json({
      error: { code: 'NotFound', message: `fake connector: no route for ${req.method} ${req.path}` },
    });
  });

  const only = <K extends ConnectorEvent['kind']>(kind: K) =>
    events.filter((e): e is Extract<ConnectorEvent, { kind: K }> => e.kind === kind);

  return {
    router: app,
    events,
    get sent() {
      return only('send');
    },
    get updates() {
      return only('update');
    },
    get conversations() {
      return only('create-conversation');
    },
    addMember(member) {
      for (const key of [member.id, member.aadObjectId, member.userPrincipalName]) {
        if (key) roster.set(key.toLowerCase(), member);
      }
    },
    failNext(kind, status, count = 1) {
      for (let i = 0; i < count; i++) failures.push({ kind, status });
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    clear() {
      events.length = 0;
    },
  };
}

export async function startFakeConnector(options: { port?: number } = {}): Promise<FakeConnector> {
  const connector = createFakeConnector();
  const app = express();
  app.use(connector.router);
  const server: Server = app.listen(options.port ?? 0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  // Getters stay live: spread would freeze sent/updates/conversations at their first value.
  return Object.defineProperties(Object.create(connector) as FakeConnector, {
    url: { value: `http://127.0.0.1:${port}/`, enumerable: true },
    close: {
      value: async () => {
        const closed = once(server, 'close');
        server.close();
        server.closeAllConnections();
        await closed;
      },
    },
  });
}
