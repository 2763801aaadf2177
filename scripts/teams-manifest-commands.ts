// The command lists of the Teams manifest, derived from the core's usage table so the menu Teams
// shows can never drift from the grammar (tests compare the committed manifest with this).
import type { CommandName } from '../src/core/commands.js';
import { HELP } from '../src/core/parse/usage.js';

/** Teams allows 10 commands per list; these are the ones people reach for first. */
export const ROOM_COMMANDS: readonly CommandName[] = [
  'new',
  'status',
  'stage',
  'tag',
  'research',
  'escalate',
  'timeline',
  'share',
  'link',
  'help',
];
export const PERSONAL_COMMANDS: readonly CommandName[] = ['inbox', 'done', 'config', 'help'];

export const commandDescription = (name: CommandName): string =>
  `${HELP[name].usage.replace(/^Usage: /, '')} — ${HELP[name].summary}`;

export const commandList = (scopes: readonly string[], names: readonly CommandName[]) => ({
  scopes: [...scopes],
  commands: names.map((title) => ({ title, description: commandDescription(title) })),
});
