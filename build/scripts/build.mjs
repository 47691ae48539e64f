// `npm run build`: the renderer (Vite) and every Node-side bundle (esbuild) into dist/.
import { build as viteBuild } from 'vite';
import { join } from 'node:path';
import { buildNode, root } from './build-node.mjs';

const started = Date.now();
await buildNode();
await viteBuild({ configFile: join(root, 'build', 'vite.config.ts'), logLevel: 'warn' });
console.log(`Built dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
