// Checks every Teams card two ways: the official Adaptive Card 1.5 JSON schema (../shared/schemas)
// and the adaptivecards renderer's own parser, targeting 1.5. Teams-only extensions the schema does
// not know are allow-listed here, narrowly, as the schemas README says to (never in the file).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
export const SHARED = new URL('../../../shared/', import.meta.url).pathname;

type Json = Record<string, unknown>;
const mentionEntity = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'text', 'mentioned'],
  properties: {
    type: { enum: ['mention'] },
    text: { type: 'string', pattern: '^<at>[^<>]+</at>$' },
    mentioned: {
      type: 'object',
      additionalProperties: false,
      required: ['id', 'name'],
      properties: { id: { type: 'string', minLength: 1 }, name: { type: 'string' } },
    },
  },
};

/** The 1.5 schema, with the two Teams extensions Dealroom uses allow-listed in memory. */
function loadCardSchema(): Json {
  const schema = JSON.parse(readFileSync(`${SHARED}schemas/adaptive-card-1.5.json`, 'utf8')) as Json;
  schema.$id = schema.id;
  delete schema.id;
  const defs = schema.definitions as Record<string, { properties: Json }>;
  // Card-level `msteams` (full width, mentions): Teams-only, documented by Microsoft.
  defs.AdaptiveCard!.properties.msteams = {
    type: 'object',
    additionalProperties: false,
    properties: { width: { enum: ['Full'] }, entities: { type: 'array', items: mentionEntity } },
  };
  // The Teams people picker: `choices.data` with a Graph dataset on Input.ChoiceSet (Teams supports
  // it in 1.2+ cards; the generic 1.5 schema and renderer only know it from 1.6).
  defs['Input.ChoiceSet']!.properties['choices.data'] = {
    type: 'object',
    additionalProperties: false,
    required: ['type', 'dataset'],
    properties: {
      type: { enum: ['Data.Query'] },
      dataset: { enum: ['graph.microsoft.com/users', 'graph.microsoft.com/users?scope=currentContext'] },
    },
  };
  return schema;
}

const ajv = new Ajv({ strict: false, allErrors: true });
// ajv-formats is CommonJS with a default export: under NodeNext its callable is `.default`.
(formats as unknown as { default: (a: Ajv) => void }).default(ajv);
ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
const validateSchema = ajv.compile(loadCardSchema());

// The renderer is loaded from its dist bundle: `import 'adaptivecards'` crashes in plain Node (DESIGN §6).
interface ParseEvent {
  readonly message: string;
}
interface AdaptiveCardsBundle {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: ParseEvent[] };
  };
  SerializationContext: new (version: unknown) => { eventCount: number; getEventAt(i: number): ParseEvent };
  Versions: { v1_5: unknown };
}
const AC = require('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsBundle;

/**
 * The renderer events we accept, and only on a card with a Teams people picker: it knows
 * `choices.data` from 1.6 only, so it also wants static choices the dynamic picker does not need.
 */
const PEOPLE_PICKER_EVENTS = new Set([
  'Property "choices.data" is supported in version 1.6, but you are using version 1.5.',
  'An Input.ChoiceSet must have at least one choice defined.',
]);

export function schemaErrors(card: unknown): string[] {
  return validateSchema(card)
    ? []
    : (validateSchema.errors ?? []).map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`);
}

export function rendererEvents(card: unknown): string[] {
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) events.push(e.message);
  const picker = JSON.stringify(card).includes('"choices.data"');
  return picker ? events.filter((message) => !PEOPLE_PICKER_EVENTS.has(message)) : events;
}

const MAX_CARD_BYTES = 28 * 1024;

/** Asserts a card is valid 1.5, parses cleanly, has no unexpanded `${`, and fits a Teams message. */
export function expectValidCard(card: unknown): void {
  const json = JSON.stringify(card);
  expect(json, 'leftover template expression').not.toContain('${');
  expect(Buffer.byteLength(json), 'card size').toBeLessThan(MAX_CARD_BYTES);
  expect(schemaErrors(card), 'Adaptive Card 1.5 schema').toEqual([]);
  expect(rendererEvents(card), 'adaptivecards parse/validation events').toEqual([]);
  // Every mention in the text has its entity, and every entity is used (Teams drops orphans).
  const entities = ((card as Json).msteams as { entities?: { text: string }[] } | undefined)?.entities ?? [];
  const texts = new Set(entities.map((e) => e.text));
  for (const at of json.match(/<at>[^<]*<\/at>/g) ?? []) expect(texts, `entity for ${at}`).toContain(at);
}

/** Cards in an activity's attachments (adaptive ones only). */
export function cardsOf(activity: { attachments?: { contentType?: string; content?: unknown }[] }): Json[] {
  return (activity.attachments ?? [])
    .filter((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
    .map((a) => a.content as Json);
}
