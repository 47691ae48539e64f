import type { BackendChannel, Handler, HandlerTable } from '../core/session';
import type { appHandlers } from './app-handlers';
import type { workspaceHandlers } from '../workspace/handlers';
import type { draftHandlers } from '../draft/handlers';
import type { outputHandlers } from '../documents/handlers';
import type { responseHandlers } from '../responses/handlers';
import type { analysisHandlers } from '../analysis/handlers';
import type { teamHandlers } from '../team/handlers';

/**
 * Every backend call's handler, in groups named by the channel's first word. A group's module
 * (and what it imports: document writers, spreadsheet readers, the analysis code) is loaded the
 * first time one of its calls is made, so a command-line call such as `workbench info` loads only
 * the workspace group. Bundles split at these imports (build/scripts/build-node.mjs).
 */
const GROUPS = {
  app: () => import('./app-handlers').then((m) => m.appHandlers),
  fs: () => import('./app-handlers').then((m) => m.appHandlers),
  jobs: () => import('./app-handlers').then((m) => m.appHandlers),
  recent: () => import('./app-handlers').then((m) => m.appHandlers),
  workspace: () => import('../workspace/handlers').then((m) => m.workspaceHandlers),
  draft: () => import('../draft/handlers').then((m) => m.draftHandlers),
  outputs: () => import('../documents/handlers').then((m) => m.outputHandlers),
  responses: () => import('../responses/handlers').then((m) => m.responseHandlers),
  analysis: () => import('../analysis/handlers').then((m) => m.analysisHandlers),
  team: () => import('../team/handlers').then((m) => m.teamHandlers),
} as const;

// Compile-time: the groups together hold exactly one handler for every backend channel, and the
// group a channel's first word names is the one that holds it.
type Groups = typeof appHandlers &
  typeof workspaceHandlers &
  typeof draftHandlers &
  typeof outputHandlers &
  typeof responseHandlers &
  typeof analysisHandlers &
  typeof teamHandlers;
type Exact<T, U> = [T] extends [U] ? ([U] extends [T] ? true : false) : false;
const everyChannelOnce: Exact<keyof Groups, BackendChannel> = true;
const prefixesName: Exact<BackendChannel extends `${infer P}.${string}` ? P : never, keyof typeof GROUPS> = true;
void everyChannelOnce;
void prefixesName;
void ((t: Groups): HandlerTable => t);

export type HandlerLoader = (channel: BackendChannel) => Promise<Handler<BackendChannel>>;

/** The handler of one call, its group loaded on first use. */
export const loadBackendHandler: HandlerLoader = async (channel) => {
  const group = channel.slice(0, channel.indexOf('.')) as keyof typeof GROUPS;
  const table = (await GROUPS[group]()) as Partial<Record<BackendChannel, Handler<BackendChannel>>>;
  const handler = table[channel];
  if (!handler) throw new Error(`No handler for "${channel}" in the ${group} group.`);
  return handler;
};
