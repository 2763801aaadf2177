/** Where the Bot Framework posts activities (the Azure Bot's messaging endpoint). */
export const MESSAGES_PATH = '/api/messages';

/** Prefix of Teams card refs in the store's per-card set, which Slack shares (see refs.ts). */
export const TEAMS_REF = 'teams:';
