import { useEffect, useState } from 'react';
import { RadiosField } from '../../components/Fields';
import { useAnalysis } from './analysis-store';
import type { CampaignCounting } from '#shared/coding/types';

const n = (x: number) => x.toLocaleString('en-GB');

/** What is counted: responses, campaign responses in or out, and the small-number threshold for publication. */
export function SettingsBar() {
  const overview = useAnalysis((s) => s.overview)!;
  const [threshold, setThreshold] = useState(String(overview.settings.threshold));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setThreshold(String(overview.settings.threshold)), [overview.settings.threshold]);

  async function save(patch: { campaigns?: CampaignCounting; threshold?: number }) {
    setError(null);
    const r = await useAnalysis.getState().settings(patch);
    if (!r.ok) return setError(r.error.message);
  }

  function saveThreshold() {
    const v = Number(threshold);
    if (!Number.isInteger(v) || v < 1 || v > 1000) return setError('Enter a whole number from 1 to 1,000');
    if (v !== overview.settings.threshold) void save({ threshold: v });
  }

  return (
    <div className="app-analysis-settings">
      <p className="govuk-body govuk-!-margin-bottom-1">
        {n(overview.responses)} responses are counted
        {overview.duplicatesRemoved ? `; ${n(overview.duplicatesRemoved)} set aside as duplicates are not` : ''}.{' '}
        {overview.campaignResponses
          ? `${n(overview.campaignResponses)} of them are in confirmed campaigns, ` +
            (overview.settings.campaigns === 'excluded' ? 'counted separately.' : 'counted in.')
          : 'No campaigns have been confirmed.'}{' '}
        Smallest number published: {n(overview.settings.threshold)}.
      </p>
      {/* Folded away, so the coding and figures start near the top of a laptop screen (1366×768). */}
      <details className="govuk-details govuk-!-margin-bottom-3" open={error ? true : undefined}>
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">Change what is counted</span>
        </summary>
        <div className="govuk-details__text">
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <RadiosField
                name="analysis-campaigns"
                legend="Campaign responses in the figures"
                small
                value={overview.settings.campaigns}
                onChange={(v) => void save({ campaigns: v as CampaignCounting })}
                options={[
                  {
                    value: 'excluded',
                    label: 'Counted separately',
                    hint: 'Left out of each question’s figures and reported once, as the standard asks.',
                  },
                  { value: 'included', label: 'Counted in', hint: 'Each campaign response counts like any other.' },
                ]}
              />
            </div>
            <div className="govuk-grid-column-one-half">
              <div className={`govuk-form-group${error ? ' govuk-form-group--error' : ''}`}>
                <label className="govuk-label govuk-label--s" htmlFor="analysis-threshold">
                  Smallest number published
                </label>
                <div id="analysis-threshold-hint" className="govuk-hint">
                  In published documents, answers given by fewer people are combined as “Other (aggregated)” or shown as
                  [c]. You see the real numbers here.
                </div>
                {error ? (
                  <p id="analysis-threshold-error" className="govuk-error-message">
                    <span className="govuk-visually-hidden">Error:</span> {error}
                  </p>
                ) : null}
                <input
                  id="analysis-threshold"
                  className={`govuk-input govuk-input--width-4${error ? ' govuk-input--error' : ''}`}
                  inputMode="numeric"
                  value={threshold}
                  aria-describedby={`analysis-threshold-hint${error ? ' analysis-threshold-error' : ''}`}
                  onChange={(e) => setThreshold(e.target.value)}
                  onBlur={saveThreshold}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') saveThreshold();
                  }}
                />
              </div>
            </div>
          </div>
        </div>
      </details>
    </div>
  );
}
