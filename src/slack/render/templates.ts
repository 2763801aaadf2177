// The Block Kit templates (cards/slack/*.json), each compiled once when this module loads: expanding
// a reused Template costs ~0.15 ms, building one ~2.7 ms (DESIGN.md §6).
import { createRequire } from 'node:module';
import declineModal from '../../../cards/slack/decline-modal.json' with { type: 'json' };
import handoff from '../../../cards/slack/handoff.json' with { type: 'json' };
import help from '../../../cards/slack/help.json' with { type: 'json' };
import inbox from '../../../cards/slack/inbox.json' with { type: 'json' };
import notice from '../../../cards/slack/notice.json' with { type: 'json' };
import research from '../../../cards/slack/research.json' with { type: 'json' };
import summary from '../../../cards/slack/summary.json' with { type: 'json' };
import timeline from '../../../cards/slack/timeline.json' with { type: 'json' };
import type { ViewKind } from '../../core/views.js';

export type TemplateName = ViewKind | 'decline-modal';

interface CompiledTemplate {
  expand(context: { $root: unknown }): unknown;
}
// Loaded through require with a local type: the package's own .d.ts pulls in adaptivecards' .ts
// sources, which do not compile under this project's settings (verbatimModuleSyntax, NodeNext).
const { Template } = createRequire(import.meta.url)('adaptivecards-templating') as {
  Template: new (payload: unknown) => CompiledTemplate;
};

const TEMPLATES: Readonly<Record<TemplateName, CompiledTemplate>> = {
  summary: new Template(summary),
  timeline: new Template(timeline),
  handoff: new Template(handoff),
  research: new Template(research),
  inbox: new Template(inbox),
  help: new Template(help),
  notice: new Template(notice),
  'decline-modal': new Template(declineModal),
};

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/**
 * Expands a template. A field the data lacks would stay as a literal `${…}` without an error, so the
 * result is checked, and `$when` on an object property leaves `null` behind, which is dropped.
 */
export function expand(name: TemplateName, data: object): object {
  const out = prune(TEMPLATES[name].expand({ $root: data })) as object;
  const json = JSON.stringify(out);
  const left = /\$\{[^}]*\}?/.exec(json);
  if (left) throw new TemplateError(`template ${name} left ${left[0]} unexpanded`);
  return out;
}

function prune(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null).map(prune);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== null && v !== undefined)
        .map(([k, v]) => [k, prune(v)]),
    );
  }
  return value;
}
