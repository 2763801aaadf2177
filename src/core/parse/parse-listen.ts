import type { ParseResult } from '../commands.js';
import { type Args, fail, ok } from './args.js';
import { keyword } from './tokens.js';

export function parseListen(args: Args): ParseResult {
  const [first, extra] = args.tokens;
  const word = keyword(first);
  if ((word !== 'on' && word !== 'off') || extra) {
    return fail(args, 'Say listen on or listen off.');
  }
  return ok({ kind: 'listen', on: word === 'on' });
}
