import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { ErrorAlert } from '../../components/Fields';
import { call } from '../../lib/api';
import { TextField } from '../../components/TextField';
import { CheckboxField, RadiosField, SelectField, TextArea } from '../../components/Fields';
import { whenText } from '../shared/format';
import { useAnalysis } from './analysis-store';
import { SuggestionsPanel } from './SuggestionsPanel';
import { CodingPreview } from './CodingPreview';
import type { OperationView, QuestionAnalysisSummary, ThemeCountsResult, ThemeView } from '#shared/coding/types';
import type { CampaignView } from '#shared/domain/responses/store';
import type { AppErrorShape } from '#shared/core/errors';
import { Table, Row, Cell } from '../../components/Table';

const n = (x: number) => x.toLocaleString('en-GB');

/**
 * A question's themes: the codebook entries with their counts, adding and changing them, deleting
 * with undo, bulk coding and suggestions.
 */
export function ThemesPanel({ question }: { question: QuestionAnalysisSummary }) {
  const revision = useAnalysis((s) => s.revision);
  const codebook = useAnalysis((s) => s.codebook);
  const [counts, setCounts] = useState<ThemeCountsResult | null>(null);
  const [editing, setEditing] = useState<ThemeView | 'new' | null>(null);
  const [confirm, setConfirm] = useState<ThemeView | null>(null);
  const [deleted, setDeleted] = useState<ThemeView | null>(null);
  const [error, setError] = useState<AppErrorShape | null>(null);

  useEffect(() => {
    void call('analysis.themeCounts', { questionId: question.id }).then((r) =>
      r.ok ? setCounts(r.value) : setError(r.error),
    );
  }, [question.id, revision]);

  const own = codebook.filter(
    (t) => !t.archived && (t.questionIds.length === 0 || t.questionIds.includes(question.id)),
  );
  const restorable = codebook.filter(
    (t) => t.archived && (t.questionIds.length === 0 || t.questionIds.includes(question.id)),
  );

  async function remove(t: ThemeView) {
    setConfirm(null);
    const r = await useAnalysis.getState().archiveTheme({ id: t.id, archived: true });
    if (!r.ok) return setError(r.error);
    setDeleted(t);
  }

  async function restore(t: ThemeView) {
    const r = await useAnalysis.getState().archiveTheme({ id: t.id, archived: false });
    if (!r.ok) return setError(r.error);
    setDeleted(null);
  }

  return (
    <>
      <ErrorAlert message={error?.message} />
      {deleted ? (
        <div
          className="govuk-notification-banner govuk-notification-banner--success"
          role="alert"
          aria-labelledby="theme-deleted-title"
        >
          <div className="govuk-notification-banner__header">
            <h3 className="govuk-notification-banner__title" id="theme-deleted-title">
              Success
            </h3>
          </div>
          <div className="govuk-notification-banner__content">
            <p className="govuk-notification-banner__heading">
              “{deleted.name}” was deleted. Its codings are left out of the counts until it is restored.
            </p>
            <button
              type="button"
              className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
              onClick={() => void restore(deleted)}
            >
              Undo: restore “{deleted.name}”
            </button>
          </div>
        </div>
      ) : null}
      {confirm ? (
        <div className="govuk-warning-text app-dialog" role="alertdialog" aria-labelledby="confirm-delete-title">
          <p className="govuk-body govuk-!-font-weight-bold" id="confirm-delete-title">
            Delete “{confirm.name}”
            {codebook.some((t) => t.parentId === confirm.id && !t.archived) ? ' and the themes under it' : ''}?
          </p>
          <p className="govuk-body">
            Answers coded with it keep their coding, but it is left out of every count and document. You can restore it.
          </p>
          <div className="govuk-button-group">
            <button type="button" className="govuk-button govuk-button--warning" onClick={() => void remove(confirm)}>
              Yes, delete it
            </button>
            <button type="button" className="app-link-button" onClick={() => setConfirm(null)}>
              Cancel
            </button>
          </div>
        </div>
      ) : null}
      <Table
        captionSize="m"
        caption="Themes for this question"
        columns={[{ label: 'Theme' }, { label: 'Answers', numeric: true }, { label: 'Actions', hidden: true }]}
      >
        {own.length === 0 ? (
          <Row>
            <Cell colSpan={3}>No themes yet.</Cell>
          </Row>
        ) : null}
        {own.map((t) => {
          const c = counts?.themes.find((x) => x.themeId === t.id);
          return (
            <Row key={t.id}>
              <Cell>
                <span className={t.depth ? 'govuk-!-padding-left-4' : undefined}>{t.depth ? '↳ ' : ''}</span>
                <strong>{t.name}</strong>
                {!t.codable ? ' (heading)' : ''}
                {t.questionIds.length === 0 ? <span className="govuk-body-s"> · all questions</span> : null}
                {t.description ? <div className="govuk-body-s govuk-!-margin-bottom-0">{t.description}</div> : null}
              </Cell>
              <Cell numeric>{c ? `${n(c.count)}${c.percent === null ? '' : ` (${c.percent}%)`}` : '–'}</Cell>
              <Cell>
                <button type="button" className="app-link-button govuk-body-s" onClick={() => setEditing(t)}>
                  Change<span className="govuk-visually-hidden"> {t.name}</span>
                </button>{' '}
                <button type="button" className="app-link-button govuk-body-s" onClick={() => setConfirm(t)}>
                  Delete<span className="govuk-visually-hidden"> {t.name}</span>
                </button>
              </Cell>
            </Row>
          );
        })}
      </Table>
      {editing ? (
        <ThemeForm
          question={question}
          theme={editing === 'new' ? null : editing}
          parents={own}
          onDone={() => setEditing(null)}
        />
      ) : (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => setEditing('new')}>
          Add a theme
        </button>
      )}
      {restorable.length ? (
        <details className="govuk-details">
          <summary className="govuk-details__summary">
            <span className="govuk-details__summary-text">Deleted themes ({restorable.length})</span>
          </summary>
          <div className="govuk-details__text">
            <ul className="govuk-list">
              {restorable.map((t) => (
                <li key={t.id}>
                  {t.name}{' '}
                  <button type="button" className="app-link-button" onClick={() => void restore(t)}>
                    Restore<span className="govuk-visually-hidden"> {t.name}</span>
                  </button>
                </li>
              ))}
            </ul>
          </div>
        </details>
      ) : null}
      <BulkCoding question={question} themes={own.filter((t) => t.codable)} />
      <SuggestionsPanel question={question} />
    </>
  );
}

function ThemeForm({
  question,
  theme,
  parents,
  onDone,
}: {
  question: QuestionAnalysisSummary;
  theme: ThemeView | null;
  parents: ThemeView[];
  onDone: () => void;
}) {
  const [name, setName] = useState(theme?.name ?? '');
  const [description, setDescription] = useState(theme?.description ?? '');
  const [parentId, setParentId] = useState(theme?.parentId ?? '');
  const [shared, setShared] = useState(theme ? theme.questionIds.length === 0 : false);
  const [heading, setHeading] = useState(theme ? !theme.codable : false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    const questionIds = shared
      ? []
      : theme && theme.questionIds.length
        ? [...new Set([...theme.questionIds, question.id])]
        : [question.id];
    const fields = { name, description, parentId: parentId || null, questionIds, codable: !heading };
    const r = await useAnalysis.getState().saveTheme({ ...(theme ? { id: theme.id } : {}), ...fields });
    if (!r.ok) return setError(r.error.message);
    onDone();
  }

  return (
    <form className="app-dialog" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="theme-form-title">
      <h3 className="govuk-heading-s" id="theme-form-title">
        {theme ? `Change “${theme.name}”` : 'Add a theme'}
      </h3>
      <TextField
        id="theme-name"
        label="Name"
        value={name}
        error={error}
        onChange={(e) => setName(e.target.value)}
        autoComplete="off"
      />
      <TextArea
        id="theme-description"
        label="Description"
        hint="What the theme covers, so every coder applies it the same way."
        rows={3}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
      />
      <SelectField
        id="theme-parent"
        label="Put it under"
        value={parentId}
        onChange={setParentId}
        options={[
          { value: '', label: 'Nothing (a top-level theme)' },
          ...parents.filter((p) => p.id !== theme?.id).map((p) => ({ value: p.id, label: p.name })),
        ]}
      />
      <CheckboxField id="theme-shared" label="Use it for every question" checked={shared} onChange={setShared} />
      <CheckboxField
        id="theme-heading"
        label="A heading only (groups themes; not applied to answers itself)"
        checked={heading}
        onChange={setHeading}
      />
      <div className="govuk-button-group">
        <button type="submit" className="govuk-button">
          {theme ? 'Save the theme' : 'Add the theme'}
        </button>
        <button type="button" className="app-link-button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * Code every answer a search finds, or a campaign's members, in one undoable operation: the answers
 * are shown first (CodingPreview), to read and untick any that do not belong.
 */
function BulkCoding({ question, themes }: { question: QuestionAnalysisSummary; themes: ThemeView[] }) {
  const [themeId, setThemeId] = useState('');
  const [kind, setKind] = useState<'search' | 'campaign'>('search');
  const [query, setQuery] = useState('');
  const [campaignId, setCampaignId] = useState('');
  const [campaigns, setCampaigns] = useState<CampaignView[]>([]);
  // The answers found, shown to read and untick before anything is coded (CodingPreview).
  const [checking, setChecking] = useState<{ target: ReturnType<typeof target>; themeName: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [ops, setOps] = useState<OperationView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const revision = useAnalysis((s) => s.revision);

  const loadOps = useCallback(() => {
    void call('analysis.operations', {}).then(
      (r) => r.ok && setOps(r.value.filter((o) => o.questionId === question.id)),
    );
  }, [question.id]);
  // Bulk changes are listed again whenever the codings change (a bulk coding or an undo here).
  useEffect(loadOps, [loadOps, revision]);
  useEffect(() => {
    void call('responses.campaigns', {}).then(
      (r) => r.ok && setCampaigns(r.value.filter((c) => c.status !== 'rejected')),
    );
  }, []);

  const target = () =>
    kind === 'search'
      ? { kind: 'search' as const, query }
      : { kind: 'campaign' as const, campaignId: Number(campaignId) };
  const ready = themeId && (kind === 'search' ? query.trim() : campaignId);

  function check() {
    setError(null);
    setDone(null);
    if (!themeId) return setError('Choose the theme to apply');
    if (!ready) return setError(kind === 'search' ? 'Enter words to search for' : 'Choose a campaign');
    setChecking({ target: target(), themeName: themes.find((t) => t.id === themeId)?.name ?? '' });
  }

  async function undo(op: OperationView) {
    const r = await useAnalysis.getState().undoOperation({ opId: op.id });
    if (!r.ok) return setError(r.error.message);
  }

  return (
    <section className="app-dialog" aria-labelledby="bulk-title">
      <h3 className="govuk-heading-s" id="bulk-title">
        Code many answers at once
      </h3>
      {themes.length === 0 ? <p className="govuk-body">Add a theme first.</p> : null}
      <SelectField
        id="bulk-theme"
        label="Theme to apply"
        value={themeId}
        onChange={(v) => (setThemeId(v), setChecking(null))}
        options={[{ value: '', label: 'Choose a theme' }, ...themes.map((t) => ({ value: t.id, label: t.name }))]}
      />
      <RadiosField
        name="bulk-kind"
        legend="Which answers"
        small
        value={kind}
        onChange={(v) => (setKind(v as 'search' | 'campaign'), setChecking(null))}
        options={[
          {
            value: 'search',
            label: 'Answers that match a search',
            hint:
              'Words are all needed (AND is understood too); "quote" a phrase, OR between words, NOT word or ' +
              '-word to leave out.',
          },
          {
            value: 'campaign',
            label: 'A campaign’s answers',
            hint: campaigns.length ? undefined : 'No campaigns have been found.',
          },
        ]}
      />
      {kind === 'search' ? (
        <TextField
          id="bulk-query"
          label="Search for"
          value={query}
          onChange={(e) => (setQuery(e.target.value), setChecking(null))}
          autoComplete="off"
        />
      ) : (
        <SelectField
          id="bulk-campaign"
          label="Campaign"
          value={campaignId}
          onChange={(v) => (setCampaignId(v), setChecking(null))}
          options={[
            { value: '', label: 'Choose a campaign' },
            ...campaigns.map((c) => ({
              value: String(c.id),
              label: `${c.label || `Campaign ${c.id}`} (${c.size} responses, ${c.status})`,
            })),
          ]}
        />
      )}
      <ErrorAlert message={error} />
      {done ? (
        <p className="govuk-inset-text" role="status">
          {done}
        </p>
      ) : null}
      {checking ? (
        <CodingPreview
          key={JSON.stringify(checking.target) + themeId}
          questionId={question.id}
          themeId={themeId}
          themeName={checking.themeName}
          target={checking.target}
          onDone={(message) => {
            setChecking(null);
            setDone(message);
          }}
          onCancel={() => setChecking(null)}
        />
      ) : (
        <button type="button" className="govuk-button govuk-button--secondary" onClick={check}>
          Check which answers
        </button>
      )}
      {ops.length ? (
        <>
          <h4 className="govuk-heading-s">Changes made in bulk</h4>
          <ul className="govuk-list">
            {ops.slice(0, 10).map((o) => (
              <li key={o.id}>
                {o.description} ({n(o.count)}), {whenText(o.at)} by {o.by}.{' '}
                {o.undoneAt ? (
                  <span className="govuk-body-s">Undone {whenText(o.undoneAt)}.</span>
                ) : (
                  <button type="button" className="app-link-button" onClick={() => void undo(o)}>
                    Undo<span className="govuk-visually-hidden">: {o.description}</span>
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
