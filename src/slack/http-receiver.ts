// HTTP mode's Bolt receiver. The guard in front of it (request-guard.ts) has already read, verified
// and parsed the body, so this receiver starts where Bolt's HTTPReceiver.handleIncomingEvent goes on
// after its own parse: Slack's ssl_check and url_verification answers, then App.processEvent with
// Bolt's HTTPResponseAck (the same 3 s "nobody acked" answer) and Bolt's error handler, all Bolt's own
// functions. HTTPReceiver would build a URL to route the request and parse the body a second time
// (node:querystring: ~3 KB and ~1.5% of the server's CPU per slash command in the Slack benchmark).
// It listens on nothing: the service's server calls `handle` (bolt-app.ts httpRoute).
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  type App,
  type BufferedIncomingMessage,
  HTTPModuleFunctions,
  HTTPResponseAck,
  type Logger,
  type Receiver,
  type ReceiverEvent,
} from '@slack/bolt';

export class GuardedHttpReceiver implements Receiver {
  private app: App | undefined;

  constructor(private readonly logger: Logger) {}

  init(app: App): void {
    this.app = app;
  }

  // Mounted on the service's HTTP server, which starts and stops it.
  async start(): Promise<void> {}
  async stop(): Promise<void> {}

  /** A verified request and its body, parsed as Bolt's parseHTTPRequestBody would. */
  handle(req: IncomingMessage & { rawBody: Buffer }, res: ServerResponse, body: ReceiverEvent['body']): void {
    this.dispatch(req as BufferedIncomingMessage, res, body).catch((error: unknown) => {
      this.logger.error(`Slack request could not be dispatched: ${error}`);
    });
  }

  private async dispatch(
    req: BufferedIncomingMessage,
    res: ServerResponse,
    body: ReceiverEvent['body'],
  ): Promise<void> {
    if (body.ssl_check === '1') return HTTPModuleFunctions.buildSSLCheckResponse(res);
    if (body.type === 'url_verification') return HTTPModuleFunctions.buildUrlVerificationResponse(res, body);
    const ack = new HTTPResponseAck({
      logger: this.logger,
      // Ack first, work after: the HTTP response goes out as soon as a handler acks.
      processBeforeResponse: false,
      httpRequest: req,
      httpRequestBody: body,
      httpResponse: res,
    });
    try {
      await this.app?.processEvent({
        body,
        ack: ack.bind(),
        retryNum: HTTPModuleFunctions.extractRetryNumFromHTTPRequest(req),
        retryReason: HTTPModuleFunctions.extractRetryReasonFromHTTPRequest(req),
      });
    } catch (error) {
      const acked = await HTTPModuleFunctions.defaultProcessEventErrorHandler({
        error: error as Error,
        logger: this.logger,
        request: req,
        response: res,
        storedResponse: ack.storedResponse,
      });
      if (acked) ack.ack();
    }
  }
}
