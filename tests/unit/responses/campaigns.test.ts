import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../harness/temp';
import { plantedCorpus, scoreCampaigns, type PlantedDoc } from '../../generators/campaign-text';
import { workspaceWith, writeCsv } from './helpers';

/**
 * Campaigns through the whole pipeline: a survey export whose "anything else" answers are the
 * generator's realistic organic answers with planted campaigns (members reworded, with typos and
 * their own words added), imported, detected, then decided by the official.
 */
const t = tempDir('cw-responses-campaigns-');
let ws: Awaited<ReturnType<typeof workspaceWith>>;
let docs: PlantedDoc[];
const byExternal = new Map<string, PlantedDoc>();

async function membersOf(id: number) {
  const out: { responseId: number; addition: string; removed: boolean }[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await ws.call('responses.campaignMembers', { id, offset, limit: 500 });
    out.push(...page.members);
    if (out.length >= page.total) return out;
  }
}

async function externalIds(): Promise<Map<number, string>> {
  const file = ws.router.session('s').workspace!;
  return new Map(
    file.db
      .all<{ id: number; external_id: string }>('SELECT id, external_id FROM response')
      .map((r) => [r.id, r.external_id]),
  );
}

beforeAll(async () => {
  ws = await workspaceWith(t.dir);
  docs = plantedCorpus({ seed: 7, organic: 1500, campaigns: [5, 9, 30, 120, 400] }).docs;
  const rows = [
    ['Response ID', 'Your name', 'Is there anything else you would like to tell us about these proposals?'],
  ];
  docs.forEach((d, i) => {
    rows.push([`R${i + 1}`, `Person ${i + 1}`, d.text]);
    byExternal.set(`R${i + 1}`, d);
  });
  const path = writeCsv(t.dir, 'letters.csv', rows);
  const out = await ws.call('responses.import', { paths: [path], detect: true });
  expect(out.imported).toBe(docs.length);
  expect(out.detection!.campaigns.length).toBeGreaterThanOrEqual(5);
});
afterAll(async () => {
  await ws.router.shutdown();
  t.cleanup();
});

describe('campaign detection in the workspace', () => {
  it('finds the planted campaigns with recall and precision of at least 0.95', async () => {
    const ext = await externalIds();
    const groups = [];
    for (const c of await ws.call('responses.campaigns', {}))
      groups.push({ memberIds: (await membersOf(c.id)).map((m) => byExternal.get(ext.get(m.responseId)!)!.id) });
    const score = scoreCampaigns(docs, groups);
    expect(score.recall).toBeGreaterThanOrEqual(0.95);
    expect(score.precision).toBeGreaterThanOrEqual(0.95);
  });

  it('shows the template once and keeps each member’s own words, searchable', async () => {
    const campaigns = await ws.call('responses.campaigns', {});
    const big = campaigns[0]!;
    expect(big.size).toBeGreaterThanOrEqual(380);
    expect(big.template.split(/\s+/).length).toBeGreaterThan(30);
    const ext = await externalIds();
    const members = await membersOf(big.id);
    const withOwn = members.find(
      (m) => m.addition.split(/\s+/).length >= 8 && byExternal.get(ext.get(m.responseId)!)!.additions.length > 0,
    )!;
    expect(withOwn).toBeDefined();
    // The addition is (mostly) what the generator added, and the template is not in it.
    const planted = byExternal.get(ext.get(withOwn.responseId)!)!.additions.join(' ');
    const words = withOwn.addition.split(/\s+/).slice(0, 6).join(' ');
    expect(planted.replace(/\s+/g, ' ')).toContain(words.replace(/[.,;:!?]+$/, ''));
    expect(big.template).not.toContain(words);
    // Search within campaign additions finds that member.
    const phrase = withOwn.addition.split(/\s+/).slice(0, 4).join(' ').replace(/["*]/g, '');
    const found = await ws.call('responses.search', { query: `"${phrase}"`, scope: 'additions', limit: 500 });
    expect(found.results.some((h) => h.responseId === withOwn.responseId && h.field === 'campaignAddition')).toBe(true);
    const filtered = await ws.call('responses.list', { filters: { campaign: big.id }, offset: 0, limit: 5 });
    expect(filtered.total).toBe(big.size);
  });

  it('confirms, splits and rejects, and running detection again keeps those decisions', async () => {
    const [first, second] = await ws.call('responses.campaigns', {});
    await ws.call('responses.decideCampaign', { id: first!.id, decision: 'confirm', label: 'Keep Care Local letter' });
    const members = await membersOf(first!.id);
    const out = members.slice(0, 3).map((m) => m.responseId);
    expect((await ws.call('responses.splitCampaign', { id: first!.id, responseIds: out })).changed).toBe(3);
    await ws.call('responses.decideCampaign', { id: second!.id, decision: 'reject' });

    const again = await ws.call('responses.detect', { threshold: 0.5 });
    const after = await ws.call('responses.campaigns', {});
    const confirmed = after.find((c) => c.id === first!.id)!;
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      label: 'Keep Care Local letter',
      decidedBy: 'tester',
      size: first!.size - 3,
    });
    expect(
      (await membersOf(first!.id))
        .filter((m) => m.removed)
        .map((m) => m.responseId)
        .sort(),
    ).toEqual([...out].sort());
    expect(after.find((c) => c.id === second!.id)?.status).toBe('rejected');
    // Rejected campaigns are not counted; the split members are not in the campaign filter.
    expect(again.campaigns.some((c) => c.id === second!.id)).toBe(false);
    expect((await ws.call('responses.list', { filters: { campaign: first!.id }, offset: 0, limit: 1 })).total).toBe(
      first!.size - 3,
    );
    const detail = await ws.call('responses.get', { id: out[0]! });
    expect(detail.campaigns).toEqual([expect.objectContaining({ id: first!.id, removed: true })]);
  });

  it('a stricter threshold finds only the near-copies, and proposals follow the threshold', async () => {
    const loose = (await ws.call('responses.campaigns', {})).filter((c) => c.status === 'proposed');
    const strict = await ws.call('responses.detect', { threshold: 0.95 });
    const proposedNow = (await ws.call('responses.campaigns', {})).filter((c) => c.status === 'proposed');
    const members = (list: typeof loose) => list.reduce((s, c) => s + c.size, 0);
    expect(members(proposedNow)).toBeLessThan(members(loose));
    expect(strict.threshold).toBe(0.95);
    const summary = await ws.call('responses.summary', {});
    expect(summary.lastDetection).toMatchObject({ threshold: 0.95 });
  });
  it('writes each member once, numbered in turn; the index holds exactly the members with own words', async () => {
    const db = ws.router.session('s').workspace!.db;
    const check = () => {
      // FTS4's integrity check compares an external-content index with its table: a member's words
      // missing from the index, or indexed twice, fails it.
      db.exec("INSERT INTO campaign_member_fts(campaign_member_fts) VALUES('integrity-check')");
      const rows = db.tuples<[number, number, number]>(
        'SELECT campaign_id, count(*), max(id) - min(id) + 1 FROM campaign_member GROUP BY campaign_id',
      );
      expect(rows.length).toBeGreaterThan(0);
      // A new or replaced proposal's members are written together, so their ids are one run.
      for (const [, count, span] of rows) expect(span).toBeGreaterThanOrEqual(count);
      const proposed = db.tuples<[number, number]>(
        'SELECT count(*), max(m.id) - min(m.id) + 1 FROM campaign_member m JOIN campaign c ON c.id = m.campaign_id ' +
          "WHERE c.status = 'proposed' GROUP BY c.id",
      );
      for (const [count, span] of proposed) expect(span).toBe(count);
    };
    check();
    await ws.call('responses.detect', { threshold: 0.5 });
    check();
  });
});
