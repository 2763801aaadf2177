// The Teams manifest schema (1.22, draft-04 with `const`), loaded offline as the schemas README says.
import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import formats from 'ajv-formats';
import { SHARED } from './teams-cards.js';

type Validate = ((data: unknown) => boolean) & {
  errors?: { instancePath: string; message?: string }[] | null;
};

export function manifestValidator(version = '1.22'): (manifest: unknown) => string[] {
  const schema = JSON.parse(readFileSync(`${SHARED}schemas/teams-manifest-${version}.json`, 'utf8'));
  // CommonJS default exports: under NodeNext the callables are `.default`.
  const Ajv = (AjvDraft04 as unknown as { default: new (o: object) => { compile(s: object): Validate } })
    .default;
  const ajv = new Ajv({ strict: false, allErrors: true });
  (formats as unknown as { default: (a: unknown) => void }).default(ajv);
  const validate = ajv.compile(schema);
  return (manifest) =>
    validate(manifest) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

/** Width, height and colour type from a PNG's IHDR chunk. */
export function pngInfo(bytes: Buffer): { width: number; height: number; colorType: number } {
  if (
    bytes.subarray(0, 8).toString('hex') !== '89504e470d0a1a0a' ||
    bytes.subarray(12, 16).toString() !== 'IHDR'
  ) {
    throw new Error('not a PNG');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colorType: bytes[25] ?? -1 };
}
