import { useEffect, useState } from 'react';
import { call } from '../../lib/api';
import { TextBox } from './QuestionResponsePanel';
import type { ResponseTextSection, ResponseTexts } from '#shared/coding/types';

const SECTIONS: Array<{ section: ResponseTextSection; label: string; hint: string; rows: number }> = [
  {
    section: 'introduction',
    label: 'Introduction',
    hint: 'Added after the standard opening (dates, how people could respond, the number of responses).',
    rows: 6,
  },
  {
    section: 'method',
    label: 'How the responses were analysed',
    hint: 'How the code frame was made and checked. Left blank, the standard wording is used.',
    rows: 4,
  },
  {
    section: 'other-themes',
    label: 'Other themes raised',
    hint:
      'Themes no question asked about. Themes coded in emails and letters not about one question are listed ' +
      'with their counts.',
    rows: 6,
  },
  { section: 'next-steps', label: 'Next steps', hint: 'What the government will do now, and when.', rows: 6 },
  {
    section: 'issues',
    label: 'Issues for the minister',
    hint: 'For the two-page briefing: one issue a line.',
    rows: 5,
  },
];

/** The sections of the government response that are not about one question, saved as typed. */
export function SectionsPanel() {
  const [texts, setTexts] = useState<ResponseTexts | null>(null);
  useEffect(() => {
    void call('analysis.texts', {}).then((r) => r.ok && setTexts(r.value));
  }, []);
  return (
    <section aria-labelledby="sections-title">
      <h2 className="govuk-heading-m" id="sections-title">
        The whole response
      </h2>
      <p className="govuk-body">These go into the government response and the briefing on the Outputs page.</p>
      {texts ? (
        SECTIONS.map((s) => (
          <TextBox
            key={s.section}
            id={`section-${s.section}`}
            label={s.label}
            hint={s.hint}
            rows={s.rows}
            initial={texts.sections[s.section].text}
            save={(text) => call('analysis.saveText', { kind: 'section', section: s.section, text })}
          />
        ))
      ) : (
        <p className="govuk-body">Loading…</p>
      )}
    </section>
  );
}
