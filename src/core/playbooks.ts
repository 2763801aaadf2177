// Sales models are data (DESIGN.md §2): adding a model is adding a row, not a code branch.

export const ROLES = ['sdr', 'am', 'se', 'marketing', 'analyst', 'cs', 'support', 'manager'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  sdr: 'SDR',
  am: 'Account manager',
  se: 'Sales engineer',
  marketing: 'Marketing',
  analyst: 'Business analyst',
  cs: 'Customer success',
  support: 'Support',
  manager: 'Sales manager',
};

export const RESEARCH_CATEGORIES = [
  'industry',
  'content',
  'companies',
  'competition',
  'stakeholders',
  'budget',
  'pain',
  'other',
] as const;
export type ResearchCategory = (typeof RESEARCH_CATEGORIES)[number];

export const BUYING_ROLES = [
  'sponsor',
  'budget-holder',
  'it-approver',
  'commercial-approver',
  'legal-approver',
  'procurement',
  'coach',
  'user',
] as const;
export type BuyingRole = (typeof BUYING_ROLES)[number];

export const STAGES = [
  'prospect',
  'make-contact',
  'qualify',
  'research',
  'present',
  'close',
  'identify-account',
  'stakeholder-list',
  'initial-strategy',
  'contact-stakeholders',
  'first-check-in',
  'upsell',
] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  prospect: 'Prospect',
  'make-contact': 'Make contact',
  qualify: 'Qualify',
  research: 'Research',
  present: 'Present',
  close: 'Close',
  'identify-account': 'Identify account',
  'stakeholder-list': 'Stakeholder list',
  'initial-strategy': 'Initial strategy',
  'contact-stakeholders': 'Contact stakeholders',
  'first-check-in': 'First check-in',
  upsell: 'Upsell',
};

export const MODELS = ['inbound', 'outbound', 'account-based', 'relationship', 'team'] as const;
export type Model = (typeof MODELS)[number];
export const DEFAULT_MODEL: Model = 'team';

export interface Playbook {
  readonly model: Model;
  readonly label: string;
  readonly stages: readonly Stage[];
  /** Research may be logged once the deal is past this stage; null = open from the first stage. */
  readonly researchAfter: Stage | null;
  /** Stages a won deal continues into (relationship selling does not end at Close). */
  readonly afterWin: readonly Stage[];
}

export const PLAYBOOKS: Readonly<Record<Model, Playbook>> = {
  inbound: {
    model: 'inbound',
    label: 'Inbound',
    stages: ['qualify', 'research', 'present', 'close'],
    researchAfter: 'qualify',
    afterWin: [],
  },
  outbound: {
    model: 'outbound',
    label: 'Outbound',
    stages: ['prospect', 'make-contact', 'qualify', 'research', 'present', 'close'],
    researchAfter: 'qualify',
    afterWin: [],
  },
  'account-based': {
    model: 'account-based',
    label: 'Account-based',
    stages: [
      'identify-account',
      'stakeholder-list',
      'initial-strategy',
      'contact-stakeholders',
      'present',
      'close',
    ],
    researchAfter: null,
    afterWin: [],
  },
  relationship: {
    model: 'relationship',
    label: 'Relationship',
    stages: ['qualify', 'research', 'present', 'close', 'first-check-in', 'upsell'],
    researchAfter: 'qualify',
    afterWin: ['first-check-in', 'upsell'],
  },
  team: {
    model: 'team',
    label: 'Team selling',
    stages: ['prospect', 'make-contact', 'qualify', 'research', 'present', 'close'],
    researchAfter: 'qualify',
    afterWin: [],
  },
};

export const stageIndex = (model: Model, stage: Stage): number => PLAYBOOKS[model].stages.indexOf(stage);

/** Research opens once the deal has moved past `researchAfter` (DESIGN.md §2). */
export function researchOpen(model: Model, stage: Stage): boolean {
  const after = PLAYBOOKS[model].researchAfter;
  return after === null || stageIndex(model, stage) > stageIndex(model, after);
}

/** Escalation needs a qualified lead: the deal at `qualify` or later (models without qualify: any stage). */
export function qualified(model: Model, stage: Stage): boolean {
  const q = stageIndex(model, 'qualify');
  return q < 0 || stageIndex(model, stage) >= q;
}
