// The grammar's vocabulary, validated with zod enums built from the playbook data, so adding a role or
// a stage in playbooks.ts is enough for the parser to accept it.
import { z } from 'zod';
import { COMMAND_NAMES } from '../commands.js';
import { TIMELINE_FILTERS } from '../model.js';
import { BUYING_ROLES, MODELS, RESEARCH_CATEGORIES, ROLES, STAGES } from '../playbooks.js';

export const RoleSchema = z.enum(ROLES);
export const StageSchema = z.enum(STAGES);
export const ModelSchema = z.enum(MODELS);
export const CategorySchema = z.enum(RESEARCH_CATEGORIES);
export const BuyingRoleSchema = z.enum(BUYING_ROLES);
export const FilterSchema = z.enum(TIMELINE_FILTERS);
export const CommandNameSchema = z.enum(COMMAND_NAMES);

export type RoleWord = z.infer<typeof RoleSchema>;
export type StageWord = z.infer<typeof StageSchema>;
export type ModelWord = z.infer<typeof ModelSchema>;
export type CategoryWord = z.infer<typeof CategorySchema>;
export type BuyingRoleWord = z.infer<typeof BuyingRoleSchema>;
export type FilterWord = z.infer<typeof FilterSchema>;
export type CommandNameWord = z.infer<typeof CommandNameSchema>;

/** The parsed value, or null: zod's own messages never reach a user. */
function pick<T>(schema: z.ZodType<T>, word: string): T | null {
  const result = schema.safeParse(word);
  return result.success ? result.data : null;
}

// Maps, not object literals: a user typing "constructor" must not hit Object.prototype.
const ROLE_ALIASES = new Map<string, RoleWord>([
  ['ae', 'am'],
  ['account-manager', 'am'],
  ['account-executive', 'am'],
  ['sales-engineer', 'se'],
  ['customer-success', 'cs'],
  ['sales-manager', 'manager'],
  ['business-analyst', 'analyst'],
]);
const MODEL_ALIASES = new Map<string, ModelWord>([['abm', 'account-based']]);
const FILTER_ALIASES = new Map<string, FilterWord>([
  ['handoff', 'handoffs'],
  ['tag', 'tags'],
]);

/** `se`, `@SE`, `sales-engineer` → 'se'; a trailing `:` or `,` is tolerated ("@am: please"). */
export function roleFrom(word: string): RoleWord | null {
  const w = word.replace(/[:,]$/, '').replace(/^@/, '').toLowerCase();
  return pick(RoleSchema, w) ?? ROLE_ALIASES.get(w) ?? null;
}

/** Stage ids or labels, any case: "Make Contact", "make contact", "make-contact" → 'make-contact'. */
export function stageFrom(words: string): StageWord | null {
  return pick(StageSchema, normalizeLabel(words));
}

export const normalizeLabel = (words: string): string =>
  words
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');

export function modelFrom(word: string): ModelWord | null {
  const w = word.toLowerCase();
  return pick(ModelSchema, w) ?? MODEL_ALIASES.get(w) ?? null;
}

/** Research category; `competition:` (with a colon, as people write headings) counts too. */
export function categoryFrom(word: string): CategoryWord | null {
  return pick(CategorySchema, word.replace(/:$/, '').toLowerCase());
}

export function buyingRoleFrom(word: string): BuyingRoleWord | null {
  return pick(BuyingRoleSchema, word.replace(/,$/, '').toLowerCase());
}

export function filterFrom(word: string): FilterWord | null {
  const w = word.toLowerCase();
  return pick(FilterSchema, w) ?? FILTER_ALIASES.get(w) ?? null;
}

export function commandNameFrom(word: string): CommandNameWord | null {
  return pick(CommandNameSchema, word.toLowerCase());
}

/** "a, b, c or d" for sentences listing valid words. */
export function orList(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}
