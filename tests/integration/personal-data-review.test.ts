import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { tempDir } from '../harness/temp';
import { testRouter } from '../harness/router';
import { analysisWorkspace, CLOCK, hand, importResponses, responseIds, type Ws } from '../unit/analysis-app/helpers';
import { WorkspaceFile } from '#electron/services/core/db/workspace-file';
import { ensureCliBuilt, workbench } from '../harness/cli';

/**
 * The review list of personal data (Responses → Personal data; R-PUB1): what is listed is what a
 * published file would remove, in the answers that are published; an official confirms removals or
 * releases a finding with a reason; the decisions are audited (without the text found), survive the
 * workspace being closed, and are applied by the exports; the publication check warns until every
 * finding has been looked at.
 */
const t = tempDir('cw-pd-review-');
afterAll(() => t.cleanup());

const Q3 = 'example-q3';
const SURGERY = '0113 496 0000';
const ANSWERS = [
  'I am Mei Chen and I live at 14 Cardigan Road, LS6 2QT. Booking online would save me hours. Mei Chen again.',
  `The surgery's public line ${SURGERY} is always engaged; email me at mei.chen@example.org instead.`,
];
// Withheld whole when published (no consent; confidential): nothing in them to review.
const WITHHELD = [
  { text: 'Write to tomasz.k@example.net about this.', consent: 'No', confidential: 'No' },
  { text: 'Call me on 07700 900123.', consent: 'Yes', confidential: 'Yes' },
];
let ws: Ws;
let ids: number[];

beforeAll(async () => {
  ensureCliBuilt();
  ws = await analysisWorkspace(t.dir, 'review.consult');
  const people = [
    ...ANSWERS.map((text, i) => ({
      text,
      name: i === 0 ? 'Mei Chen' : 'Ann Other',
      consent: 'Yes',
      confidential: 'No',
    })),
    ...WITHHELD.map((w, i) => ({ ...w, name: `Person ${i}` })),
  ];
  await importResponses(
    ws,
    t.dir,
    'typed.csv',
    people.map((p, i) =>
      hand(
        i + 1,
        {
          name: p.name,
          respondingAs: 'As an individual',
          respondentType: 'Member of the public',
          publishConsent: p.consent,
          confidential: p.confidential,
        },
        { [Q3]: { optionIds: [], text: p.text } },
      ),
    ),
  );
  ids = await responseIds(ws);
}, 60_000);

const csvAt = async (name: string): Promise<string> =>
  readFileSync(
    (await ws.call('outputs.export', { allowUnfinished: true, kind: 'responses-csv', path: t.path(name) })).path,
    'utf8',
  );

describe('the personal data review list', () => {
  it('lists what a published file would remove, in published answers only, with the words around it', async () => {
    const list = await ws.call('responses.personalData', { status: 'all', limit: 100 });
    expect(list.answersScanned).toBe(2);
    const found = list.items.map((f) => [f.responseId, f.kind, f.text]);
    expect(found).toEqual([
      [ids[0], 'name', 'Mei Chen'],
      [ids[0], 'address', '14 Cardigan Road'],
      [ids[0], 'postcode', 'LS6 2QT'],
      [ids[1], 'phone', SURGERY],
      [ids[1], 'email', 'mei.chen@example.org'],
    ]);
    const name = list.items[0]!;
    expect(name).toMatchObject({ questionNumber: '3', occurrences: 2, decision: null, before: 'I am ' });
    expect(name.after).toMatch(/^ and I live at 14 Cardigan Road/);
    expect(list.counts).toEqual({ unreviewed: 5, remove: 0, release: 0 });
    expect(list.byKind).toEqual({ name: 1, address: 1, postcode: 1, phone: 1, email: 1 });
    const phones = await ws.call('responses.personalData', { kind: 'phone' });
    expect(phones.total).toBe(1);
  });

  it('warns in the publication check until every finding is reviewed', async () => {
    const out = await ws.call('outputs.export', {
      allowUnfinished: true,
      kind: 'responses-csv',
      path: t.path('a.csv'),
    });
    const finding = out.publicationCheck!.find((f) => f.ruleId === 'R-PUB6-personal-data');
    expect(finding).toMatchObject({ severity: 'warning', goTo: { page: 'responses', view: 'personal-data' } });
    expect(finding!.message).toMatch(/^5 pieces of personal data/);
  });

  it('releases a finding only with a reason; the export then publishes it as written, and nothing else', async () => {
    const phone = { responseId: ids[1]!, questionId: Q3, kind: 'phone' as const, text: SURGERY };
    const refused = await ws.fails('responses.decidePersonalData', { decision: 'release', findings: [phone] });
    expect(refused).toMatchObject({ code: 'invalid-input', details: { field: 'reason' } });
    const many = await ws.fails('responses.decidePersonalData', { decision: 'release', allUnreviewed: {} });
    expect(many.code).toBe('invalid-input');

    expect(
      await ws.call('responses.decidePersonalData', {
        decision: 'release',
        reason: 'The surgery’s public number',
        findings: [phone],
      }),
    ).toEqual({ changed: 1 });
    const csv = await csvAt('released.csv');
    expect(csv).toContain(`The surgery's public line ${SURGERY} is always engaged`);
    for (const item of ['Mei Chen', '14 Cardigan Road', 'LS6 2QT', 'mei.chen@example.org'])
      expect(csv).not.toContain(item);
    // The same number is released in that answer only: typed into another answer it is still removed.
    const list = await ws.call('responses.personalData', { status: 'release' });
    expect(list.items).toMatchObject([
      { text: SURGERY, reason: 'The surgery’s public number', decidedBy: expect.any(String) },
    ]);
  });

  it('confirms every other removal at once, audited without the text found', async () => {
    expect(await ws.call('responses.decidePersonalData', { decision: 'remove', allUnreviewed: {} })).toEqual({
      changed: 4,
    });
    const list = await ws.call('responses.personalData', { status: 'all' });
    expect(list.counts).toEqual({ unreviewed: 0, remove: 4, release: 1 });
    const out = await ws.call('outputs.export', {
      allowUnfinished: true,
      kind: 'responses-csv',
      path: t.path('b.csv'),
    });
    expect(out.publicationCheck!.map((f) => f.ruleId)).not.toContain('R-PUB6-personal-data');
  });

  it('keeps the decisions when the workspace is closed and opened again, and undoes one', async () => {
    await ws.router.shutdown();
    const w = await WorkspaceFile.open(ws.path);
    const audit = w.db.all<{ action: string; detail: string }>(
      "SELECT action, detail FROM audit_log WHERE action = 'personal-data.decide' ORDER BY id",
    );
    expect(audit.map((a) => JSON.parse(a.detail).decision)).toEqual(['release', 'remove']);
    for (const a of audit)
      for (const item of ['Mei Chen', SURGERY, 'LS6 2QT', 'mei.chen']) expect(a.detail).not.toContain(item);
    w.close();

    ws = { ...ws, ...testRouter(t.path('again'), CLOCK) };
    await ws.call('workspace.open', { path: ws.path });
    expect((await ws.call('responses.personalData', { status: 'all' })).counts).toEqual({
      unreviewed: 0,
      remove: 4,
      release: 1,
    });
    const phone = { responseId: ids[1]!, questionId: Q3, kind: 'phone' as const, text: SURGERY };
    await ws.call('responses.decidePersonalData', { decision: 'undo', findings: [phone] });
    expect((await ws.call('responses.personalData', {})).items.map((f) => f.text)).toEqual([SURGERY]);
    expect(await csvAt('undone.csv')).not.toContain(SURGERY);
  });

  it('the command line lists the findings and confirms the removals of those not reviewed', async () => {
    await ws.router.shutdown();
    const listed = workbench(['personal-data', ws.path, '--status', 'all']);
    expect(listed.status, listed.stderr).toBe(0);
    const all = listed.json() as { counts: Record<string, number>; items: Array<{ text: string }> };
    expect(all.counts).toEqual({ unreviewed: 1, remove: 4, release: 0 });
    expect(all.items.map((f) => f.text)).toContain(SURGERY);
    expect(workbench(['personal-data', ws.path, '--kind', 'fax']).status).toBe(2);
    const confirmed = workbench(['personal-data', ws.path, '--confirm-removals']);
    expect(confirmed.status, confirmed.stderr).toBe(0);
    expect(confirmed.json()).toMatchObject({ removalsConfirmed: 1, counts: { unreviewed: 0, remove: 5, release: 0 } });
  });
});
