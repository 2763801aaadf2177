// `npm run package:teams`: the Teams app package an admin uploads (Teams admin center or "Upload a
// custom app"): manifests/teams/manifest.json with the bot's Microsoft App ID filled in from config,
// plus both icons, zipped at the top level as Teams requires.
//   MICROSOFT_APP_ID=… [MICROSOFT_APP_PASSWORD=… MICROSOFT_APP_TENANT_ID=…] npm run package:teams [-- --out file.zip]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import { ConfigError, loadConfig } from '../src/config.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = resolve(ROOT, 'manifests/teams');
const GUID = /^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$/i;

type Manifest = Record<string, unknown> & {
  id: string;
  icons: { color: string; outline: string };
  bots: { botId: string }[];
  webApplicationInfo?: { id: string };
};

/** The committed manifest with this bot's app id as the app id, the bot id and the RSC app id. */
export function fillManifest(manifest: Manifest, appId: string): Manifest {
  return {
    ...manifest,
    id: appId,
    bots: manifest.bots.map((b) => ({ ...b, botId: appId })),
    ...(manifest.webApplicationInfo
      ? { webApplicationInfo: { ...manifest.webApplicationInfo, id: appId } }
      : {}),
  };
}

export async function packageTeamsApp(appId: string, out: string): Promise<string> {
  const manifest = JSON.parse(readFileSync(resolve(SOURCE, 'manifest.json'), 'utf8')) as Manifest;
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(fillManifest(manifest, appId), null, 2)}\n`);
  for (const icon of [manifest.icons.color, manifest.icons.outline])
    zip.file(icon, readFileSync(resolve(SOURCE, icon)));
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  return out;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function main(argv: readonly string[]) {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  const appId = config.teams.appId;
  if (!appId) {
    fail(
      'MICROSOFT_APP_ID must be set to package the Teams app: use the Microsoft App ID of your Azure Bot.',
    );
  }
  if (!GUID.test(appId))
    fail(`MICROSOFT_APP_ID must be a GUID such as 3f1c2a4b-5d6e-4f70-8a9b-0c1d2e3f4a5b (got "${appId}").`);
  const given = argv[argv.indexOf('--out') + 1];
  const out = resolve(argv.includes('--out') && given ? given : resolve(ROOT, 'dist/dealroom-teams.zip'));
  await packageTeamsApp(appId, out);
  console.error(
    `Wrote ${out}: upload it in Teams (Apps → Manage your apps → Upload an app) or the Teams admin center.`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
