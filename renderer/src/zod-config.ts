import { z } from 'zod';

// zod probes for eval() (new Function) when schemas are built, to compile faster parsers. The
// CSP forbids eval, so the probe would log a violation: tell zod not to try. Imported first.
z.config({ jitless: true });
