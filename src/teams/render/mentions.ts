// People named in a card: a Teams person of the tenant the card goes to becomes a real mention
// (`<at>…</at>` in the text plus an entry in msteams.entities); anyone else (a Slack teammate on a
// shared deal, a user of another tenant linked to the same deal) is their plain name.
import { type PersonRef, personKey } from '../../core/ids.js';
import type { PersonView } from '../../core/views.js';

export interface MentionEntity {
  readonly type: 'mention';
  readonly text: string;
  readonly mentioned: { readonly id: string; readonly name: string };
}

const clean = (name: string) => name.replace(/[<>]/g, '').trim() || 'someone';

export class Mentions {
  private readonly byPerson = new Map<string, MentionEntity>();
  private readonly usedTexts = new Set<string>();

  /** `tenant`: the tenant the card is sent into; unset, every Teams person is mentioned. */
  constructor(private readonly tenant?: string) {}

  /** A Teams user of the tenant the card goes to (or any Teams user when that is not known). */
  mentionable(ref: PersonRef | undefined): ref is PersonRef {
    return ref?.platform === 'teams' && (this.tenant === undefined || ref.workspace === this.tenant);
  }

  /** The text that names `p` in a card: `<at>Ann</at>` for a Teams person, else the name. */
  of(p: PersonView): string {
    const ref = p.ref;
    if (!this.mentionable(ref)) return clean(p.name);
    const key = personKey(ref);
    const known = this.byPerson.get(key);
    if (known) return known.text;
    // Two people called Ann get distinct mention texts, or Teams could not tell them apart.
    let label = clean(p.name);
    for (let n = 2; this.usedTexts.has(`<at>${label}</at>`); n++) label = `${clean(p.name)} (${n})`;
    const entity: MentionEntity = {
      type: 'mention',
      text: `<at>${label}</at>`,
      mentioned: { id: ref.user, name: p.name },
    };
    this.byPerson.set(key, entity);
    this.usedTexts.add(entity.text);
    return entity.text;
  }

  list(people: readonly PersonView[]): string {
    return people.map((p) => this.of(p)).join(', ');
  }

  get entities(): MentionEntity[] {
    return [...this.byPerson.values()];
  }
}
