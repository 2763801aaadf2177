// A suite's Slack harness and Teams harness, started once, with every unhandled rejection collected
// meanwhile (the fault suites assert there is none).
import { afterAll, beforeAll } from 'vitest';
import { type SlackHarness, startSlackHarness } from './slack-harness.js';
import { startTeams, type TeamsHarness } from './teams-harness.js';

export interface BothPlatforms {
  readonly slack: SlackHarness;
  readonly teams: TeamsHarness;
  readonly rejections: readonly unknown[];
}

/** Registers the hooks in the calling describe; read `slack` and `teams` inside tests or later hooks. */
export function useBothPlatforms(): BothPlatforms {
  let slack: SlackHarness | undefined;
  let teams: TeamsHarness | undefined;
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);
  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    slack = await startSlackHarness();
    teams = await startTeams();
  });
  afterAll(async () => {
    process.off('unhandledRejection', onRejection);
    await slack?.close();
    await teams?.close();
  });
  const started = <T>(h: T | undefined): T => {
    if (!h) throw new Error('the harnesses start in beforeAll');
    return h;
  };
  return {
    get slack() {
      return started(slack);
    },
    get teams() {
      return started(teams);
    },
    rejections,
  };
}
