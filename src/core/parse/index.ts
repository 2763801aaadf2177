// The parser's public surface; everything else in this folder is an implementation detail.

export { LIMITS } from './limits.js';
export { PARSE_FAILURE_SENTENCE, parseCommand } from './parse-command.js';
export { commandList, HELP, type HelpEntry, USAGE, USAGE_WORDS, type UsageWord } from './usage.js';
