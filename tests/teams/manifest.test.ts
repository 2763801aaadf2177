// The Teams app manifest and its package: valid against the 1.22 schema, commands in step with the
// grammar, listening permission, icons of the right size, and `npm run package:teams` filling the id.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { commandList, PERSONAL_COMMANDS, ROOM_COMMANDS } from '../../scripts/teams-manifest-commands.js';
import { COMMAND_NAMES } from '../../src/core/commands.js';
import { manifestValidator, pngInfo } from '../support/teams-manifest.js';

const ROOT = new URL('../../', import.meta.url).pathname;
const DIR = join(ROOT, 'manifests/teams');
type Manifest = {
  manifestVersion: string;
  id: string;
  icons: { color: string; outline: string };
  bots: {
    botId: string;
    scopes: string[];
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  webApplicationInfo: { id: string };
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
};
const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as Manifest;
const validate = manifestValidator('1.22');
const APP_ID = '3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b';

describe('Teams manifest', () => {
  it('validates against the 1.22 schema (which rejects what it should)', () => {
    expect(manifest.manifestVersion).toBe('1.22');
    expect(validate(manifest)).toEqual([]);
    expect(validate({ ...manifest, bogus: true })).not.toEqual([]);
    expect(validate({ ...manifest, id: 'not-a-guid' })).not.toEqual([]);
  });

  it('puts the bot in teams and group chats, and lists only commands the grammar knows', () => {
    const [bot] = manifest.bots;
    expect(bot?.scopes).toEqual(expect.arrayContaining(['team', 'groupChat']));
    expect(bot?.commandLists).toEqual([
      commandList(['team', 'groupChat'], ROOM_COMMANDS),
      commandList(['personal'], PERSONAL_COMMANDS),
    ]);
    for (const list of bot?.commandLists ?? []) {
      for (const c of list.commands) expect(COMMAND_NAMES).toContain(c.title);
    }
  });

  it('asks for resource-specific consent to hear channel and chat messages without a mention', () => {
    expect(manifest.authorization.permissions.resourceSpecific).toEqual(
      expect.arrayContaining([{ name: 'ChannelMessage.Read.Group', type: 'Application' }]),
    );
  });

  it('ships a 192×192 colour icon and a 32×32 white-on-transparent outline icon', () => {
    const color = readFileSync(join(DIR, manifest.icons.color));
    const outline = readFileSync(join(DIR, manifest.icons.outline));
    expect(pngInfo(color)).toEqual({ width: 192, height: 192, colorType: 6 });
    expect(pngInfo(outline)).toEqual({ width: 32, height: 32, colorType: 6 });
    // Outline pixels: white, varying only in alpha, with a transparent border and some ink.
    const idat = outline.subarray(outline.indexOf('IDAT') + 4, outline.indexOf('IEND') - 8);
    const raw = inflateSync(idat);
    const alphas: number[] = [];
    for (let y = 0; y < 32; y++) {
      for (let x = 0; x < 32; x++) {
        const i = y * (32 * 4 + 1) + 1 + x * 4;
        expect([raw[i], raw[i + 1], raw[i + 2]]).toEqual([255, 255, 255]);
        alphas.push(raw[i + 3] ?? 0);
      }
    }
    expect(alphas[0]).toBe(0);
    expect(alphas.filter((a) => a > 200).length).toBeGreaterThan(50);
  });
});

describe('npm run package:teams', () => {
  const run = (env: Record<string, string>, args: string[] = []) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/package-teams.ts', ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('writes the app zip with the app id from config and both icons', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'teams-pkg-')), 'dealroom.zip');
    const result = run(
      {
        MICROSOFT_APP_ID: APP_ID,
        MICROSOFT_APP_PASSWORD: 'secret',
        MICROSOFT_APP_TENANT_ID: 'contoso-tenant',
      },
      ['--out', out],
    );
    expect(result.stderr).toContain(`Wrote ${out}`);
    expect(result.status).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(out));
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const packaged = JSON.parse(await zip.file('manifest.json')!.async('string')) as Manifest;
    expect([packaged.id, packaged.bots[0]?.botId, packaged.webApplicationInfo.id]).toEqual([
      APP_ID,
      APP_ID,
      APP_ID,
    ]);
    expect(validate(packaged)).toEqual([]);
    expect(await zip.file('color.png')!.async('nodebuffer')).toEqual(readFileSync(join(DIR, 'color.png')));
  });

  it('refuses, with a sentence, to package without an app id', () => {
    const result = run({});
    expect(result.status).toBe(1);
    expect(result.stderr.trim().split('\n').at(-1)).toBe(
      'MICROSOFT_APP_ID must be set to package the Teams app: use the Microsoft App ID of your Azure Bot.',
    );
  });
});
