import { parentPort, workerData } from 'node:worker_threads';
import { Router } from '../router/router';
import { SettingsStore } from '../core/settings/settings-store';
import type { FromWorker, ToWorker, WorkerConfig } from './protocol';

/**
 * The backend thread: owns every open workspace (sql.js is synchronous, so its work never blocks
 * the window or the HTTP server) and answers calls through the one Router.
 */
const port = parentPort;
if (!port) throw new Error('worker-entry must run in a worker thread');
const config = workerData as WorkerConfig;
const post = (m: FromWorker) => port.postMessage(m);

const router = new Router(
  {
    settings: new SettingsStore(config.configDir),
    clock: () => new Date(),
    actor: config.actor,
    env: config.env,
    background: true,
    ...(config.taskWorkerFile ? { taskWorker: { file: config.taskWorkerFile } } : {}),
  },
  (sessionId, event, payload) => post({ type: 'event', sessionId, event, payload }),
);

const timer = setInterval(
  () => router.snapshotDue(config.snapshotEveryMs),
  Math.max(1000, Math.floor(config.snapshotEveryMs / 2)),
);
timer.unref();

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'call':
      void router
        .dispatch(msg.sessionId, msg.channel, msg.input, msg.jobId ? { jobId: msg.jobId } : {})
        .then((result) => post({ type: 'result', id: msg.id, result }));
      break;
    case 'end-session':
      void router.endSession(msg.sessionId).then(() => post({ type: 'done', id: msg.id }));
      break;
    case 'shutdown':
      clearInterval(timer);
      void router.shutdown().then(() => post({ type: 'done', id: msg.id }));
      break;
  }
});

post({ type: 'ready' });
