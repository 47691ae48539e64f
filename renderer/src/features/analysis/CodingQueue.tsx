import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ErrorAlert } from '../../components/Fields';
import { call } from '../../lib/api';
import { useAnalysis } from './analysis-store';
import { SENTIMENTS, SENTIMENT_KEYS, SENTIMENT_LABELS, type Sentiment } from '#shared/coding/sentiment';
import { QUOTE_STATUS_TEXT } from '#shared/coding/consent';
import type { AnswerForCoding, QuestionAnalysisSummary, QueueView } from '#shared/coding/types';
import type { AppErrorShape, Result } from '#shared/core/errors';
import type { Out } from '#shared/ipc/contract';

type Move = 'current' | 'first' | 'next' | 'previous' | 'next-uncoded' | 'next-informative';
const n = (x: number) => x.toLocaleString('en-GB');
const KEY_OF_SENTIMENT = new Map(SENTIMENTS.map((s) => [SENTIMENT_KEYS[s], s]));

/** [start, end) of the current selection inside `el`'s text, or null. */
function selectionIn(el: HTMLElement | null): { start: number; end: number } | null {
  const sel = window.getSelection();
  if (!el || !sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
  const range = sel.getRangeAt(0);
  if (!el.contains(range.startContainer) || !el.contains(range.endContainer)) return null;
  const before = document.createRange();
  before.selectNodeContents(el);
  before.setEnd(range.startContainer, range.startOffset);
  const start = before.toString().length;
  const end = start + range.toString().length;
  return end > start ? { start, end } : null;
}

/** The answer's text with coded passages and quotes marked (nothing added to the text itself, so offsets hold). */
function markedText(a: AnswerForCoding): ReactNode[] {
  const spans: Array<[number, number]> = [
    ...a.codings.filter((c) => c.passage).map((c) => [c.passage!.start, c.passage!.end] as [number, number]),
    ...a.quotes.filter((q) => q.start !== null && q.end !== null).map((q) => [q.start!, q.end!] as [number, number]),
  ];
  if (!spans.length) return [a.text];
  const cuts = [...new Set([0, a.text.length, ...spans.flat()])].sort((x, y) => x - y);
  const out: ReactNode[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    const s = cuts[i]!;
    const e = cuts[i + 1]!;
    const piece = a.text.slice(s, e);
    out.push(spans.some(([x, y]) => x <= s && e <= y) ? <mark key={s}>{piece}</mark> : piece);
  }
  return out;
}

const NO_ANSWERS = 'No one wrote an answer to this question yet.';
const ALL_CODED = 'Every answer to this question is coded.';

/**
 * The coding queue: one answer at a time, every action on a key. 1–9 toggle the numbered themes
 * (with words selected in the answer: code that passage), T reaches the others, A/D/X/U set the
 * sentiment, C marks the answer complete, M writes a memo, Q marks the selection (or the whole
 * answer) as a quote, N or → goes to the next uncoded answer, P or ← to the previous one.
 */
export function CodingQueue({ question }: { question: QuestionAnalysisSummary }) {
  const [view, setView] = useState<QueueView | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<AppErrorShape | null>(null);
  const [memo, setMemo] = useState('');
  const [more, setMore] = useState('');
  // N goes to the next uncoded answer in response order, or to the one the model would learn most from.
  const [order, setOrder] = useState<'response' | 'informative'>('response');
  const nextMove: Move = order === 'informative' ? 'next-informative' : 'next-uncoded';
  const region = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLParagraphElement>(null);
  const memoRef = useRef<HTMLTextAreaElement>(null);
  const moreRef = useRef<HTMLSelectElement>(null);
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const answer = view?.answer ?? null;

  // Keys can be pressed faster than answers load: only the newest request may change what is shown
  // (the backend runs calls in order, so a move always sees the coding pressed before it).
  const latest = useRef(0);
  const load = useCallback(
    async (move: Move, responseId?: number) => {
      const mine = ++latest.current;
      const r = await call('analysis.queue', {
        questionId: question.id,
        move,
        ...(responseId !== undefined ? { responseId } : {}),
      });
      if (mine !== latest.current) return;
      if (!r.ok) return setError(r.error);
      setError(null);
      setView(r.value);
      setMemo(r.value.answer?.annotation.memo ?? '');
    },
    [question.id],
  );
  useEffect(() => {
    void load('current');
  }, [load]);
  useEffect(
    () => () => {
      if (refreshTimer.current) clearTimeout(refreshTimer.current);
    },
    [],
  );

  // The sidebar's count follows the queue's at once.
  const progress = view?.progress;
  useEffect(() => {
    if (progress) useAnalysis.getState().setProgress(question.id, progress);
  }, [progress, question.id]);

  /** The page's progress counts follow a little later, so fast coding is not slowed down. */
  const changedSoon = () => {
    if (refreshTimer.current) clearTimeout(refreshTimer.current);
    refreshTimer.current = setTimeout(() => useAnalysis.getState().changed(), 1200);
  };

  async function act<T>(run: () => Promise<Result<T>>, done: string): Promise<boolean> {
    if (!answer) return false;
    const before = latest.current;
    const r = await run();
    if (!r.ok) {
      setError(r.error);
      return false;
    }
    setStatus(done);
    // If the coder has moved on meanwhile, that newer load already shows this change.
    if (latest.current === before) await load('current', answer.responseId);
    changedSoon();
    return true;
  }

  const themes = view?.themes ?? [];
  const numbered = themes.slice(0, 9);
  const whole = useMemo(() => new Set(answer?.codings.filter((c) => !c.passage).map((c) => c.themeId) ?? []), [answer]);
  const name = (id: string) => themes.find((t) => t.id === id)?.name ?? 'a deleted theme';
  // The model's proposals for this answer (Proposed codes tab): shown beside the themes, applied only by a key.
  const proposed = new Map((answer?.proposals ?? []).map((p) => [p.themeId, p.confidence]));
  const proposedText = (id: string) =>
    proposed.has(id) ? ` (proposed, ${Math.round(proposed.get(id)! * 100)}% confident)` : '';

  function codeTheme(themeId: string) {
    if (!answer) return;
    const passage = selectionIn(textRef.current);
    const theme = name(themeId);
    if (passage) {
      void act<Out<'analysis.code'>>(
        () =>
          call('analysis.code', {
            responseId: answer.responseId,
            questionId: question.id,
            themeId,
            action: 'add',
            passage,
          }),
        `Passage coded with ${theme}`,
      ).then(() => window.getSelection()?.removeAllRanges());
      return;
    }
    const on = !whole.has(themeId);
    void act(
      () => call('analysis.code', { responseId: answer.responseId, questionId: question.id, themeId }),
      on ? `Coded with ${theme}` : `${theme} removed`,
    );
  }

  function sentiment(s: Sentiment) {
    if (!answer) return;
    const next = answer.annotation.sentiment === s ? null : s;
    void act(
      () => call('analysis.annotate', { responseId: answer.responseId, questionId: question.id, sentiment: next }),
      next ? `Sentiment: ${SENTIMENT_LABELS[next]}` : 'Sentiment cleared',
    );
  }

  function complete() {
    if (!answer) return;
    const next = !answer.annotation.complete;
    void act(
      () => call('analysis.annotate', { responseId: answer.responseId, questionId: question.id, complete: next }),
      next ? 'Marked as coded' : 'No longer marked as coded',
    );
  }

  function quote() {
    if (!answer) return;
    const passage = selectionIn(textRef.current);
    void act(
      () =>
        call('analysis.markQuote', {
          responseId: answer.responseId,
          questionId: question.id,
          ...(passage ? { passage } : {}),
        }),
      passage ? 'Passage marked as a quote' : 'Answer marked as a quote',
    ).then(() => window.getSelection()?.removeAllRanges());
  }

  function saveMemo() {
    if (!answer || memo === answer.annotation.memo) return;
    void act(
      () => call('analysis.annotate', { responseId: answer.responseId, questionId: question.id, memo }),
      'Memo saved',
    );
  }

  function move(m: Move) {
    saveMemo();
    setStatus('');
    void load(m, answer?.responseId).then(() => region.current?.focus());
  }

  // The keys work as soon as the Coding tab is chosen: from the tab itself or the page, not only once
  // the answer card has been clicked (the arrow keys stay the tabs' own there).
  const keyHandler = useRef<(e: globalThis.KeyboardEvent) => void>(() => undefined);
  keyHandler.current = (e) => {
    if (e.defaultPrevented || !view?.answer) return;
    const at = document.activeElement;
    const onTab = at?.getAttribute('role') === 'tab';
    if (!(at === document.body || at === null || onTab)) return;
    if (onTab && (e.key === 'ArrowLeft' || e.key === 'ArrowRight' || e.key === 'Home' || e.key === 'End')) return;
    onKey(e);
  };
  useEffect(() => {
    const listener = (e: globalThis.KeyboardEvent) => keyHandler.current(e);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  function onKey(e: KeyboardEvent<HTMLDivElement> | globalThis.KeyboardEvent) {
    const target = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
    const k = e.key.toLowerCase();
    let handled = true;
    if (/^[1-9]$/.test(k)) {
      const t = numbered[Number(k) - 1];
      if (t) codeTheme(t.id);
    } else if (k === 'n' || e.key === 'ArrowRight') move(nextMove);
    else if (k === 'p' || e.key === 'ArrowLeft') move('previous');
    else if (k === 'm') memoRef.current?.focus();
    else if (k === 't') moreRef.current?.focus();
    else if (k === 'q') quote();
    else if (k === 'c') complete();
    else if (KEY_OF_SENTIMENT.has(k)) sentiment(KEY_OF_SENTIMENT.get(k)!);
    else handled = false;
    if (handled) e.preventDefault();
  }

  if (!view) return <p className="govuk-body">Loading the answers…</p>;
  const p = view.progress;
  return (
    <>
      <p className="govuk-body">
        <progress
          className="govuk-!-margin-right-2"
          max={Math.max(1, p.total)}
          value={p.coded}
          aria-label="Answers coded"
        />
        {n(p.coded)} of {n(p.total)} answers coded, {n(p.uncoded)} to go.
      </p>
      <div className="govuk-form-group govuk-!-margin-bottom-3">
        <label className="govuk-label govuk-label--s" htmlFor="queue-order">
          Next uncoded answer
        </label>
        <select
          id="queue-order"
          className="govuk-select"
          value={order}
          onChange={(e) => setOrder(e.target.value === 'informative' ? 'informative' : 'response')}
        >
          <option value="response">In response order</option>
          <option value="informative">The one the app would learn most from (after proposing codes)</option>
        </select>
      </div>
      <ErrorAlert message={error?.message} />
      <div role="status" aria-live="polite" className="govuk-body-s">
        {status}
      </div>
      {!answer ? (
        <div className="govuk-inset-text">
          {p.total === 0 ? NO_ANSWERS : ALL_CODED}{' '}
          {p.total > 0 ? (
            <button type="button" className="app-link-button" onClick={() => move('first')}>
              Go to the first answer
            </button>
          ) : null}
        </div>
      ) : (
        <div
          ref={region}
          className="app-analysis-queue"
          tabIndex={0}
          role="group"
          aria-label={`Coding queue: answer ${answer.position} of ${answer.total}`}
          aria-describedby="queue-keys"
          onKeyDown={onKey}
        >
          <p className="govuk-body-s govuk-!-margin-bottom-2">
            Answer {n(answer.position)} of {n(answer.total)} · response {answer.responseId}
            {answer.context.respondentType ? ` · ${answer.context.respondentType}` : ''}
            {answer.context.organisation ? ' · organisation' : ''}
            {answer.context.campaign ? ` · campaign: ${answer.context.campaign}` : ''}
          </p>
          {answer.choices.length ? <p className="govuk-body">Chose: {answer.choices.join('; ')}</p> : null}
          <p ref={textRef} className="app-analysis-answer" data-testid="answer-text">
            {markedText(answer)}
          </p>
          <h3 className="govuk-heading-s govuk-!-margin-bottom-2">Themes</h3>
          {themes.length === 0 ? (
            <p className="govuk-body">There are no themes for this question yet: add them on the Themes tab.</p>
          ) : null}
          <ul className="app-analysis-themes">
            {numbered.map((t, i) => (
              <li key={t.id}>
                <button
                  type="button"
                  className="app-analysis-theme-button"
                  aria-pressed={whole.has(t.id)}
                  aria-keyshortcuts={String(i + 1)}
                  onClick={() => codeTheme(t.id)}
                >
                  <kbd>{i + 1}</kbd>
                  {t.name}
                  {proposed.has(t.id) ? (
                    <span className="app-analysis-theme-proposal">{proposedText(t.id)}</span>
                  ) : null}
                </button>
              </li>
            ))}
          </ul>
          {themes.length > 9 ? (
            <div className="govuk-form-group app-button-group-inline">
              <label className="govuk-label" htmlFor="queue-more">
                <kbd>T</kbd> More themes
              </label>
              <select
                id="queue-more"
                ref={moreRef}
                className="govuk-select"
                value={more}
                onChange={(e) => setMore(e.target.value)}
              >
                <option value="">Choose a theme</option>
                {themes.slice(9).map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                    {whole.has(t.id) ? ' (applied)' : proposedText(t.id)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                disabled={!more}
                onClick={() => {
                  if (more) codeTheme(more);
                  region.current?.focus();
                }}
              >
                Apply or remove
              </button>
            </div>
          ) : null}
          {answer.codings.some((c) => c.passage) ? (
            <>
              <h3 className="govuk-heading-s govuk-!-margin-bottom-2">Coded passages</h3>
              <ul className="govuk-list">
                {answer.codings
                  .filter((c) => c.passage)
                  .map((c) => (
                    <li key={c.id}>
                      “{c.passage!.text}”: {name(c.themeId)}{' '}
                      <button
                        type="button"
                        className="app-link-button govuk-body-s"
                        onClick={() =>
                          void act(() => call('analysis.removeCoding', { codingId: c.id }), 'Passage coding removed')
                        }
                      >
                        Remove<span className="govuk-visually-hidden"> {name(c.themeId)} from this passage</span>
                      </button>
                    </li>
                  ))}
              </ul>
            </>
          ) : null}
          <h3 className="govuk-heading-s govuk-!-margin-bottom-2">Sentiment</h3>
          <ul className="app-analysis-themes">
            {SENTIMENTS.map((s) => (
              <li key={s}>
                <button
                  type="button"
                  className="app-analysis-theme-button"
                  aria-pressed={answer.annotation.sentiment === s}
                  aria-keyshortcuts={SENTIMENT_KEYS[s].toUpperCase()}
                  onClick={() => sentiment(s)}
                >
                  <kbd>{SENTIMENT_KEYS[s].toUpperCase()}</kbd>
                  {SENTIMENT_LABELS[s]}
                </button>
              </li>
            ))}
            <li>
              <button
                type="button"
                className="app-analysis-theme-button"
                aria-pressed={answer.annotation.complete}
                aria-keyshortcuts="C"
                onClick={complete}
              >
                <kbd>C</kbd>Coding complete
              </button>
            </li>
          </ul>
          <div className="govuk-form-group">
            <label className="govuk-label" htmlFor="queue-memo">
              <kbd>M</kbd> Memo
            </label>
            <div id="queue-memo-hint" className="govuk-hint">
              Saved when you leave the box. Press Escape to go back to coding.
            </div>
            <textarea
              id="queue-memo"
              ref={memoRef}
              className="govuk-textarea"
              rows={2}
              value={memo}
              aria-describedby="queue-memo-hint"
              onChange={(e) => setMemo(e.target.value)}
              onBlur={saveMemo}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  saveMemo();
                  region.current?.focus();
                }
              }}
            />
          </div>
          {answer.quotes.length ? (
            <>
              <h3 className="govuk-heading-s govuk-!-margin-bottom-2">Quotes from this answer</h3>
              <ul className="govuk-list">
                {answer.quotes.map((q) => (
                  <li key={q.id}>
                    “{q.text}”{' '}
                    <strong
                      className={`govuk-tag ${q.status === 'publishable' ? 'govuk-tag--green' : 'govuk-tag--red'}`}
                    >
                      {q.status === 'publishable' ? 'Can be published' : 'Internal use only'}
                    </strong>
                    <span className="govuk-visually-hidden">: {QUOTE_STATUS_TEXT[q.status]}</span>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          <div className="govuk-button-group">
            <button
              type="button"
              className="govuk-button govuk-button--secondary"
              aria-keyshortcuts="P ArrowLeft"
              onClick={() => move('previous')}
            >
              <kbd>P</kbd> Previous
            </button>
            <button
              type="button"
              className="govuk-button"
              aria-keyshortcuts="N ArrowRight"
              onClick={() => move(nextMove)}
            >
              <kbd>N</kbd> Next uncoded
            </button>
            <button type="button" className="govuk-button govuk-button--secondary" onClick={quote}>
              <kbd>Q</kbd> Mark as a quote
            </button>
          </div>
          <ul className="app-analysis-keys" id="queue-keys" aria-label="Keys">
            <li>
              <kbd>1</kbd>–<kbd>9</kbd> theme on or off (select words first to code just them)
            </li>
            <li>
              <kbd>N</kbd> or <kbd>→</kbd> next uncoded
            </li>
            <li>
              <kbd>P</kbd> or <kbd>←</kbd> previous
            </li>
            <li>
              <kbd>A</kbd> <kbd>D</kbd> <kbd>X</kbd> <kbd>U</kbd> sentiment
            </li>
            <li>
              <kbd>C</kbd> complete · <kbd>M</kbd> memo · <kbd>Q</kbd> quote{themes.length > 9 ? ' · ' : ''}
              {themes.length > 9 ? (
                <>
                  <kbd>T</kbd> more themes
                </>
              ) : null}
            </li>
          </ul>
        </div>
      )}
    </>
  );
}
