// The Block Kit templates (cards/slack/*.json), each compiled once when this module loads into a
// plain function (src/templates/compile-template.ts): expanding one costs microseconds.
import declineModal from '../../../cards/slack/decline-modal.json' with { type: 'json' };
import handoff from '../../../cards/slack/handoff.json' with { type: 'json' };
import help from '../../../cards/slack/help.json' with { type: 'json' };
import inbox from '../../../cards/slack/inbox.json' with { type: 'json' };
import notice from '../../../cards/slack/notice.json' with { type: 'json' };
import research from '../../../cards/slack/research.json' with { type: 'json' };
import summary from '../../../cards/slack/summary.json' with { type: 'json' };
import timeline from '../../../cards/slack/timeline.json' with { type: 'json' };
import type { ViewKind } from '../../core/views.js';
import { type CompiledTemplate, compileTemplate } from '../../templates/compile-template.js';

export type TemplateName = ViewKind | 'decline-modal';

// Block Kit refuses explicit nulls (an object dropped by `$when` leaves one behind): left out.
const compile = (template: unknown) => compileTemplate(template, { dropNulls: true });

const TEMPLATES: Readonly<Record<TemplateName, CompiledTemplate>> = {
  summary: compile(summary),
  timeline: compile(timeline),
  handoff: compile(handoff),
  research: compile(research),
  inbox: compile(inbox),
  help: compile(help),
  notice: compile(notice),
  'decline-modal': compile(declineModal),
};

export class TemplateError extends Error {
  override name = 'TemplateError';
}

/** Expands a template. A field the data lacks would stay as a literal `${…}`: that is an error. */
export function expand(name: TemplateName, data: object): object {
  const { value, missing } = TEMPLATES[name](data);
  if (missing) throw new TemplateError(`template ${name} left ${missing} unexpanded`);
  return value as object;
}
