// Deal rooms of the playground. A channel holds one deal (DESIGN.md §3 `new`), so walking the flow
// again needs a fresh channel: each room is a Slack channel and a Teams channel, numbered from 1.

export interface Room {
  readonly n: number;
  /** Slack channel id (C…) and name. */
  readonly slack: { readonly id: string; readonly name: string };
  /** Teams channel id (19:…@thread.tacv2) and name. */
  readonly teams: { readonly id: string; readonly name: string };
}

/** Enough for any demo; a bound keeps a runaway page from growing the list forever. */
const MAX_ROOMS = 50;

export class Rooms {
  private readonly list: Room[] = [];

  constructor() {
    this.add();
  }

  all(): readonly Room[] {
    return this.list;
  }

  get(n: unknown): Room | undefined {
    const k = typeof n === 'string' ? Number(n) : n;
    return this.list.find((r) => r.n === k);
  }

  /** A new pair of channels; null once the bound is reached. */
  add(): Room | null {
    if (this.list.length >= MAX_ROOMS) return null;
    const n = this.list.length + 1;
    const room: Room = {
      n,
      slack: { id: `CPGROOM${n}`, name: n === 1 ? 'deal-room' : `deal-room-${n}` },
      teams: {
        id: `19:playground-deals-${n}@thread.tacv2`,
        name: n === 1 ? 'Deals' : `Deals ${n}`,
      },
    };
    this.list.push(room);
    return room;
  }
}
