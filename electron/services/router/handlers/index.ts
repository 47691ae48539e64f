import type { HandlerTable } from '../context';
import { appHandlers } from './app';
import { workspaceHandlers } from './workspace';
import { draftHandlers } from './draft';
import { outputHandlers } from './outputs';
import { responseHandlers } from './responses';
import { analysisHandlers } from './analysis';

/** Every backend call's handler, one table. Missing or extra entries fail to compile. */
export const backendHandlers: HandlerTable = {
  ...appHandlers,
  ...workspaceHandlers,
  ...draftHandlers,
  ...outputHandlers,
  ...responseHandlers,
  ...analysisHandlers,
};
