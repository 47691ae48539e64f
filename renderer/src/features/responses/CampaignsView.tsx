import { useCallback, useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { call } from '../../lib/api';
import { TextField } from '../../components/TextField';
import { ErrorSummary } from '../../components/ErrorSummary';
import type { CampaignMemberView, CampaignView } from '#shared/domain/responses/store';
import { useResponses } from './responses-store';
import { useJob } from '../shared/useJob';
import { JobProgress } from '../shared/JobProgress';
import { plural } from './labels';
import { whenText } from '../shared/format';
import { Table, Row, Cell } from '../../components/Table';

const STATUS_TAGS: Record<CampaignView['status'], [string, string]> = {
  proposed: ['To check', 'govuk-tag--yellow'],
  confirmed: ['Confirmed', 'govuk-tag--green'],
  rejected: ['Not a campaign', 'govuk-tag--grey'],
};

/**
 * Campaigns: many respondents sending near-identical text. Detection runs with the similarity the
 * official chooses; each group shows its template once and each member's own words, and is
 * confirmed, split (members taken out) or rejected.
 */
export function CampaignsView() {
  const { summary, revision } = useResponses(useShallow((s) => ({ summary: s.summary, revision: s.revision })));
  const [campaigns, setCampaigns] = useState<CampaignView[] | null>(null);
  const [open, setOpen] = useState<number | null>(null);
  const [threshold, setThreshold] = useState(String(summary?.lastDetection?.threshold ?? 0.5));
  const [error, setError] = useState<string | null>(null);
  const job = useJob();

  const load = useCallback(async () => {
    const r = await call('responses.campaigns', {});
    if (r.ok) setCampaigns(r.value);
  }, []);
  useEffect(() => {
    void load();
  }, [load, revision]);

  async function detect() {
    const t = Number(threshold);
    if (!Number.isFinite(t) || t < 0.2 || t > 1) return setError('Enter a similarity from 0.2 to 1, for example 0.5');
    setError(null);
    const r = await job.run('responses.detect', { threshold: t }, 'Looking for campaigns and duplicates');
    if (!r.ok) return r.error.code === 'cancelled' ? undefined : setError(r.error.message);
    useResponses.getState().changed();
  }

  const shown = campaigns?.find((c) => c.id === open) ?? null;
  return (
    <section aria-labelledby="campaigns-heading">
      <h2 className="govuk-heading-m" id="campaigns-heading">
        Campaigns
      </h2>
      {error ? <ErrorSummary errors={[{ field: 'campaign-threshold', message: error }]} /> : null}
      <div className="app-dialog">
        <TextField
          id="campaign-threshold"
          label="How alike answers must be to count as one campaign"
          hint={
            'A number from 0.2 to 1. At 0.5, two answers count as one campaign when half the words of the shorter ' +
            'one are in the other, which finds campaign letters with people’s own words added; 0.9 finds only ' +
            'near-copies.'
          }
          inputMode="decimal"
          widthClass="govuk-input--width-4"
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          error={error}
        />
        {job.progress ? (
          <JobProgress progress={job.progress} label="Looking for campaigns and duplicates" onCancel={job.cancel} />
        ) : (
          <button type="button" className="govuk-button govuk-!-margin-bottom-0" onClick={() => void detect()}>
            Look for campaigns and duplicates
          </button>
        )}
        {summary?.lastDetection ? (
          <p className="govuk-body-s govuk-!-margin-top-2">
            Last looked {whenText(summary.lastDetection.at)}, at {summary.lastDetection.threshold}. Your decisions are
            kept when you look again.
          </p>
        ) : null}
      </div>
      {campaigns === null ? (
        <p className="govuk-body">Loading…</p>
      ) : campaigns.length === 0 ? (
        <p className="govuk-body">No campaigns found.</p>
      ) : null}
      {campaigns?.length ? (
        <Table
          caption={<>{plural(campaigns.length, 'campaign')}, the ones to check first</>}
          columns={[
            { label: 'Campaign' },
            { label: 'Question' },
            { label: 'Respondents', numeric: true },
            { label: 'Status' },
          ]}
        >
          {campaigns.map((c) => (
            <Row key={c.id}>
              <Cell>
                <button type="button" className="app-link-button" onClick={() => setOpen(c.id)}>
                  {c.label || `Campaign ${c.id}`}
                </button>
                <br />
                <span className="govuk-body-s app-clip-2">{c.template.slice(0, 160)}</span>
              </Cell>
              <Cell>{c.questionNumber ? `Question ${c.questionNumber}` : c.questionText}</Cell>
              <Cell numeric>{c.size.toLocaleString('en-GB')}</Cell>
              <Cell>
                <strong className={`govuk-tag ${STATUS_TAGS[c.status][1]}`}>{STATUS_TAGS[c.status][0]}</strong>
              </Cell>
            </Row>
          ))}
        </Table>
      ) : null}
      {shown ? <CampaignDetail key={shown.id} campaign={shown} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}

const MEMBERS_PAGE = 50;

function CampaignDetail({ campaign, onClose }: { campaign: CampaignView; onClose: () => void }) {
  const revision = useResponses((s) => s.revision);
  const [members, setMembers] = useState<CampaignMemberView[]>([]);
  const [total, setTotal] = useState(0);
  const [offset, setOffset] = useState(0);
  const [withAdditions, setWithAdditions] = useState(false);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  const [label, setLabel] = useState(campaign.label);
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  // Opening a campaign moves focus (and the view) to it.
  useEffect(() => heading.current?.focus(), []);

  const load = useCallback(async () => {
    const r = await call('responses.campaignMembers', {
      id: campaign.id,
      offset,
      limit: MEMBERS_PAGE,
      withAdditionsOnly: withAdditions,
    });
    if (!r.ok) return setError(r.error.message);
    setMembers(r.value.members);
    setTotal(r.value.total);
  }, [campaign.id, offset, withAdditions]);
  // A decision or a split moves the store's revision on: the members and the list are read again.
  useEffect(() => {
    void load();
  }, [load, revision]);

  async function decide(decision: 'confirm' | 'reject' | 'reopen') {
    const named = label.trim() ? { label: label.trim() } : {};
    const r = await useResponses.getState().decideCampaign({ id: campaign.id, decision, ...named });
    if (!r.ok) return setError(r.error.message);
  }
  async function split(restore: boolean) {
    if (!selected.size) return setError('Choose the respondents first');
    const r = await useResponses.getState().splitCampaign({ id: campaign.id, responseIds: [...selected], restore });
    if (!r.ok) return setError(r.error.message);
    setSelected(new Set());
  }

  return (
    <section className="app-dialog" aria-labelledby="campaign-detail-heading">
      <div className="app-detail__top">
        <h3 className="govuk-heading-m" id="campaign-detail-heading" tabIndex={-1} ref={heading}>
          {campaign.label || `Campaign ${campaign.id}`}
        </h3>
        <button
          type="button"
          className="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
          onClick={onClose}
        >
          Close<span className="govuk-visually-hidden"> the campaign</span>
        </button>
      </div>
      {error ? <ErrorSummary errors={[{ message: error }]} /> : null}
      <p className="govuk-body">
        {plural(campaign.size, 'respondent')} answered{' '}
        {campaign.questionNumber ? `question ${campaign.questionNumber}` : campaign.questionText} with this text;{' '}
        {plural(campaign.identicalCount, 'copy', 'copies')} word for word and{' '}
        {plural(campaign.withAdditions, 'respondent')} with words of their own. Least alike:{' '}
        {Math.round(campaign.similarity.min * 100)}%.
      </p>
      <h4 className="govuk-heading-s">The text they sent</h4>
      <blockquote className="app-template app-pre">{campaign.template}</blockquote>
      <TextField
        id="campaign-label"
        label="Name for this campaign (optional)"
        hint="For example, the organisation that ran it"
        value={label}
        onChange={(e) => setLabel(e.target.value)}
      />
      <div className="govuk-button-group">
        {campaign.status !== 'confirmed' ? (
          <button type="button" className="govuk-button" onClick={() => void decide('confirm')}>
            Confirm the campaign
          </button>
        ) : null}
        {campaign.status !== 'rejected' ? (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void decide('reject')}>
            Not a campaign
          </button>
        ) : null}
        {campaign.status !== 'proposed' ? (
          <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void decide('reopen')}>
            Undo the decision
          </button>
        ) : null}
      </div>
      <h4 className="govuk-heading-s">Respondents and their own words</h4>
      <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-4">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id="campaign-with-additions"
            type="checkbox"
            checked={withAdditions}
            onChange={(e) => (setOffset(0), setWithAdditions(e.target.checked))}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor="campaign-with-additions">
            Only those who added words of their own
          </label>
        </div>
      </div>
      <Table
        caption={
          total
            ? `${offset + 1} to ${Math.min(offset + MEMBERS_PAGE, total)} of ${total.toLocaleString('en-GB')}`
            : 'None'
        }
        columns={[{ label: 'Select', hidden: true }, { label: 'Respondent' }, { label: 'Their own words' }]}
      >
        {members.map((m) => (
          <Row key={m.responseId}>
            <Cell>
              <div className="govuk-checkboxes govuk-checkboxes--small">
                <div className="govuk-checkboxes__item">
                  <input
                    className="govuk-checkboxes__input"
                    id={`member-${m.responseId}`}
                    type="checkbox"
                    checked={selected.has(m.responseId)}
                    onChange={(e) => {
                      const next = new Set(selected);
                      if (e.target.checked) next.add(m.responseId);
                      else next.delete(m.responseId);
                      setSelected(next);
                    }}
                  />
                  <label className="govuk-label govuk-checkboxes__label" htmlFor={`member-${m.responseId}`}>
                    <span className="govuk-visually-hidden">Select response </span>
                    {m.responseId}
                  </label>
                </div>
              </div>
            </Cell>
            <Cell>
              {m.name ?? 'No name given'}
              {m.organisation ? `, ${m.organisation}` : ''}
              {m.removed ? (
                <>
                  {' '}
                  <strong className="govuk-tag govuk-tag--grey">Taken out</strong>
                </>
              ) : null}
            </Cell>
            <Cell className="app-pre">{m.addition || <span className="govuk-hint">Only the campaign text</span>}</Cell>
          </Row>
        ))}
      </Table>
      <div className="govuk-button-group">
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={offset === 0}
          onClick={() => setOffset(Math.max(0, offset - MEMBERS_PAGE))}
        >
          Previous
        </button>
        <button
          type="button"
          className="govuk-button govuk-button--secondary"
          disabled={offset + MEMBERS_PAGE >= total}
          onClick={() => setOffset(offset + MEMBERS_PAGE)}
        >
          Next
        </button>
        <button type="button" className="govuk-button govuk-button--warning" onClick={() => void split(false)}>
          Take the selected out of the campaign
        </button>
        <button type="button" className="govuk-button govuk-button--secondary" onClick={() => void split(true)}>
          Put the selected back
        </button>
      </div>
    </section>
  );
}
