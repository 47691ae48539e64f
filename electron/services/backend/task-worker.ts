import { parentPort, workerData } from 'node:worker_threads';
import { serveSurveyRows, type SurveyStreamJob } from '../survey-import/map-in-worker';
import { serveWorkbook, type WorkbookJob } from '../documents/reports/workbook-worker';

/**
 * The task worker thread: work that needs no database, taken off the backend thread so that on
 * two cores it runs beside the work that does. One script for every task, so one file to bundle
 * and unpack:
 * - 'survey-rows': read and map one survey export into statements (survey-import/map-in-worker.ts), posted to
 *   the thread that holds the workspace (survey-import/import-survey.ts), which writes them as they come;
 * - 'workbook': build an analysis workbook's XML and ZIP from rows the backend thread reads and
 *   posts (documents/reports/remote-workbook.ts), writing the file itself.
 */
export type TaskJob = ({ task: 'survey-rows' } & SurveyStreamJob) | ({ task: 'workbook' } & WorkbookJob);

const port = parentPort;
if (!port) throw new Error('task-worker must run in a worker thread');
const job = workerData as TaskJob;
if (job.task === 'survey-rows') serveSurveyRows(job, port);
else if (job.task === 'workbook') serveWorkbook(job, port);
else throw new Error(`Unknown task ${String((job as { task?: unknown }).task)}`);
