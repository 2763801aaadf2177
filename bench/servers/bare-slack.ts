// The baseline: a bare Bolt app on its default HTTPReceiver that only acks `/deal`. What Dealroom's
// Slack write path is compared with. Its one auth.test goes to a local fake, never the network.
import bolt from '@slack/bolt';
import { startFakeSlackApi } from '../../src/playground/fake-slack-api.js';
import { freePort } from '../../tests/support/redis-server.js';

const fake = await startFakeSlackApi({ teamId: 'TBENCH' });
const port = await freePort();
const app = new bolt.App({
  signingSecret: process.env.SIGNING_SECRET ?? '',
  token: 'xoxb-bare',
  clientOptions: { slackApiUrl: fake.url, retryConfig: { retries: 0 } },
  logLevel: bolt.LogLevel.ERROR,
});
app.command('/deal', async ({ ack }) => {
  await ack();
});
await app.start(port);
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
process.once('SIGTERM', async () => {
  await app.stop();
  await fake.close();
  process.exit(0);
});
