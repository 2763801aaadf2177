// Display names: users.info once per person (cached in the store, shared by replicas), the handle
// Slack gave only when users.info cannot answer.
import { webApi } from '@slack/bolt';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { type FakeSlackApi, startFakeSlackApi } from '../../src/playground/fake-slack-api.js';
import { webClientOptions } from '../../src/slack/bolt-app.js';
import { createPeople } from '../../src/slack/people.js';
import { createMemoryStore } from '../../src/store/memory-store.js';

const logger = pino({ level: 'silent' });

describe('people', () => {
  let fake: FakeSlackApi;
  let client: webApi.WebClient;
  beforeAll(async () => {
    fake = await startFakeSlackApi({ users: [{ id: 'UANN', name: 'ann.lee', displayName: 'Ann Lee' }] });
    const config = loadConfig({
      NODE_ENV: 'test',
      SLACK_BOT_TOKEN: 'xoxb-t',
      SLACK_SIGNING_SECRET: 's',
      SLACK_API_URL: fake.url,
    });
    client = new webApi.WebClient('xoxb-t', webClientOptions(config.slack!, config.env, logger));
  });
  afterAll(async () => {
    await fake.close();
  });

  it('uses the display name over the handle, and asks Slack once for all replicas', async () => {
    const store = createMemoryStore();
    const one = createPeople(client, store, logger);
    const names = await Promise.all([one.nameOf('T1', 'UANN', 'ann.lee'), one.nameOf('T1', 'UANN')]);
    const replica = createPeople(client, store, logger);
    names.push(await replica.nameOf('T1', 'UANN'));
    expect(names).toEqual(['Ann Lee', 'Ann Lee', 'Ann Lee']);
    expect(fake.callsTo('users.info')).toHaveLength(1);
  });

  it('falls back to the handle Slack gave, then to the id, when users.info cannot answer', async () => {
    const people = createPeople(client, createMemoryStore(), logger);
    expect(await people.nameOf('T1', 'UGHOST', 'ghost')).toBe('ghost');
    expect(await people.nameOf('T1', 'UNOBODY')).toBe('UNOBODY');
  });
});
