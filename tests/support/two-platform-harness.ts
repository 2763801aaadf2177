// One real service serving both platforms at once: Teams through the fake Bot Framework connector
// (teams-harness), Slack through signed requests to /slack/events with its Web API pointed at the fake
// Slack API (the same builders and signed sender as slack-harness), so one deal can have a room on
// each platform in one process and one store.
import {
  type FakeSlackApi,
  type FakeSlackCall,
  startFakeSlackApi,
} from '../../src/playground/fake-slack-api.js';
import { SECRET, BOT as SLACK_BOT, slackSender, TEAM, USERS } from './slack-harness.js';
import {
  appMention,
  blockAction,
  type ClickOptions,
  type EventOptions,
  slashBody,
  type Who,
} from './slack-payloads.js';
import { startTeams, type TeamsHarness } from './teams-harness.js';

export { SLACK_BOT, TEAM };

export interface SlackSide {
  readonly fake: FakeSlackApi;
  who(user: string, channel: string): Who;
  /** An Events API `app_mention` ("<@bot> words"); `retryNum` adds Slack's retry headers. */
  mention(who: Who, words: string, o?: EventOptions & { retryNum?: number }): Promise<Response>;
  event(body: object, retryNum?: number): Promise<Response>;
  slash(who: Who, text: string): Promise<Response>;
  click(who: Who, o: ClickOptions): Promise<Response>;
  /** chat.postMessage calls into a channel (DMs are `D<user>` at the fake). */
  posts(channel: string): FakeSlackCall[];
}

export interface TwoPlatforms {
  readonly teams: TeamsHarness;
  readonly slack: SlackSide;
  close(): Promise<void>;
}

export async function startTwoPlatforms(
  options: { store?: 'memory' | 'redis'; env?: Record<string, string> } = {},
): Promise<TwoPlatforms> {
  const fake = await startFakeSlackApi({ teamId: TEAM, botUserId: SLACK_BOT, users: USERS });
  const teams = await startTeams({
    store: options.store ?? 'memory',
    env: {
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: 'xoxb-test-token',
      SLACK_API_URL: fake.url,
      ...options.env,
    },
  });
  const { post, event, interact } = slackSender(`${teams.service.url}/slack/events`);
  const slack: SlackSide = {
    fake,
    who: (user, channel) => ({ team: TEAM, user, channel, userName: user.slice(1).toLowerCase() }),
    mention: (who, words, o = {}) =>
      event(appMention(who, SLACK_BOT, `<@${SLACK_BOT}> ${words}`, o), o.retryNum),
    event,
    slash: (who, text) => post(slashBody(who, text), 'application/x-www-form-urlencoded'),
    click: (who, o) => interact(blockAction(who, o)),
    posts: (channel) => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel),
  };
  return {
    teams,
    slack,
    async close() {
      await teams.close();
      await fake.close();
    },
  };
}
