// Counts the commands one Redis connection sends, with MONITOR on a separate connection: each command
// a client sends outside a script is one request to Redis, so for single-command operations (scripts)
// "commands sent" is "round trips". Counted, not estimated.
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

export interface Counted {
  /** Command names the watched connection sent, in order. */
  readonly commands: readonly string[];
  /** Commands run inside scripts meanwhile (any client): proof the monitor sees script work too. */
  readonly scripted: number;
}

export interface CommandCounter {
  count(operation: () => Promise<unknown>): Promise<Counted>;
  close(): Promise<void>;
}

interface Seen {
  readonly args: readonly string[];
  readonly source: string;
}

/** Watches the connection that set CLIENT SETNAME `connectionName` (it must be connected already). */
export async function countCommandsOf(url: string, connectionName: string): Promise<CommandCounter> {
  const admin = new Redis(url);
  const list = String(await admin.call('CLIENT', 'LIST'));
  const line = list.split('\n').find((l) => l.includes(` name=${connectionName} `));
  const addr = line && /\baddr=(\S+)/.exec(line)?.[1];
  if (!addr) {
    admin.disconnect();
    throw new Error(`no connection named ${connectionName}`);
  }
  const monitor = await admin.monitor();
  let seen: Seen[] = [];
  monitor.on('monitor', (_time: string, args: string[], source: string) => seen.push({ args, source }));

  async function drain(): Promise<void> {
    const marker = `marker-${randomUUID()}`;
    await admin.echo(marker);
    const deadline = Date.now() + 5000;
    while (!seen.some((s) => s.args[0]?.toLowerCase() === 'echo' && s.args[1] === marker)) {
      if (Date.now() > deadline) throw new Error('MONITOR never showed the marker');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  return {
    async count(operation) {
      // MONITOR lines arrive asynchronously: drain what earlier operations sent before starting,
      // then wait for a marker sent after this operation finished.
      await drain();
      seen = [];
      await operation();
      await drain();
      return {
        commands: seen.filter((s) => s.source === addr).map((s) => (s.args[0] ?? '').toLowerCase()),
        scripted: seen.filter((s) => s.source === 'lua').length,
      };
    },
    async close() {
      monitor.disconnect();
      await admin.quit();
    },
  };
}
