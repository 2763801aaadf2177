// Talking first: posting into a stored conversation, updating a posted card, and opening a 1:1 chat
// with a person. Everything goes through CloudAdapter.continueConversationAsync / createConversationAsync
// with the reference stored from an earlier inbound activity (SLA reminders run hours later).
import type { Activity, CloudAdapter, ConversationParameters } from 'botbuilder';
import { type PersonRef, personKey } from '../core/ids.js';
import type { Logger } from '../logger.js';
import { type TeamsRefs, toReference } from './refs.js';

/** An activity, or how to build it for the tenant of the conversation it goes to. */
export type Outgoing = Partial<Activity> | ((tenantId: string) => Partial<Activity>);
const build = (out: Outgoing, tenantId: string) => (typeof out === 'function' ? out(tenantId) : out);

export class NoConversationError extends Error {
  override name = 'NoConversationError';
}

export class Proactive {
  /** One creation at a time per person: a tag and an inbox request may both need the same 1:1 chat. */
  private readonly opening = new Map<string, Promise<string>>();

  constructor(
    private readonly adapter: CloudAdapter,
    /** '' when unauthenticated (local use): the connector then sends no token. */
    private readonly botAppId: string,
    private readonly refs: TeamsRefs,
    private readonly logger: Logger,
  ) {}

  private async reference(conversationId: string) {
    const stored = await this.refs.conversation(conversationId);
    if (!stored) {
      throw new NoConversationError(
        `no stored Teams conversation for ${conversationId}: Dealroom has not seen any activity there yet`,
      );
    }
    return { reference: toReference(stored, conversationId), tenantId: stored.tenantId };
  }

  /** Posts `activity` into the conversation (a thread when the id carries `;messageid=`); returns its id. */
  async send(conversationId: string, activity: Outgoing): Promise<string | undefined> {
    const { reference, tenantId } = await this.reference(conversationId);
    let id: string | undefined;
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      id = (await context.sendActivity(build(activity, tenantId)))?.id;
    });
    return id;
  }

  /** Replaces a posted message, by the id sending returned (not by replyToId: DESIGN §6). */
  async update(conversationId: string, activityId: string, activity: Outgoing): Promise<void> {
    const { reference, tenantId } = await this.reference(conversationId);
    await this.adapter.continueConversationAsync(this.botAppId, reference, async (context) => {
      await context.updateActivity({ ...build(activity, tenantId), type: 'message', id: activityId });
    });
  }

  /** The person's 1:1 conversation with the bot: the stored one, or a new one in their tenant. */
  async personalConversation(person: PersonRef): Promise<string> {
    const known = await this.refs.personalConversation(person);
    if (known) return known;
    const key = personKey(person);
    const pending = this.opening.get(key) ?? this.open(person).finally(() => this.opening.delete(key));
    this.opening.set(key, pending);
    return pending;
  }

  private async open(person: PersonRef): Promise<string> {
    const service = await this.refs.tenant(person.workspace);
    if (!service) {
      throw new NoConversationError(`no Bot Framework service known for tenant ${person.workspace} yet`);
    }
    const parameters = {
      isGroup: false,
      bot: { id: service.bot.id, name: service.bot.name ?? '' },
      members: [{ id: person.user, name: person.name }],
      tenantId: person.workspace,
      channelData: { tenant: { id: person.workspace } },
    } as ConversationParameters;
    let created: string | undefined;
    await this.adapter.createConversationAsync(
      this.botAppId,
      'msteams',
      service.serviceUrl,
      '',
      parameters,
      async (context) => {
        created = context.activity.conversation?.id;
      },
    );
    if (!created) throw new Error('Teams created a 1:1 conversation without an id');
    await this.refs.rememberConversation({
      serviceUrl: service.serviceUrl,
      tenantId: person.workspace,
      conversationId: created,
      conversationType: 'personal',
      bot: service.bot,
    });
    await this.refs.rememberPersonal(person, created);
    this.logger.debug({ tenant: person.workspace }, 'opened a 1:1 Teams conversation');
    return created;
  }

  async sendToPerson(
    person: PersonRef,
    activity: Outgoing,
  ): Promise<{ conversationId: string; id?: string }> {
    const conversationId = await this.personalConversation(person);
    return { conversationId, id: await this.send(conversationId, activity) };
  }
}
