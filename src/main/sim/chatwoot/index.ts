export { generateChatwoot, defaultEnd, type ChatwootBase, type ChatwootBundle, type ChatwootDataset, type ChatwootGenOptions, type Row } from './dataset';
export { businessSeconds, type WorkingDay } from './businessHours';
export { chatwootTarget, copyValue, dropChatwootDatabase, loadChatwoot, chatwootSchemaSql, type LoadChatwootOptions, type LoadChatwootResult } from './load';
export { simulateActivity, type ActivityOptions, type ActivityResult } from './activity';
