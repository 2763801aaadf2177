// manifests/slack/manifest.json is what a workspace admin pastes into "Create app from manifest": it
// must validate against Slack's manifest schema and match what the code registers, both ways.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTION_IDS, DECLINE_MODAL } from '../../src/core/actions.js';
import { renderDeclineModal, renderView } from '../../src/slack/render/render.js';
import { EVENTS_PATH, SURFACE } from '../../src/slack/surface.js';
import { checkManifest, SHARED } from '../support/slack-schemas.js';
import { D, sampleViews, WS } from '../support/slack-views.js';

const root = new URL('../../', import.meta.url).pathname;
const manifest = JSON.parse(readFileSync(`${root}manifests/slack/manifest.json`, 'utf8')) as {
  features: { slash_commands: { command: string; url: string; should_escape?: boolean }[] };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
};

describe('the Slack app manifest', () => {
  it('validates against Slack’s manifest schema (and the schema rejects a broken one)', () => {
    expect(checkManifest(manifest)).toEqual({ ok: true });
    const invalid = JSON.parse(
      readFileSync(`${SHARED}schemas/fixtures/slack-manifest-schema/v1-manifest.invalid.json`, 'utf8'),
    );
    expect(checkManifest(invalid).ok).toBe(false);
  });

  it('declares exactly the slash commands the code registers, with mentions escaped', () => {
    expect(manifest.features.slash_commands.map((c) => c.command).sort()).toEqual(
      [...SURFACE.commands].sort(),
    );
    // should_escape makes mentions arrive as <@U…|name>, which is what the adapter resolves.
    expect(manifest.features.slash_commands.every((c) => c.should_escape === true)).toBe(true);
  });

  it('subscribes to exactly the events the code listens to', () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [...SURFACE.manifestEvents].sort(),
    );
  });

  it('enables interactivity for the buttons and the decline form, all on one request URL', () => {
    expect(SURFACE.actions.length + SURFACE.views.length).toBeGreaterThan(0);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = new Set([
      manifest.settings.interactivity.request_url,
      manifest.settings.event_subscriptions.request_url,
      ...manifest.features.slash_commands.map((c) => c.url),
    ]);
    expect(urls.size).toBe(1);
    expect([...urls][0]).toMatch(new RegExp(`^https://[^/]+${EVENTS_PATH}$`));
    // HTTP by default; the README says how to flip it for Socket Mode.
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('asks for the scopes the Web API calls need, and no others', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      [
        'app_mentions:read', // app_mention events
        'channels:history', // message.channels (listening)
        'channels:join', // conversations.join: the bot joins a new deal room
        'channels:manage', // conversations.create / invite (/deal new --channel)
        'chat:write', // chat.postMessage / postEphemeral / update
        'chat:write.public', // posting in public channels the bot has not joined
        'commands', // /deal
        'groups:history', // message.groups (listening in private deal rooms)
        'im:write', // conversations.open: handoff cards by DM
        'reactions:write', // 🏷️ on listened messages
        'users:read', // users.info: names of mentioned people
      ].sort(),
    );
  });

  it('registers every core action id and the decline form, and the templates use no other ids', () => {
    // A Slack manifest has no field for block action ids: they are checked against the code instead.
    expect([...SURFACE.actions].sort()).toEqual([...ACTION_IDS].sort());
    expect(SURFACE.views).toEqual([DECLINE_MODAL]);
    const templates = readdirSync(`${root}cards/slack`).map((f) =>
      readFileSync(`${root}cards/slack/${f}`, 'utf8'),
    );
    const literalIds = templates.flatMap((t) => [
      ...t.matchAll(/"(action_id|callback_id)":\s*"([^"$][^"]*)"/g),
    ]);
    // Every id comes from the core through the data (${ids.…}), never spelled in a template.
    expect(literalIds.map((m) => m[2])).toEqual([]);
  });

  it('the cards use exactly the registered action ids, and the form its registered callback id', () => {
    const rendered = JSON.stringify(sampleViews().flatMap((v) => renderView(v, WS)));
    const used = new Set([...rendered.matchAll(/"action_id":"([^"]+)"/g)].map((m) => m[1]));
    expect([...used].sort()).toEqual([...SURFACE.actions].sort());
    const modal = renderDeclineModal({ dealId: D, handoffId: 'h1', channel: 'C1' }) as {
      callback_id: string;
    };
    expect(SURFACE.views).toContain(modal.callback_id);
  });
});
