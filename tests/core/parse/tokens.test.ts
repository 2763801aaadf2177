import { describe, expect, it } from 'vitest';
import { closest, didYouMean, editDistance } from '../../../src/core/parse/suggest.js';
import { echo, firstUrl } from '../../../src/core/parse/text.js';
import { tokenize } from '../../../src/core/parse/tokens.js';

const values = (text: string) => tokenize(text).map((t) => t.value);

describe('tokenize', () => {
  it('splits on any whitespace, including newlines and NBSP', () => {
    expect(values(' a\tb\nc\u00a0d\u3000e ')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('groups straight and curly quotes, keeping inner spacing', () => {
    expect(values('new "Acme  Corp" \u201cBig Deal\u201d x')).toEqual(['new', 'Acme  Corp', 'Big Deal', 'x']);
    expect(tokenize('"a b"')[0]).toMatchObject({ quoted: true, start: 0, end: 5 });
  });

  it('treats an unclosed quote as a plain character', () => {
    expect(values('say "hi there')).toEqual(['say', '"hi', 'there']);
  });

  it('makes mention markers their own tokens, even glued to text', () => {
    const tokens = tokenize('hi<@0>, <@12>');
    expect(tokens.map((t) => t.value)).toEqual(['hi', '<@0>', ',', '<@12>']);
    expect(tokens.map((t) => t.mention)).toEqual([null, 0, null, 12]);
    expect(tokenize('"<@0>"')[0]?.mention).toBeNull();
  });

  it('records offsets into the source', () => {
    const text = '  tag  <@1>  hello ';
    for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.value);
  });
});

describe('suggest', () => {
  it('computes edit distance by code point', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('🚀a', '🚀b')).toBe(1);
  });

  it('suggests only reasonably close words', () => {
    expect(closest('statsu', ['status', 'stage'])).toBe('status');
    expect(closest('STAGE', ['status', 'stage'])).toBe('stage');
    expect(closest('x', ['new', 'tag'])).toBeNull();
    expect(closest('banana', ['status', 'stage'])).toBeNull();
    expect(closest('a'.repeat(100), ['a'.repeat(99)])).toBeNull();
    expect(didYouMean('', ['status'])).toBe('');
  });
});

describe('echo', () => {
  it('strips markup characters, joins lines, and truncates to about 40 characters', () => {
    expect(echo('<!channel>')).toBe('!channel');
    expect(echo('<@U123>')).toBe('U123');
    expect(echo('a\nb\u202ec')).toBe('a b c');
    expect(echo(`${'x'.repeat(50)}`)).toBe(`${'x'.repeat(40)}…`);
    expect(echo('<>')).toBeNull();
  });
});

describe('firstUrl', () => {
  it('finds the first http(s) URL without trailing sentence punctuation', () => {
    expect(firstUrl('see https://example.com/a.')).toBe('https://example.com/a');
    expect(firstUrl('(https://example.com/a)')).toBe('https://example.com/a');
    expect(firstUrl('https://en.wikipedia.org/wiki/Foo_(bar)')).toBe(
      'https://en.wikipedia.org/wiki/Foo_(bar)',
    );
    expect(firstUrl('<https://example.com|label>')).toBe('https://example.com');
    expect(firstUrl('HTTPS://EXAMPLE.COM')).toBe('HTTPS://EXAMPLE.COM');
    expect(firstUrl('no link here, http:// nothing')).toBeNull();
  });
});
