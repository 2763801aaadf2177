// Bot Framework authentication. With MICROSOFT_APP_ID set, every request must carry a valid Bot
// Framework token (JWT signed with the keys the channel's OpenID metadata lists); without it the bot
// runs unauthenticated for local use (config refuses that in production).
import type { Activity, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { Config } from '../config.js';
import { ReusedClientsAuthentication } from './reused-clients.js';

export type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

export function createBotAuth(teams: Config['teams']): ConfigurationBotFrameworkAuthentication {
  if (teams.mode !== 'authenticated' || !teams.appId) {
    // No app id: botbuilder treats authentication as disabled and sends replies without a token.
    return new ReusedClientsAuthentication({});
  }
  return new ReusedClientsAuthentication({
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword ?? '',
    MicrosoftAppType: teams.appType,
    MicrosoftAppTenantId: teams.tenantId ?? '',
  });
}

// Header shape only; the signature, issuer, audience and expiry are botbuilder's to check.
const BEARER_JWT = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/**
 * Checking a token can mean fetching the channel's signing keys (cached afterwards); if they cannot
 * be fetched in time the request is not authenticated, so it gets a 401 rather than hanging.
 */
export const AUTH_TIMEOUT_MS = 5_000;

export type AuthOutcome =
  | { readonly ok: true; readonly result: AuthResult }
  | { readonly ok: false; readonly reason: unknown };

export async function authenticate(
  auth: ConfigurationBotFrameworkAuthentication,
  mode: Config['teams']['mode'],
  activity: Activity,
  header: string,
  timeoutMs = AUTH_TIMEOUT_MS,
): Promise<AuthOutcome> {
  if (mode === 'authenticated' && !BEARER_JWT.test(header)) {
    return { ok: false, reason: 'missing or malformed Authorization header' };
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`token check took longer than ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return { ok: true, result: await Promise.race([auth.authenticateRequest(activity, header), timeout]) };
  } catch (reason) {
    return { ok: false, reason };
  } finally {
    clearTimeout(timer);
  }
}
