// Validators for what the bot sends Slack and for our app manifest, from the official (manifest) and
// community (Block Kit) schemas in ../shared/schemas, loaded as their README says.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { FakeSlackCall } from '../../src/playground/fake-slack-api.js';

const require = createRequire(import.meta.url);
export const SHARED = new URL('../../../shared/', import.meta.url).pathname;
const schema = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(`${SHARED}schemas/${name}`, 'utf8')) as Record<string, unknown>;

interface AjvLike {
  addSchema(schema: object, key?: string): AjvLike;
  compile(schema: object): ValidateFunction;
}
type AjvClass = new (options: object) => AjvLike;
// CommonJS packages, required directly: their default-export interop differs between Node and vitest.
const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: AjvClass };
const { Ajv } = require('ajv') as { Ajv: AjvClass };
const addFormats = require('ajv-formats') as (ajv: AjvLike) => void;

const BLOCK_KIT_ID = 'https://tightknit.com/schemas/slack-block-kit.schema.json';
const blockKit = new Ajv2020({ strict: false, allErrors: true });
addFormats(blockKit);
blockKit.addSchema(schema('slack-block-kit.schema.json'));
const blocksValidator = blockKit.compile({ $ref: BLOCK_KIT_ID });
const modalValidator = blockKit.compile({ $ref: `${BLOCK_KIT_ID}#/$defs/modal_view` });

const manifestAjv = new Ajv({ strict: false, allErrors: true });
addFormats(manifestAjv);
const V1 =
  'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.1.0.0.json';
const V2 =
  'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/manifest.schema.2.0.0.json';
manifestAjv.addSchema(schema('slack-app-manifest-1.0.0.json'), V1);
manifestAjv.addSchema(schema('slack-app-manifest-2.0.0.json'), V2);
const manifestValidator = manifestAjv.compile(schema('slack-app-manifest.schema.json'));

const explain = (errors: ErrorObject[] | null | undefined): string =>
  (errors ?? [])
    .slice(0, 8)
    .map((e) => `${e.instancePath} ${e.message}`)
    .join('; ');

export type Check = { ok: true } | { ok: false; why: string };
const check = (v: ValidateFunction, data: unknown): Check =>
  v(data) ? { ok: true } : { ok: false, why: explain(v.errors) };

export const checkBlocks = (blocks: unknown): Check => check(blocksValidator, blocks);
export const checkModal = (view: unknown): Check => check(modalValidator, view);
export const checkManifest = (manifest: unknown): Check => check(manifestValidator, manifest);

/** The Web API methods (and response_url posts) that carry message blocks. */
const MESSAGE_METHODS = new Set(['chat.postMessage', 'chat.postEphemeral', 'chat.update', 'response_url']);

/** A slash command's ack body: a message, in channel or ephemeral (slash-answer.ts). */
interface AckBody {
  readonly response_type?: unknown;
  readonly text?: unknown;
  readonly blocks?: unknown;
}

/**
 * Every Block Kit payload the bot sent, each checked against the schema and Slack's per-message
 * limits the schema does not encode, including the replies slash commands' acks carried. Returns
 * the failures (empty when all is well) and the count.
 */
export function checkSentPayloads(
  sent: readonly FakeSlackCall[],
  acks: readonly AckBody[] = [],
): { checked: number; failures: string[] } {
  const failures: string[] = [];
  let checked = 0;
  for (const ack of acks) {
    if (ack.response_type !== 'in_channel' && ack.response_type !== 'ephemeral')
      failures.push(`slash ack: response_type ${String(ack.response_type)}`);
    if (typeof ack.text !== 'string' || ack.text === '') failures.push('slash ack: no fallback text');
  }
  const calls = [
    ...sent,
    ...acks.map((args) => ({ method: 'response_url', args: { ...args } }) as unknown as FakeSlackCall),
  ];
  for (const call of calls) {
    if (MESSAGE_METHODS.has(call.method) && call.args.blocks !== undefined) {
      checked++;
      const blocks = call.args.blocks;
      const result = checkBlocks(blocks);
      if (!result.ok) failures.push(`${call.method}: ${result.why}`);
      if (!Array.isArray(blocks) || blocks.length > 50) failures.push(`${call.method}: more than 50 blocks`);
      if (JSON.stringify(blocks).length > 12_000) failures.push(`${call.method}: blocks over 12k chars`);
      if (JSON.stringify(blocks).includes('${')) failures.push(`${call.method}: unexpanded template field`);
    }
    if (call.method === 'views.open') {
      checked++;
      const result = checkModal(call.args.view);
      if (!result.ok) failures.push(`views.open: ${result.why}`);
    }
  }
  return { checked, failures };
}
