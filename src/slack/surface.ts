// Everything Dealroom handles from Slack, in one table: router.ts routes exactly these, and the
// manifest test checks them against manifests/slack/manifest.json both ways. Action and modal ids
// come from the core (src/core/actions.ts); nothing here spells one.
import { ACTION_IDS, DECLINE_MODAL } from '../core/actions.js';

export const SLASH_COMMAND = '/deal';

/** Bolt event types we listen to, with the manifest `bot_events` each one needs. */
export const EVENTS = {
  app_mention: ['app_mention'],
  // Plain messages in public and private deal rooms (listening); DMs are not deal rooms.
  message: ['message.channels', 'message.groups'],
} as const;
export type SlackEventType = keyof typeof EVENTS;

export const SURFACE = {
  commands: [SLASH_COMMAND],
  events: Object.keys(EVENTS) as SlackEventType[],
  manifestEvents: Object.values(EVENTS).flat(),
  actions: ACTION_IDS,
  views: [DECLINE_MODAL],
} as const;

/** The one URL Slack posts commands, events and interactivity to (HTTP mode). */
export const EVENTS_PATH = '/slack/events';
