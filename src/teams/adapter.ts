// CloudAdapter, with the request already authenticated by our route (so we control the HTTP answer:
// CloudAdapter.process would send error.message as the body of a 500).
import { type Activity, CloudAdapter, type InvokeResponse, type TurnContext } from 'botbuilder';
import type { AuthResult } from './auth.js';

export class DealroomAdapter extends CloudAdapter {
  runAuthenticated(
    auth: AuthResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
