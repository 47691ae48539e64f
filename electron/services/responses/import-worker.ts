import { parentPort, workerData } from 'node:worker_threads';
import { produceSurveyRows, type SurveyStreamJob } from './survey-stream';

/**
 * The import worker thread: reads and maps one survey export into statements (survey-stream.ts)
 * and posts them to the thread that holds the workspace (stream-survey.ts), which writes them
 * as they come. It touches no workspace and no file but the bytes it was handed.
 */
const port = parentPort;
if (!port) throw new Error('import-worker must run in a worker thread');
void produceSurveyRows(workerData as SurveyStreamJob, (m) => port.postMessage(m));
