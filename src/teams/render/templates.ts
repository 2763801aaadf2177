// The Adaptive Card templates (cards/teams/*.json), each compiled once at module load into a plain
// function (src/templates/compile-template.ts): expanding one costs microseconds.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CompiledTemplate, compileTemplate } from '../../templates/compile-template.js';

export const TEMPLATE_NAMES = [
  'summary',
  'timeline',
  'handoff',
  'research',
  'inbox',
  'help',
  'notice',
  'welcome',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** cards/teams, found upwards from this file: the same code runs from src/ (tsx) and dist/src/ (build). */
export function cardsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'cards', 'teams');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cards/teams not found above the Teams adapter');
    dir = parent;
  }
}

export function readTemplate(name: TemplateName): unknown {
  return JSON.parse(readFileSync(join(cardsDir(), `${name}.json`), 'utf8'));
}

const TEMPLATES = Object.fromEntries(
  TEMPLATE_NAMES.map((name) => [name, compileTemplate(readTemplate(name))]),
) as Record<TemplateName, CompiledTemplate>;

/** Expands a template with its data; the caller checks the result (size, leftovers in tests). */
export function expand(name: TemplateName, data: object): Record<string, unknown> {
  return TEMPLATES[name](data).value as Record<string, unknown>;
}
