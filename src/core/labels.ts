import type { BuyingRole, ResearchCategory } from './playbooks.js';

export const RESEARCH_LABELS: Record<ResearchCategory, string> = {
  industry: 'Industry and target market',
  content: 'Content for stakeholders',
  companies: 'Other interested companies',
  competition: 'Competition',
  stakeholders: 'Stakeholders',
  budget: 'Budget',
  pain: 'Pain points',
  other: 'Other',
};

export const BUYING_ROLE_LABELS: Record<BuyingRole, string> = {
  sponsor: 'Business sponsor',
  'budget-holder': 'Budget holder',
  'it-approver': 'IT approver',
  'commercial-approver': 'Commercial approver',
  'legal-approver': 'Legal approver',
  procurement: 'Procurement',
  coach: 'Coach',
  user: 'User',
};
