import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useVirtualizer } from '@tanstack/react-virtual';
import { call } from '../../lib/api';
import { ErrorSummary } from '../../components/ErrorSummary';
import { INTAKE_CHANNELS } from '#shared/domain/survey-import/types';
import type { ResponseFilters, ResponseListRow, SearchHit } from '#shared/domain/responses/store';
import { useResponses } from './responses-store';
import { CHANNEL_LABELS, plural, questionLabel } from './labels';
import { ResponseDetailPanel } from './ResponseDetailPanel';
import { Highlighted } from './Highlighted';
import { whenText } from '../shared/format';
import { Table, Row as TableRow, Cell, type Column } from '../../components/Table';

const PAGE = 100;
const ROW_HEIGHT = 76;

type Row = { kind: 'response'; row: ResponseListRow } | { kind: 'hit'; hit: SearchHit };

/** The list's columns, and a search's: the virtual list keeps one table for both. */
const LIST_COLUMNS: Column[] = [
  { label: 'Response', className: 'app-virtual__id' },
  { label: 'Respondent', className: 'app-virtual__who' },
  { label: 'Channel', className: 'app-virtual__channel' },
  { label: 'Received', className: 'app-virtual__when' },
  { label: 'First answer' },
];
const SEARCH_COLUMNS: Column[] = [
  { label: 'Response', className: 'app-virtual__id' },
  { label: 'Where', className: 'app-virtual__where' },
  { label: 'Match' },
];

/**
 * Every response, or every search match, in a table that scrolls smoothly at 100,000 rows: only
 * the rows in view are in the page, and they are fetched from the backend a hundred at a time as
 * they come into view. Filters and full-text search narrow it; opening a row shows the response.
 */
export function BrowseView() {
  const { summary, batches, filters, query, revision, openResponse, draft } = useResponses(
    useShallow((s) => ({
      summary: s.summary,
      batches: s.batches,
      filters: s.filters,
      query: s.query,
      revision: s.revision,
      openResponse: s.openResponse,
      draft: s.draft,
    })),
  );
  const [typed, setTyped] = useState(query);
  const [total, setTotal] = useState<number | null>(null);
  const [responsesMatched, setResponsesMatched] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pages = useRef(new Map<number, Row[] | 'loading'>());
  const [, setTick] = useState(0);
  const scrollRef = useRef<HTMLDivElement>(null);
  const searching = query.trim() !== '';
  const key = JSON.stringify({ filters, query, revision });
  const keyRef = useRef(key);

  const fetchPage = useCallback(
    async (page: number, forKey: string) => {
      if (pages.current.has(page)) return;
      pages.current.set(page, 'loading');
      const offset = page * PAGE;
      if (searching) {
        const r = await call('responses.search', { query, filters, offset, limit: PAGE });
        if (forKey !== keyRef.current) return;
        if (!r.ok) {
          pages.current.delete(page);
          setError(r.error.message);
          setTotal(0);
          return;
        }
        pages.current.set(
          page,
          r.value.results.map((hit) => ({ kind: 'hit', hit })),
        );
        setTotal(r.value.total);
        setResponsesMatched(r.value.responses);
      } else {
        const r = await call('responses.list', { filters, offset, limit: PAGE });
        if (forKey !== keyRef.current) return;
        if (!r.ok) {
          pages.current.delete(page);
          setError(r.error.message);
          return;
        }
        pages.current.set(
          page,
          r.value.rows.map((row) => ({ kind: 'response', row })),
        );
        setTotal(r.value.total);
        setResponsesMatched(null);
      }
      setTick((t) => t + 1);
    },
    [filters, query, searching],
  );

  // New filters, search or data: start again from the top.
  useEffect(() => {
    keyRef.current = key;
    pages.current = new Map();
    setError(null);
    setTotal(null);
    scrollRef.current?.scrollTo({ top: 0 });
    void fetchPage(0, key);
  }, [key, fetchPage]);

  const virtualizer = useVirtualizer({
    count: total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const firstPage = items.length ? Math.floor(items[0]!.index / PAGE) : 0;
  const lastPage = items.length ? Math.floor(items[items.length - 1]!.index / PAGE) : 0;
  useEffect(() => {
    for (let p = firstPage; p <= lastPage; p++) if (!pages.current.has(p)) void fetchPage(p, keyRef.current);
  }, [firstPage, lastPage, fetchPage]);

  const rowAt = (i: number): Row | null => {
    const page = pages.current.get(Math.floor(i / PAGE));
    return page && page !== 'loading' ? (page[i % PAGE] ?? null) : null;
  };

  const setFilter = <K extends keyof ResponseFilters>(k: K, v: ResponseFilters[K] | undefined) => {
    const next = { ...filters };
    if (v === undefined) delete next[k];
    else next[k] = v;
    useResponses.getState().setFilters(next);
  };

  const campaignOptions = useMemo(
    () => [
      { value: '', label: 'Any' },
      { value: 'any', label: 'In a campaign' },
      { value: 'none', label: 'Not in a campaign' },
    ],
    [],
  );
  const padTop = items.length ? items[0]!.start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;
  const columns = searching ? 3 : 5;

  return (
    <>
      {error ? <ErrorSummary errors={[{ field: 'browse-query', message: error }]} /> : null}
      <form
        className="app-browse__search"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          useResponses.getState().setQuery(typed.trim());
        }}
      >
        <div className="govuk-form-group">
          <label className="govuk-label govuk-label--s" htmlFor="browse-query">
            Search the answers and respondents
          </label>
          <div className="govuk-hint" id="browse-query-hint">
            Words must all appear (AND is understood too). Use “quotes” for a phrase, word* for words starting so, OR
            between alternatives, and NOT word or -word to leave a word out.
          </div>
          <div className="app-browse__search-row">
            <input
              id="browse-query"
              name="browse-query"
              type="search"
              className="govuk-input"
              aria-describedby="browse-query-hint"
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              autoComplete="off"
              spellCheck={false}
            />
            <button type="submit" className="govuk-button govuk-!-margin-bottom-0">
              Search
            </button>
            {query ? (
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                onClick={() => {
                  setTyped('');
                  useResponses.getState().setQuery('');
                }}
              >
                Clear the search
              </button>
            ) : null}
          </div>
        </div>
      </form>
      <details className="govuk-details">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Filters</span>
        </summary>
        <div className="govuk-details__text app-filters">
          <Filter
            id="filter-question"
            label="Question"
            value={filters.questionId ?? ''}
            onChange={(v) => setFilter('questionId', v || undefined)}
            options={[
              { value: '', label: 'Any' },
              ...(summary?.questions ?? []).map((q) => ({
                value: q.id,
                label: q.number ? `Question ${q.number}` : q.text,
              })),
            ]}
          />
          <Filter
            id="filter-type"
            label="Type of respondent"
            value={filters.respondentType ?? '\u0000'}
            onChange={(v) => setFilter('respondentType', v === '\u0000' ? undefined : v)}
            options={[
              { value: '\u0000', label: 'Any' },
              ...(summary?.respondentTypes ?? []).map((t) => ({ value: t.value, label: t.value || 'Not given' })),
            ]}
          />
          <Filter
            id="filter-channel"
            label="Channel"
            value={filters.channel ?? ''}
            onChange={(v) => setFilter('channel', (v || undefined) as ResponseFilters['channel'])}
            options={[
              { value: '', label: 'Any' },
              ...INTAKE_CHANNELS.map((c) => ({ value: c, label: CHANNEL_LABELS[c] })),
            ]}
          />
          <Filter
            id="filter-batch"
            label="Import"
            value={filters.batchId ? String(filters.batchId) : ''}
            onChange={(v) => setFilter('batchId', v ? Number(v) : undefined)}
            options={[
              { value: '', label: 'Any' },
              ...batches.filter((b) => !b.undoneAt).map((b) => ({ value: String(b.id), label: b.sourceName })),
            ]}
          />
          <Filter
            id="filter-campaign"
            label="Campaign"
            value={filters.campaign === undefined ? '' : String(filters.campaign)}
            onChange={(v) => setFilter('campaign', v === '' ? undefined : v === 'any' || v === 'none' ? v : Number(v))}
            options={campaignOptions}
          />
          <Filter
            id="filter-personal"
            label="Personal data"
            value={filters.hasPersonalData === undefined ? '' : filters.hasPersonalData ? 'yes' : 'no'}
            onChange={(v) => setFilter('hasPersonalData', v === '' ? undefined : v === 'yes')}
            options={[
              { value: '', label: 'Any' },
              { value: 'yes', label: 'Has personal data' },
              { value: 'no', label: 'None' },
            ]}
          />
          <Filter
            id="filter-org"
            label="Responding as"
            value={filters.organisation ?? ''}
            onChange={(v) => setFilter('organisation', (v || undefined) as ResponseFilters['organisation'])}
            options={[
              { value: '', label: 'Any' },
              { value: 'individual', label: 'An individual' },
              { value: 'organisation', label: 'An organisation' },
            ]}
          />
          <Filter
            id="filter-status"
            label="Duplicates"
            value={filters.status ?? 'active'}
            onChange={(v) => setFilter('status', v === 'active' ? undefined : (v as ResponseFilters['status']))}
            options={[
              { value: 'active', label: 'Leave out resolved duplicates' },
              { value: 'duplicate', label: 'Only resolved duplicates' },
              { value: 'all', label: 'Everything' },
            ]}
          />
        </div>
      </details>
      <p className="govuk-body" role="status" aria-live="polite">
        {total === null
          ? 'Loading…'
          : searching
            ? plural(total, 'match', 'matches') +
              (responsesMatched !== null ? ` in ${plural(responsesMatched, 'response')}` : '')
            : plural(total, 'response')}
      </p>
      <div
        ref={scrollRef}
        className="app-virtual"
        tabIndex={0}
        role="region"
        aria-label={searching ? 'Search results, scrollable' : 'Responses, scrollable'}
      >
        <Table
          className="app-virtual__table"
          aria-rowcount={(total ?? 0) + 1}
          captionSize="hidden"
          caption={searching ? `Matches for ${query}` : 'Responses'}
          headRow={{ 'aria-rowindex': 1 }}
          columns={searching ? SEARCH_COLUMNS : LIST_COLUMNS}
        >
          {padTop > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={columns} style={{ height: padTop, padding: 0, border: 0 }} />
            </tr>
          ) : null}
          {items.map((it) => {
            const r = rowAt(it.index);
            return (
              <TableRow
                className="app-virtual__row"
                key={it.key}
                aria-rowindex={it.index + 2}
                style={{ height: ROW_HEIGHT }}
              >
                {!r ? (
                  <Cell colSpan={columns}>Loading…</Cell>
                ) : r.kind === 'response' ? (
                  <>
                    <Cell>
                      <button
                        type="button"
                        className="app-link-button"
                        onClick={() => useResponses.getState().open(r.row.id)}
                      >
                        <span className="govuk-visually-hidden">Open response </span>
                        {r.row.id}
                      </button>
                      {r.row.status === 'duplicate' ? (
                        <strong className="govuk-tag govuk-tag--grey app-tag-s">Duplicate</strong>
                      ) : null}
                    </Cell>
                    <Cell className="app-clip">
                      {r.row.name ?? (r.row.organisation ? '' : 'No name given')}
                      {r.row.organisation ? `${r.row.name ? ', ' : ''}${r.row.organisation}` : ''}
                      {r.row.respondentType ? <span className="govuk-body-s"> · {r.row.respondentType}</span> : null}
                    </Cell>
                    <Cell>{CHANNEL_LABELS[r.row.channel]}</Cell>
                    <Cell>
                      <span className="app-clip-2">{r.row.submittedAt ? whenText(r.row.submittedAt) : '–'}</span>
                    </Cell>
                    <Cell>
                      <span className="app-clip-2">
                        {r.row.excerpt || <span className="govuk-hint">No written answer</span>}
                      </span>
                    </Cell>
                  </>
                ) : (
                  <>
                    <Cell>
                      <button
                        type="button"
                        className="app-link-button"
                        onClick={() => useResponses.getState().open(r.hit.responseId)}
                      >
                        <span className="govuk-visually-hidden">Open response </span>
                        {r.hit.responseId}
                      </button>
                    </Cell>
                    <Cell>
                      {questionLabel(draft, r.hit.questionId)}
                      {r.hit.field === 'explanation'
                        ? ' (explanation)'
                        : r.hit.field === 'otherText'
                          ? ' (“Other”)'
                          : r.hit.field === 'campaignAddition'
                            ? ' (own words in a campaign)'
                            : ''}
                    </Cell>
                    <Cell>
                      <span className="app-clip-2">
                        <Highlighted text={r.hit.snippet} ranges={r.hit.highlights} />
                      </span>
                    </Cell>
                  </>
                )}
              </TableRow>
            );
          })}
          {padBottom > 0 ? (
            <tr aria-hidden="true">
              <td colSpan={columns} style={{ height: padBottom, padding: 0, border: 0 }} />
            </tr>
          ) : null}
        </Table>
        {total === 0 ? (
          <p className="govuk-body govuk-!-margin-2">
            {searching ? 'Nothing matches. Try fewer or shorter words.' : 'No responses match these filters.'}
          </p>
        ) : null}
      </div>
      {openResponse !== null ? <ResponseDetailPanel key={openResponse} id={openResponse} /> : null}
    </>
  );
}

function Filter({
  id,
  label,
  value,
  options,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onChange: (v: string) => void;
}) {
  return (
    <div className="govuk-form-group app-filters__item">
      <label className="govuk-label govuk-label--s" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="govuk-select" value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
