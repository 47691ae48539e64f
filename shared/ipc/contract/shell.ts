import { z } from 'zod';
import { call } from '../spec';

/** Calls the hosting shell answers itself (Electron: native dialogs; browser host: 'unsupported'). */
export const shellContract = {
  'dialog.openWorkspace': call<{ path: string } | null>()(z.strictObject({}), 'shell'),
  'dialog.saveWorkspace': call<{ path: string } | null>()(
    z.strictObject({ defaultPath: z.string().max(4096).optional(), title: z.string().max(200).optional() }),
    'shell',
  ),
  'dialog.saveFile': call<{ path: string } | null>()(
    z.strictObject({
      defaultPath: z.string().max(4096).optional(),
      title: z.string().max(200).optional(),
      filterName: z.string().max(100),
      extensions: z
        .array(z.string().regex(/^[a-z0-9]{1,10}$/))
        .min(1)
        .max(5),
    }),
    'shell',
  ),
  'dialog.openFiles': call<{ paths: string[] } | null>()(
    z.strictObject({
      title: z.string().max(200).optional(),
      filterName: z.string().max(100),
      extensions: z
        .array(z.string().regex(/^[a-z0-9]{1,10}$/))
        .min(1)
        .max(20),
      multiple: z.boolean(),
    }),
    'shell',
  ),
  'shell.showItemInFolder': call<{ shown: boolean }>()(z.strictObject({ path: z.string().min(1).max(4096) }), 'shell'),
} as const;
