// Usage lines and help text, one entry per command word. Platform-neutral: no `/deal ` or bot-mention
// prefix here; each adapter adds its own when it renders a usage line or an example.
import { COMMAND_NAMES, type CommandName } from '../commands.js';

/** Every word a user can type as a command has a usage line and a help entry. */
export type UsageWord = CommandName;
export const USAGE_WORDS: readonly UsageWord[] = COMMAND_NAMES;

export interface HelpEntry {
  readonly summary: string;
  readonly usage: string;
  readonly examples: readonly string[];
}

interface Entry {
  readonly form: string;
  readonly summary: string;
  readonly examples: readonly string[];
}

const ENTRIES: Readonly<Record<UsageWord, Entry>> = {
  new: {
    form: 'new <name> [inbound|outbound|account-based|relationship|team] [--channel]',
    summary: 'Create a deal for this channel (sales model defaults to team selling).',
    examples: ['new Acme expansion outbound', 'new "Globex renewal" relationship', 'new Initech --channel'],
  },
  link: {
    form: 'link <deal-code | one-time code>',
    summary: 'Bind this channel to a deal: by its code, or on the other platform by a code from share.',
    examples: ['link D-7K3F9X', 'link K7F3-9QXM-2B8R-T4WZ'],
  },
  share: {
    form: 'share',
    summary: 'Get a one-time code that links a channel on the other platform (or workspace) to this deal.',
    examples: ['share'],
  },
  unlink: {
    form: 'unlink',
    summary: 'Remove this channel from the deal; the deal carries on in its other rooms.',
    examples: ['unlink'],
  },
  status: { form: 'status', summary: "Show the deal's summary card.", examples: ['status'] },
  stage: {
    form: 'stage [<stage>|next] — or: stage close won|lost [reason]',
    summary: 'Show or move the deal stage, or close the deal as won or lost.',
    examples: ['stage', 'stage next', 'stage make contact', 'stage close won', 'stage close lost budget cut'],
  },
  tag: {
    form: 'tag @someone [@am …] <text>',
    summary: 'Tag teammates or a role on the deal; each person gets an inbox item until they mark it done.',
    examples: ['tag @ann can you look at pricing with @am?', 'tag @se the prospect asked about SSO'],
  },
  research: {
    form: 'research [<category>] <finding> — or: research (alone) to list findings',
    summary: 'Log a research finding once the deal is past Qualify; alone, list the findings.',
    examples: ['research competition Globex quoted 20% less https://example.com/quote', 'research'],
  },
  escalate: {
    form: 'escalate [@someone|@am] <note>',
    summary: 'Hand a qualified lead to an account manager, or to the AM pool with @am.',
    examples: ['escalate @am budget confirmed, wants a demo next week', 'escalate @bob champion is the CFO'],
  },
  'loop-in': {
    form: 'loop-in @someone <role> [note]',
    summary:
      'Add a teammate to the deal with a role (sdr, am, se, marketing, analyst, cs, support, manager).',
    examples: ['loop-in @cara se for the SSO question', 'loop-in @dan marketing'],
  },
  stakeholder: {
    form: 'stakeholder add <name> <buying-role> [title]',
    summary: 'Record a member of the buying committee.',
    examples: ['stakeholder add Jane Doe sponsor VP Sales', 'stakeholder add "Li Wei" it-approver'],
  },
  timeline: {
    form: 'timeline [all|research|handoffs|tags]',
    summary: "Show the deal's timeline, newest first.",
    examples: ['timeline', 'timeline research'],
  },
  listen: {
    form: 'listen on|off',
    summary: 'Record (or stop recording) plain messages in this room that @mention teammates as tags.',
    examples: ['listen off', 'listen on'],
  },
  inbox: { form: 'inbox', summary: 'Show your open tags and handoffs across deals.', examples: ['inbox'] },
  help: {
    form: 'help [command]',
    summary: 'Show the commands, or how to use one.',
    examples: ['help stage'],
  },
  config: {
    form: 'config — or: config am-pool @someone… | config managers @someone…',
    summary: "Show or set the workspace's account-manager pool and sales managers.",
    examples: ['config', 'config am-pool @ann @bob', 'config managers @meg'],
  },
  accept: { form: 'accept', summary: 'Accept the open handoff in this deal room.', examples: ['accept'] },
  decline: {
    form: 'decline <reason>',
    summary: 'Decline the open handoff in this deal room, saying why.',
    examples: ['decline not in my territory'],
  },
  reassign: {
    form: 'reassign @someone',
    summary: 'Hand the open handoff in this deal room to another account manager.',
    examples: ['reassign @bob'],
  },
  done: {
    form: 'done <item-id>',
    summary: 'Mark one of your inbox items done.',
    examples: ['done 4f2a9c'],
  },
};

const usageOf = (word: UsageWord): string => `Usage: ${ENTRIES[word].form}`;

function build<T>(make: (word: UsageWord) => T): Record<UsageWord, T> {
  const out: Partial<Record<UsageWord, T>> = {};
  for (const word of USAGE_WORDS) out[word] = make(word);
  return out as Record<UsageWord, T>;
}

/** "Usage: stage [<stage>|next] — or: stage close won|lost [reason]", per command word. */
export const USAGE: Readonly<Record<UsageWord, string>> = build(usageOf);

export const HELP: Readonly<Record<UsageWord, HelpEntry>> = build((word) => ({
  summary: ENTRIES[word].summary,
  usage: usageOf(word),
  examples: ENTRIES[word].examples,
}));

/** One line per command, "form — summary", for the help view and the unknown-command reply. */
export function commandList(): string {
  return USAGE_WORDS.map((word) => `${ENTRIES[word].form} — ${ENTRIES[word].summary}`).join('\n');
}
