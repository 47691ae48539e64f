/**
 * The names of every call the renderer may make, grouped by domain. Kept free of zod so the
 * sandboxed preload can bundle it cheaply. contract.ts is checked against these lists at compile
 * time (both ways), so a channel cannot be added to one and forgotten in the other.
 */
export const APP_CHANNELS = [
  'app.info',
  'recent.list',
  'recent.remove',
  'fs.suggestPath',
  'fs.listWorkspaces',
  'fs.browse',
  'fs.makeFolder',
  'fs.pathKind',
  'jobs.cancel',
] as const;

export const WORKSPACE_CHANNELS = [
  'workspace.create',
  'workspace.open',
  'workspace.current',
  'workspace.state',
  'workspace.close',
  'workspace.save',
  'workspace.saveAs',
  'workspace.setTitle',
  'workspace.verify',
  'workspace.inspect',
  'workspace.overview',
] as const;

export const DRAFT_CHANNELS = [
  'draft.get',
  'draft.updateMetadata',
  'draft.updateSection',
  'draft.addSection',
  'draft.deleteSection',
  'draft.moveSection',
  'draft.addQuestion',
  'draft.updateQuestion',
  'draft.deleteQuestion',
  'draft.moveQuestion',
  'draft.updateAboutYou',
  'draft.updatePrivacy',
  'draft.updateChecker',
  'draft.dismissFinding',
  'draft.restoreFinding',
  'draft.undo',
  'draft.redo',
  'draft.saveVersion',
  'draft.listVersions',
  'draft.getVersion',
  'draft.compare',
  'draft.exportJson',
  'draft.readJson',
  'draft.inspect',
] as const;

export const OUTPUT_CHANNELS = ['outputs.list', 'outputs.export', 'outputs.log', 'outputs.publicationCheck'] as const;

/** The Responses calls that read files people send (their handlers load the file readers on first use). */
export const RESPONSE_IMPORT_CHANNELS = [
  'responses.inspectFiles',
  'responses.preview',
  'responses.createQuestions',
  'responses.import',
  'responses.readEmail',
  'responses.importEmail',
  'responses.addLetter',
] as const;

export const RESPONSE_CHANNELS = [
  'responses.summary',
  ...RESPONSE_IMPORT_CHANNELS,
  'responses.batches',
  'responses.undoBatch',
  'responses.rejected',
  'responses.acceptRejected',
  'responses.discardRejected',
  'responses.list',
  'responses.search',
  'responses.get',
  'responses.correct',
  'responses.detect',
  'responses.campaigns',
  'responses.campaignMembers',
  'responses.decideCampaign',
  'responses.splitCampaign',
  'responses.duplicates',
  'responses.resolveDuplicates',
  'responses.organisations',
  'responses.mergeOrganisations',
  'responses.revertMerge',
  'responses.personalData',
  'responses.decidePersonalData',
] as const;

export const ANALYSIS_CHANNELS = [
  'analysis.overview',
  'analysis.settings',
  'analysis.tallies',
  'analysis.themeCounts',
  'analysis.codebook',
  'analysis.saveTheme',
  'analysis.archiveTheme',
  'analysis.importCodebook',
  'analysis.exportCodebook',
  'analysis.queue',
  'analysis.answers',
  'analysis.code',
  'analysis.removeCoding',
  'analysis.annotate',
  'analysis.bulkCode',
  'analysis.operations',
  'analysis.undoOperation',
  'analysis.suggestThemes',
  'analysis.propose',
  'analysis.proposals',
  'analysis.proposedAnswers',
  'analysis.acceptProposal',
  'analysis.suggestions',
  'analysis.reviewSuggestions',
  'analysis.quotes',
  'analysis.markQuote',
  'analysis.updateQuote',
  'analysis.removeQuote',
  'analysis.texts',
  'analysis.saveText',
  'analysis.exportPackage',
  'analysis.mergePackage',
  'analysis.packages',
  'analysis.agreement',
  'analysis.conflicts',
  'analysis.resolveConflicts',
] as const;

/** Answered by the hosting shell (native dialogs, the OS file manager), not by the backend. */
/** A team copy: publishing to the department's PostgreSQL, joining, syncing, conflicts (electron/services/team/). */
export const TEAM_CHANNELS = [
  'team.status',
  'team.init',
  'team.join',
  'team.serverQuestions',
  'team.sync',
  'team.conflicts',
  'team.resolveConflict',
] as const;

export const SHELL_CHANNELS = [
  'dialog.openWorkspace',
  'dialog.saveWorkspace',
  'dialog.saveFile',
  'dialog.openFiles',
  'shell.showItemInFolder',
] as const;

export const CHANNELS = [
  ...APP_CHANNELS,
  ...WORKSPACE_CHANNELS,
  ...DRAFT_CHANNELS,
  ...OUTPUT_CHANNELS,
  ...RESPONSE_CHANNELS,
  ...ANALYSIS_CHANNELS,
  ...TEAM_CHANNELS,
  ...SHELL_CHANNELS,
] as const;
export type Channel = (typeof CHANNELS)[number];
export type ShellChannel = (typeof SHELL_CHANNELS)[number];
export type AppChannel = (typeof APP_CHANNELS)[number];
export type WorkspaceChannel = (typeof WORKSPACE_CHANNELS)[number];
export type ResponseImportChannel = (typeof RESPONSE_IMPORT_CHANNELS)[number];
export type DraftChannel = (typeof DRAFT_CHANNELS)[number];
export type OutputChannel = (typeof OUTPUT_CHANNELS)[number];
export type ResponseChannel = (typeof RESPONSE_CHANNELS)[number];
export type AnalysisChannel = (typeof ANALYSIS_CHANNELS)[number];
export type TeamChannel = (typeof TEAM_CHANNELS)[number];

/** Push events from the main side to the renderer. */
export const EVENTS = ['job.progress', 'workspace.state', 'menu.command', 'backend.restarted'] as const;
export type EventName = (typeof EVENTS)[number];

/** Electron IPC channel names are namespaced so nothing else can collide with them. */
export const IPC_PREFIX = 'app:';
export const IPC_EVENT_CHANNEL = 'app-event';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
export function isShellChannel(name: Channel): name is ShellChannel {
  return (SHELL_CHANNELS as readonly string[]).includes(name);
}
