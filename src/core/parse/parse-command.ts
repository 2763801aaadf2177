// The command grammar (DESIGN.md §3): text in, a Command or one human sentence plus a usage line out.
// Platform-free: mentions arrive resolved as `<@i>` markers into `input.mentions`.
import type { CommandInput, ParseResult } from '../commands.js';
import { type Args, failWith, ok } from './args.js';
import { exceeds, LIMITS, tooLong } from './limits.js';
import { parseLink, parseNew, parseStage, parseStakeholder, parseTimeline } from './parse-deal.js';
import { parseListen } from './parse-listen.js';
import { isDealPrefix, parseBare, parseDecline, parseDone, parseHelp, parseResearch } from './parse-misc.js';
import { parseConfig, parseEscalate, parseLoopIn, parseReassign, parseTag } from './parse-people.js';
import { didYouMean } from './suggest.js';
import { firstUnknownMention, quoted } from './text.js';
import { keyword, type Token, tokenize } from './tokens.js';
import { commandList, USAGE, USAGE_WORDS, type UsageWord } from './usage.js';

export { commandList, HELP, USAGE } from './usage.js';

/** Only seen if the parser has a bug: users still get a sentence, never a stack trace. */
export const PARSE_FAILURE_SENTENCE = "Sorry, I couldn't read that command; please try again.";

// How much of an oversized message is tokenized just to find which command's usage to show.
const HEAD_CHARS = 200;

export function parseCommand(input: CommandInput): ParseResult {
  try {
    return parse(input);
  } catch {
    return failWith(PARSE_FAILURE_SENTENCE, commandList());
  }
}

const usageWordFrom = (word: string): UsageWord | undefined => {
  const lower = word.toLowerCase();
  return USAGE_WORDS.find((w) => w === lower);
};

/** The command word's token index, after a tolerated leading `deal` or `/deal`. */
function commandIndex(tokens: readonly Token[]): number {
  return isDealPrefix(keyword(tokens[0])) ? 1 : 0;
}

function parse(input: CommandInput): ParseResult {
  // Defensive against JavaScript callers and malformed adapter output; the types promise these.
  const text = typeof input.text === 'string' ? input.text : '';
  const mentions = Array.isArray(input.mentions) ? input.mentions : [];
  if (exceeds(text, LIMITS.input)) {
    const head = tokenize(text.slice(0, HEAD_CHARS));
    const word = usageWordFrom(head[commandIndex(head)]?.value ?? '');
    return failWith(tooLong('That command', LIMITS.input), word ? USAGE[word] : commandList());
  }
  const tokens = tokenize(text);
  const at = commandIndex(tokens);
  const head = tokens[at];
  if (!head) return ok({ kind: 'help' });
  if (head.mention !== null) {
    return failWith('Start with a command word, e.g. tag, before the people you mention.', commandList());
  }
  const word = usageWordFrom(head.value);
  if (word === undefined) {
    const hint = didYouMean(head.value, USAGE_WORDS);
    return failWith(`I don't know the command ${quoted(head.value, 'you typed')}.${hint}`, commandList());
  }
  if (firstUnknownMention(text, mentions.length) !== null) {
    return failWith(
      "I couldn't tell who one of the mentions refers to; please mention them again.",
      USAGE[word],
    );
  }
  return dispatch({ input: { text, mentions }, tokens: tokens.slice(at + 1), word });
}

function dispatch(args: Args): ParseResult {
  switch (args.word) {
    case 'new':
      return parseNew(args);
    case 'link':
      return parseLink(args);
    case 'share':
      return parseBare(args, { kind: 'share' });
    case 'unlink':
      return parseBare(args, { kind: 'unlink' });
    case 'status':
      return parseBare(args, { kind: 'status' });
    case 'stage':
      return parseStage(args);
    case 'tag':
      return parseTag(args);
    case 'research':
      return parseResearch(args);
    case 'escalate':
      return parseEscalate(args);
    case 'loop-in':
      return parseLoopIn(args);
    case 'stakeholder':
      return parseStakeholder(args);
    case 'timeline':
      return parseTimeline(args);
    case 'inbox':
      return parseBare(args, { kind: 'inbox' });
    case 'help':
      return parseHelp(args);
    case 'config':
      return parseConfig(args);
    case 'accept':
      return parseBare(args, { kind: 'accept' });
    case 'decline':
      return parseDecline(args);
    case 'reassign':
      return parseReassign(args);
    case 'done':
      return parseDone(args);
    case 'listen':
      return parseListen(args);
  }
}
