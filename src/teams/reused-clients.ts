// botbuilder's CloudAdapter builds a new ConnectorClient (an Azure HTTP pipeline of a dozen policies,
// plus credentials) and a new UserTokenClient for every activity it processes and every proactive
// message. Under load that was ~9% of the CPU a Teams click costs. Both depend only on the bot's app
// id, the service URL and the audience (the retired BotFrameworkAdapter cached its connector clients
// by exactly these), and reusing them also keeps their access tokens cached. So this authentication
// hands out one client per key, from a bounded cache: in local unauthenticated mode the service URL
// is whatever the request says, so the number of keys must not grow without limit.
import { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

type Auth = ConfigurationBotFrameworkAuthentication;
type AuthResult = Awaited<ReturnType<Auth['authenticateRequest']>>;
type Claims = AuthResult['claimsIdentity'];
type ConnectorFactory = ReturnType<Auth['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<Auth['createUserTokenClient']>>;

/** Far above the handful of service URLs and audiences a bot talks to. */
const MAX_CLIENTS = 64;

/** Promises by key, oldest dropped past the bound; a failed creation is forgotten, not cached. */
class BoundedCache<T> {
  private readonly entries = new Map<string, Promise<T>>();

  get(key: string, create: () => Promise<T>): Promise<T> {
    const known = this.entries.get(key);
    if (known) return known;
    const made = create();
    made.catch(() => {
      if (this.entries.get(key) === made) this.entries.delete(key);
    });
    if (this.entries.size >= MAX_CLIENTS) this.entries.delete(this.entries.keys().next().value as string);
    this.entries.set(key, made);
    return made;
  }
}

/** The bot's app id as botbuilder derives it: the audience claim (channel) or the appid claim (emulator). */
const appIdOf = (claims: Claims): string =>
  claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';

export class ReusedClientsAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new BoundedCache<ConnectorClient>();
  private readonly tokenClients = new BoundedCache<UserTokenClient>();

  override async authenticateRequest(
    activity: Parameters<Auth['authenticateRequest']>[0],
    authHeader: string,
  ) {
    const result = await super.authenticateRequest(activity, authHeader);
    const factory = result.connectorFactory;
    return factory ? { ...result, connectorFactory: this.reusing(factory, result.claimsIdentity) } : result;
  }

  override createConnectorFactory(claims: Claims): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claims), claims);
  }

  override createUserTokenClient(claims: Claims): Promise<UserTokenClient> {
    return this.tokenClients.get(appIdOf(claims), () => super.createUserTokenClient(claims));
  }

  private reusing(factory: ConnectorFactory, claims: Claims): ConnectorFactory {
    const appId = appIdOf(claims);
    return {
      create: (serviceUrl, audience) =>
        this.connectors.get(`${appId}|${audience ?? ''}|${serviceUrl}`, () =>
          factory.create(serviceUrl, audience),
        ),
    };
  }
}
