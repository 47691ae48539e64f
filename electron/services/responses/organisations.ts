import { AppError } from '#shared/core/errors';
import type { Db } from '../core/db/database';
import type { WorkspaceFile } from '../core/db/workspace-file';
import { normaliseOrganisationName, suggestOrganisationMerges } from '#shared/analysis/organisations';
import type { OrganisationMergeView, OrganisationSuggestion } from '#shared/domain/responses/store';
import { audit } from '../core/audit';

/**
 * Organisation names as people typed them ("ACME Ltd", "Acme Limited", "acme") → suggested merges
 * (from shared/analysis), which the official confirms with the name to use. A confirmed merge maps
 * each variant's normalised key to the canonical name (the `respondent_organisation` view is what
 * analysis reads); it can be reverted, and the record of it stays.
 */
export function organisationSuggestions(db: Db): OrganisationSuggestion[] {
  const names: string[] = [];
  for (const r of db.all<{ organisation: string; n: number }>(
    'SELECT p.organisation, count(*) AS n FROM respondent p JOIN response r ON r.respondent_id = p.id WHERE ' +
      "p.organisation IS NOT NULL AND r.status = 'active' GROUP BY p.organisation",
  )) {
    for (let i = 0; i < r.n; i++) names.push(r.organisation);
  }
  const merged = new Map(
    db
      .all<{ variant_key: string; canonical_name: string }>(
        'SELECT variant_key, canonical_name FROM organisation_merge WHERE reverted_at IS NULL',
      )
      .map((m) => [m.variant_key, m.canonical_name]),
  );
  // A suggestion is settled once every variant in it is counted under one name.
  const effective = (v: { key: string; name: string }) => {
    const c = merged.get(v.key);
    return c === undefined ? `as typed: ${v.name}` : `merged: ${c}`;
  };
  return suggestOrganisationMerges(names)
    .filter((c) => new Set(c.variants.map(effective)).size > 1)
    .map((c) => ({
      id: c.id,
      suggestedName: merged.get(c.variants[0]!.key) ?? c.suggestedName,
      variants: c.variants,
      total: c.total,
      reasons: c.reasons,
      confidence: c.confidence,
    }));
}

export function listMerges(db: Db): OrganisationMergeView[] {
  return db
    .all<{
      id: number;
      variant_key: string;
      variant_name: string;
      canonical_name: string;
      confirmed_at: string;
      confirmed_by: string;
      reverted_at: string | null;
      reverted_by: string | null;
      n: number;
    }>(
      'SELECT m.*, (SELECT count(*) FROM respondent p WHERE p.org_key = m.variant_key) AS n FROM ' +
        'organisation_merge m ORDER BY m.reverted_at IS NOT NULL, m.canonical_name, m.variant_name',
    )
    .map((m) => ({
      id: m.id,
      variantKey: m.variant_key,
      variantName: m.variant_name,
      canonicalName: m.canonical_name,
      respondents: m.n,
      confirmedAt: m.confirmed_at,
      confirmedBy: m.confirmed_by,
      revertedAt: m.reverted_at,
      revertedBy: m.reverted_by,
    }));
}

/** Confirm: every variant (as typed) is from now on counted under `canonicalName`. */
export function mergeOrganisations(
  file: WorkspaceFile,
  canonicalName: string,
  variants: string[],
  now: Date,
  actor: string,
): { merged: number } {
  const canonical = canonicalName.replace(/\s+/g, ' ').trim();
  if (!canonical)
    throw new AppError('invalid-input', 'Enter the name to use for the organisation.', { field: 'canonicalName' });
  const keys = new Map<string, string>();
  for (const v of variants) {
    const k = normaliseOrganisationName(v);
    if (k && !keys.has(k)) keys.set(k, v.replace(/\s+/g, ' ').trim());
  }
  // The canonical name's own spelling is a variant too, so all spellings of it follow.
  const ck = normaliseOrganisationName(canonical);
  if (ck && !keys.has(ck)) keys.set(ck, canonical);
  const names = new Set([...variants.map((v) => v.replace(/\s+/g, ' ').trim()).filter(Boolean), canonical]);
  if (names.size < 2)
    throw new AppError('invalid-input', 'Choose at least two different names to merge.', { field: 'variants' });
  return file.mutate((db) => {
    for (const [k, name] of keys) {
      db.run(
        'UPDATE organisation_merge SET reverted_at = ?, reverted_by = ? WHERE variant_key = ? AND reverted_at IS NULL',
        [now.toISOString(), actor, k],
      );
      db.run(
        'INSERT INTO organisation_merge (variant_key, variant_name, canonical_name, confirmed_at, confirmed_by) ' +
          'VALUES (?, ?, ?, ?, ?)',
        [k, name, canonical, now.toISOString(), actor],
      );
    }
    audit(db, now, actor, 'responses.organisations-merge', canonical, { variants: [...keys.values()] });
    return { merged: keys.size };
  });
}

export function revertMerge(file: WorkspaceFile, id: number, now: Date, actor: string): void {
  file.mutate((db) => {
    const m = db.get<{ canonical_name: string; variant_name: string; reverted_at: string | null }>(
      'SELECT canonical_name, variant_name, reverted_at FROM organisation_merge WHERE id = ?',
      [id],
    );
    if (!m) throw new AppError('not-found', 'That merge no longer exists.');
    if (m.reverted_at) throw new AppError('conflict', 'That merge was already reverted.');
    db.run('UPDATE organisation_merge SET reverted_at = ?, reverted_by = ? WHERE id = ?', [
      now.toISOString(),
      actor,
      id,
    ]);
    audit(db, now, actor, 'responses.organisations-revert', m.canonical_name, { variant: m.variant_name });
  });
}
