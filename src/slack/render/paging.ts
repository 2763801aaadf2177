// Block Kit limits, applied after a template is expanded: a section's text is at most 3000 chars, a
// message at most 50 blocks, and a message's blocks about 12k chars in all (DESIGN.md §6). Long
// content becomes several messages, and long text several sections, cut at a line break or a space,
// never inside a word, an `&amp;` entity or a `<…>` link.

export const BLOCK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3_000,
  /** Measured as the blocks' JSON, a little over the text Slack counts: a safe upper bound. */
  messageChars: 12_000,
} as const;

export type Block = Readonly<Record<string, unknown>>;

export interface SlackMessage {
  /** Fallback text: notifications, screen readers, clients without Block Kit. */
  readonly text: string;
  readonly blocks: readonly Block[];
}

interface TextObject {
  readonly type: string;
  readonly text: string;
}

const isTextObject = (v: unknown): v is TextObject =>
  typeof v === 'object' && v !== null && typeof (v as TextObject).text === 'string';

export function paginate(message: SlackMessage): SlackMessage[] {
  // Most messages (every notice) fit in one: one measurement for all blocks instead of one each.
  if (fitsOnePage(message.blocks)) return [message];
  const blocks = message.blocks.flatMap(splitSection);
  const pages: Block[][] = [];
  let page: Block[] = [];
  let size = 0;
  for (const block of blocks) {
    const n = JSON.stringify(block).length;
    const full =
      page.length >= BLOCK_LIMITS.blocksPerMessage ||
      (page.length > 0 && size + n > BLOCK_LIMITS.messageChars);
    if (full) {
      pages.push(page);
      page = [];
      size = 0;
    }
    page.push(block);
    size += n;
  }
  if (page.length > 0) pages.push(page);
  return pages.map((blocks, i) => ({
    text: i === 0 ? message.text : `${message.text} (${i + 1}/${pages.length})`,
    blocks,
  }));
}

function fitsOnePage(blocks: readonly Block[]): boolean {
  if (blocks.length > BLOCK_LIMITS.blocksPerMessage) return false;
  for (const b of blocks) {
    if (b.type === 'section' && isTextObject(b.text) && b.text.text.length > BLOCK_LIMITS.sectionText) {
      return false;
    }
  }
  // The blocks' JSON is a little longer than the sum of each block's (commas, brackets): still a bound.
  return JSON.stringify(blocks).length <= BLOCK_LIMITS.messageChars;
}

/** A section with too much text becomes several; the accessory (a button) stays on the first. */
function splitSection(block: Block): Block[] {
  const text = block.text;
  if (block.type !== 'section' || !isTextObject(text) || text.text.length <= BLOCK_LIMITS.sectionText) {
    return [block];
  }
  const { accessory: _accessory, ...rest } = block;
  return splitText(text.text, BLOCK_LIMITS.sectionText).map((part, i) => ({
    ...(i === 0 ? block : rest),
    text: { ...text, text: part },
  }));
}

/** Pieces of at most `max` UTF-16 units (an upper bound on Slack's character count). */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = cutPoint(rest, max);
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).replace(/^\s+/, '');
  }
  if (rest.length > 0) out.push(rest);
  return out.filter((p) => p.length > 0);
}

function cutPoint(text: string, max: number): number {
  const window = text.slice(0, max + 1);
  // The separator itself may sit at index `max`: cutting there keeps `max` chars before it.
  const newline = window.lastIndexOf('\n');
  if (newline > max / 2) return newline;
  const space = lastSpace(window);
  if (space > 0) return space;
  // A single "word" longer than a section (a pasted token, a huge URL): cut it, but not inside
  // markup, an entity or a surrogate pair.
  let cut = max;
  const open = window.lastIndexOf('<', cut - 1);
  if (open > 0 && open > window.lastIndexOf('>', cut - 1)) cut = open;
  const amp = window.lastIndexOf('&', cut - 1);
  if (amp > 0 && amp > window.lastIndexOf(';', cut - 1) && cut - amp < 8) cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut--;
  return cut;
}

function lastSpace(window: string): number {
  for (let i = window.length - 1; i > 0; i--) if (/\s/.test(window.charAt(i))) return i;
  return -1;
}
