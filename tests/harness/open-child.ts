/** Try to open a workspace for editing and print {ok} or {code, message}: used to test as another user. */
import { WorkspaceFile } from '#electron/services/core/db/workspace-file';

const path = process.argv[2]!;
try {
  const f = await WorkspaceFile.open(path);
  f.close();
  console.log(JSON.stringify({ ok: true }));
} catch (e) {
  const err = e as { code?: string; message: string };
  console.log(JSON.stringify({ ok: false, code: err.code, message: err.message }));
}
