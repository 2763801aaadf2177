// Branded ids: a Slack user id and a Teams user id are both strings, but mixing them up is a
// cross-tenant bug, so the type system keeps them apart.
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type Platform = 'slack' | 'teams';
export const PLATFORMS = ['slack', 'teams'] as const satisfies readonly Platform[];

export type DealId = Brand<string, 'DealId'>;
export type WorkspaceId = Brand<string, 'WorkspaceId'>;
export type ChannelId = Brand<string, 'ChannelId'>;
export type UserId = Brand<string, 'UserId'>;

/** A person on one platform, in one workspace (Slack team id / Teams tenant id). */
export interface PersonRef {
  readonly platform: Platform;
  readonly workspace: WorkspaceId;
  readonly user: UserId;
  /** Display name as the platform gave it; informative only, never used for identity. */
  readonly name: string;
}

/** A channel (Slack channel, Teams channel or group chat) that can be a deal room. */
export interface RoomRef {
  readonly platform: Platform;
  readonly workspace: WorkspaceId;
  readonly channel: ChannelId;
}

export interface WorkspaceRef {
  readonly platform: Platform;
  readonly workspace: WorkspaceId;
}

export const personKey = (p: Pick<PersonRef, 'platform' | 'workspace' | 'user'>): string =>
  `${p.platform}:${p.workspace}:${p.user}`;
export const roomKey = (r: RoomRef): string => `${r.platform}:${r.workspace}:${r.channel}`;
// Compared field by field: these run in every loop over members and rooms, where building two key
// strings per comparison was measurable garbage (and a ':' inside an id cannot blur two fields).
export const samePerson = (a: Pick<PersonRef, 'platform' | 'workspace' | 'user'>, b: typeof a): boolean =>
  a.user === b.user && a.workspace === b.workspace && a.platform === b.platform;
export const sameRoom = (a: RoomRef, b: RoomRef): boolean =>
  a.channel === b.channel && a.workspace === b.workspace && a.platform === b.platform;
export const sameWorkspace = (a: WorkspaceRef, b: WorkspaceRef): boolean =>
  a.platform === b.platform && a.workspace === b.workspace;

// Crockford base32 without I, L, O, U: readable aloud and hard to mistype in `link D-7K3F9`.
export const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const DEAL_ID_PATTERN = /^D-[0-9A-HJKMNP-TV-Z]{6}$/;

export function newDealId(random: (n: number) => Uint8Array): DealId {
  const bytes = random(6);
  let code = '';
  for (const b of bytes) code += CODE_ALPHABET[b % 32];
  return `D-${code}` as DealId;
}

export function parseDealId(text: string): DealId | null {
  const upper = text.trim().toUpperCase();
  return DEAL_ID_PATTERN.test(upper) ? (upper as DealId) : null;
}
