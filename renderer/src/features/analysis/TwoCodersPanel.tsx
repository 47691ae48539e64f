import { useCallback, useEffect, useState } from 'react';
import { useApp } from '../../app/store';
import { call } from '../../lib/api';
import { TextField } from '../../components/TextField';
import { RadiosField } from '../../components/Fields';
import { slugify } from '#shared/domain/filename';
import { whenText } from '../shared/format';
import { useAnalysis } from './analysis-store';
import { useJob, isCancelled } from '../shared/useJob';
import { JobProgress } from '../shared/JobProgress';
import { PathField, workspaceFolder } from './PathField';
import type { AgreementView, ConflictView, KappaView, MergeOutcome, PackageView } from '#shared/coding/types';
import { Table, Row, Cell, RowHeader } from '../../components/Table';

const pct = (x: number | null) => (x === null ? '–' : `${Math.round(x * 100)}%`);
const kappa = (k: KappaView) => (k.kappa === null ? k.band : `${k.kappa.toFixed(2)} (${k.band})`);

/**
 * Double coding without a server: send a colleague a coding package (a sample of answers and the
 * codebook, no respondent details), merge it when it comes back, see Cohen's kappa and percent
 * agreement per theme and overall, and resolve the answers you coded differently.
 */
export function TwoCodersPanel() {
  const revision = useAnalysis((s) => s.revision);
  const [packages, setPackages] = useState<PackageView[]>([]);
  const [outcome, setOutcome] = useState<MergeOutcome | null>(null);
  const load = useCallback(() => {
    void call('analysis.packages', {}).then((r) => r.ok && setPackages(r.value));
  }, []);
  // Read again when codings change: a merge, a resolved conflict or an undo moves the revision on.
  useEffect(load, [load, revision]);
  return (
    <section aria-labelledby="coders-title">
      <h2 className="govuk-heading-m" id="coders-title">
        Two coders
      </h2>
      <p className="govuk-body">
        Check the coding is consistent: a colleague codes a sample of the same answers on their own laptop, and the app
        compares the two.
      </p>
      <ExportPackage onDone={load} />
      <MergePackage onDone={setOutcome} />
      {outcome ? <MergeSummary outcome={outcome} /> : null}
      <h3 className="govuk-heading-s">Packages</h3>
      {packages.length === 0 ? <p className="govuk-body">No packages have been made yet.</p> : null}
      {packages.map((p) => (
        <PackageCard key={p.id} pkg={p} />
      ))}
    </section>
  );
}

function ExportPackage({ onDone }: { onDone: () => void }) {
  const overview = useAnalysis((s) => s.overview)!;
  const title = useApp((s) => s.workspace?.title ?? 'consultation');
  const codable = overview.questions.filter((q) => q.codable && q.progress.total > 0);
  const [questionIds, setQuestionIds] = useState<string[]>(codable.slice(0, 1).map((q) => q.id));
  const [kind, setKind] = useState<'count' | 'percent'>('percent');
  const [amount, setAmount] = useState('10');
  const [seed, setSeed] = useState(() => String(Math.floor(Math.random() * 90000) + 10000));
  const [coder, setCoder] = useState('');
  const [path, setPath] = useState(`${workspaceFolder()}${slugify(title, 'consultation')}-coding-package.consult`);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const { progress: job, run, cancel } = useJob();

  async function go() {
    setError(null);
    setDone(null);
    const v = Number(amount);
    if (!questionIds.length) return setError('Choose at least one question');
    if (!(v > 0) || (kind === 'percent' && v > 100) || (kind === 'count' && !Number.isInteger(v)))
      return setError(kind === 'percent' ? 'Enter a percentage from 1 to 100' : 'Enter a whole number of answers');
    if (!Number.isInteger(Number(seed))) return setError('The seed must be a whole number');
    const sample =
      kind === 'percent'
        ? { kind: 'percent' as const, percent: v, seed: Number(seed) }
        : { kind: 'count' as const, n: v, seed: Number(seed) };
    const r = await run('analysis.exportPackage', { path, questionIds, sample, coder }, 'Choosing the answers');
    if (!r.ok) return isCancelled(r.error) ? undefined : setError(r.error.message);
    setDone(
      `Saved a package of ${r.value.answers} answers to ${r.value.path}. ` +
        `Send it to ${coder || 'your colleague'}; when it comes back, merge it below.`,
    );
    onDone();
  }

  return (
    <div className="app-dialog">
      <h3 className="govuk-heading-s">Send a coding package</h3>
      <div className="govuk-form-group">
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Questions to double-code</legend>
          <div className="govuk-checkboxes govuk-checkboxes--small">
            {codable.map((q) => (
              <div className="govuk-checkboxes__item" key={q.id}>
                <input
                  className="govuk-checkboxes__input"
                  id={`package-q-${q.id}`}
                  type="checkbox"
                  checked={questionIds.includes(q.id)}
                  onChange={(e) =>
                    setQuestionIds((ids) => (e.target.checked ? [...ids, q.id] : ids.filter((x) => x !== q.id)))
                  }
                />
                <label className="govuk-label govuk-checkboxes__label" htmlFor={`package-q-${q.id}`}>
                  {q.number ? `Question ${q.number}` : q.text} ({q.progress.total} answers)
                </label>
              </div>
            ))}
          </div>
        </fieldset>
      </div>
      <RadiosField
        name="package-sample"
        legend="How many answers of each question"
        small
        value={kind}
        onChange={(v) => setKind(v as 'count' | 'percent')}
        options={[
          { value: 'percent', label: 'A percentage' },
          { value: 'count', label: 'A number' },
        ]}
      />
      <TextField
        id="package-amount"
        label={kind === 'percent' ? 'Percentage of the answers' : 'Number of answers'}
        widthClass="govuk-input--width-4"
        inputMode="numeric"
        value={amount}
        onChange={(e) => setAmount(e.target.value)}
      />
      <TextField
        id="package-seed"
        label="Random seed"
        hint="The same seed picks the same answers again."
        widthClass="govuk-input--width-10"
        inputMode="numeric"
        value={seed}
        onChange={(e) => setSeed(e.target.value)}
      />
      <TextField
        id="package-coder"
        label="Who will code it"
        value={coder}
        onChange={(e) => setCoder(e.target.value)}
        autoComplete="off"
      />
      <PathField
        id="package-path"
        label="Save the package to"
        value={path}
        onChange={setPath}
        mode="save"
        filterName="Coding package"
        extensions={['consult']}
        error={error}
      />
      {done ? (
        <p className="govuk-inset-text" role="status">
          {done}
        </p>
      ) : null}
      {job ? (
        <JobProgress progress={job} label="Making the coding package" onCancel={cancel} className="app-analysis-job" />
      ) : (
        <button type="button" className="govuk-button" onClick={() => void go()}>
          Make the coding package
        </button>
      )}
    </div>
  );
}

function MergePackage({ onDone }: { onDone: (o: MergeOutcome) => void }) {
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { progress: job, run, cancel } = useJob();
  async function go() {
    setError(null);
    if (!path.trim()) return setError('Enter the path of the package your colleague sent back');
    const r = await run('analysis.mergePackage', { path }, 'Reading the package');
    if (!r.ok) return isCancelled(r.error) ? undefined : setError(r.error.message);
    useAnalysis.getState().changed();
    onDone(r.value);
  }
  return (
    <div className="app-dialog">
      <h3 className="govuk-heading-s">Merge a colleague’s package</h3>
      <PathField
        id="merge-path"
        label="Coded package"
        hint="The .consult file your colleague sent back. It is read, not changed."
        value={path}
        onChange={setPath}
        mode="open"
        filterName="Coding package"
        extensions={['consult']}
        error={error}
      />
      {job ? (
        <JobProgress progress={job} label="Merging the package" onCancel={cancel} className="app-analysis-job" />
      ) : (
        <button type="button" className="govuk-button" onClick={() => void go()}>
          Merge the package
        </button>
      )}
    </div>
  );
}

function MergeSummary({ outcome }: { outcome: MergeOutcome }) {
  const a = outcome.package.agreement;
  return (
    <div
      className="govuk-notification-banner govuk-notification-banner--success"
      role="alert"
      aria-labelledby="merge-title"
    >
      <div className="govuk-notification-banner__header">
        <h3 className="govuk-notification-banner__title" id="merge-title">
          Success
        </h3>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">
          Merged {outcome.package.coder}’s coding of {outcome.answersCodedByColleague} answers.{' '}
          {outcome.conflicts === 1 ? '1 answer was' : `${outcome.conflicts} answers were`} coded differently.
          {a ? ` Overall kappa ${kappa(a.overall)}, agreement ${pct(a.overall.percentAgreement)}.` : ''}
        </p>
        {outcome.warnings.map((w) => (
          <p key={w} className="govuk-body">
            {w}
          </p>
        ))}
        {outcome.unknownThemes.length ? (
          <p className="govuk-body">
            Themes not in this codebook: {outcome.unknownThemes.map((u) => `${u.name} (${u.codings})`).join(', ')}.
          </p>
        ) : null}
      </div>
    </div>
  );
}

function PackageCard({ pkg }: { pkg: PackageView }) {
  return (
    <div className="app-analysis-card">
      <h4 className="govuk-heading-s govuk-!-margin-bottom-1">
        {pkg.coder || 'Second coder'}: {pkg.answers} answers
      </h4>
      <p className="govuk-body-s">
        Made {whenText(pkg.createdAt)} by {pkg.createdBy} (
        {pkg.sample.kind === 'percent' ? `${pkg.sample.percent}% of answers` : `${pkg.sample.n} answers`} per question,
        seed {pkg.sample.seed}).{' '}
        {pkg.mergedAt ? `Merged ${whenText(pkg.mergedAt)} by ${pkg.mergedBy}.` : 'Not merged yet.'}
        <br />
        <span className="app-path">{pkg.path}</span>
      </p>
      {pkg.agreement ? (
        <>
          <AgreementTables agreement={pkg.agreement} />
          <Conflicts packageId={pkg.id} />
        </>
      ) : null}
    </div>
  );
}

function AgreementTables({ agreement }: { agreement: AgreementView }) {
  return (
    <>
      <p className="govuk-body">
        Overall, over {agreement.overall.items} answers coded by both: Cohen’s kappa{' '}
        <strong>{kappa(agreement.overall)}</strong>, agreement {pct(agreement.overall.percentAgreement)}
        {agreement.overall.meanKappa !== null
          ? `; mean of the themes’ kappas ${agreement.overall.meanKappa.toFixed(2)}`
          : ''}
        . Coder A: {agreement.coderA}; coder B: {agreement.coderB}.
      </p>
      {agreement.questions.map((q) => (
        <Table
          key={q.questionId}
          caption={
            <>
              Question {q.number}: {q.doubleCoded} of {q.sampled} sampled answers coded by both; kappa {kappa(q.pooled)}
            </>
          }
          columns={[
            { label: 'Theme' },
            { label: 'Kappa', numeric: true },
            { label: 'Agreement', numeric: true },
            { label: 'Both', numeric: true },
            { label: 'A only', numeric: true },
            { label: 'B only', numeric: true },
            { label: 'Neither', numeric: true },
          ]}
        >
          {q.themes.map((t) => (
            <Row key={t.themeId}>
              <RowHeader>{t.name}</RowHeader>
              <Cell numeric>{kappa(t)}</Cell>
              <Cell numeric>{pct(t.percentAgreement)}</Cell>
              <Cell numeric>{t.table.both}</Cell>
              <Cell numeric>{t.table.aOnly}</Cell>
              <Cell numeric>{t.table.bOnly}</Cell>
              <Cell numeric>{t.table.neither}</Cell>
            </Row>
          ))}
        </Table>
      ))}
      <p className="govuk-body-s">{agreement.note}</p>
    </>
  );
}

function Conflicts({ packageId }: { packageId: string }) {
  const revision = useAnalysis((s) => s.revision);
  const [conflicts, setConflicts] = useState<ConflictView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [lastOp, setLastOp] = useState<number | null>(null);
  const load = useCallback(() => {
    void call('analysis.conflicts', { packageId }).then((r) =>
      r.ok ? setConflicts(r.value) : setError(r.error.message),
    );
  }, [packageId]);
  useEffect(load, [load, revision]);

  async function resolve(take: 'mine' | 'theirs' | 'both', c?: ConflictView) {
    const items = c ? { items: [{ responseId: c.responseId, questionId: c.questionId }] } : {};
    const r = await useAnalysis.getState().resolveConflicts({ packageId, take, ...items });
    if (!r.ok) return setError(r.error.message);
    setLastOp(r.value.opId);
  }

  async function undo() {
    if (lastOp === null) return;
    const r = await useAnalysis.getState().undoOperation({ opId: lastOp });
    if (!r.ok) return setError(r.error.message);
    setLastOp(null);
  }

  return (
    <>
      <h5 className="govuk-heading-s">Answers coded differently ({conflicts.length})</h5>
      {error ? <p className="govuk-error-message">{error}</p> : null}
      {lastOp !== null ? (
        <p className="govuk-inset-text" role="status">
          Resolved.{' '}
          <button type="button" className="app-link-button" onClick={() => void undo()}>
            Undo
          </button>
        </p>
      ) : null}
      {conflicts.length ? (
        <div className="govuk-button-group">
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void resolve('theirs')}>
            Take the colleague’s coding for all {conflicts.length}
          </button>
        </div>
      ) : null}
      {conflicts.slice(0, 50).map((c) => (
        <div className="app-analysis-card" key={`${c.questionId}-${c.responseId}`}>
          <p className="govuk-body-s">
            Question {c.questionNumber}, response {c.responseId}
          </p>
          <p className="govuk-body">“{c.text.length > 400 ? `${c.text.slice(0, 397)}…` : c.text}”</p>
          <p className="govuk-body-s">
            This workspace: {c.mine.join(', ') || 'no theme'} · colleague: {c.theirs.join(', ') || 'no theme'}
          </p>
          <div className="app-button-group-inline">
            <button type="button" className="app-link-button" onClick={() => void resolve('mine', c)}>
              Keep this workspace’s<span className="govuk-visually-hidden"> coding of response {c.responseId}</span>
            </button>
            <button type="button" className="app-link-button" onClick={() => void resolve('theirs', c)}>
              Take the colleague’s<span className="govuk-visually-hidden"> coding of response {c.responseId}</span>
            </button>
            <button type="button" className="app-link-button" onClick={() => void resolve('both', c)}>
              Keep both<span className="govuk-visually-hidden"> coders’ themes for response {c.responseId}</span>
            </button>
          </div>
        </div>
      ))}
      {conflicts.length > 50 ? <p className="govuk-body-s">Showing the first 50.</p> : null}
    </>
  );
}
