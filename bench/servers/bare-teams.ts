// The baseline: a bare botbuilder bot on Express that answers every adaptiveCard/action invoke
// with one fixed card. What Dealroom's Teams write path is compared with.
import {
  type AdaptiveCardInvokeResponse,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  TeamsActivityHandler,
} from 'botbuilder';
import express from 'express';

const card = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Done.' }] };

class Bot extends TeamsActivityHandler {
  protected override async onAdaptiveCardInvoke(): Promise<AdaptiveCardInvokeResponse> {
    return { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card };
  }
}

const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
const bot = new Bot();
const app = express();
app.post('/api/messages', express.json(), (req, res) => adapter.process(req, res, (ctx) => bot.run(ctx)));
const server = app.listen(0, () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
