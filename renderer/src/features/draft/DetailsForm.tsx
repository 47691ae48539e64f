import { useDraft } from './draft-store';
import { TextField } from '../../components/TextField';
import { TextArea, CheckboxField, RadiosField } from '../../components/Fields';
import { BankHolidaysField } from './BankHolidaysField';
import { DateField, writtenDate } from './DateField';
import { DateTimeField } from './DateTimeField';
import { PeriodsEditor } from './PeriodsEditor';
import { TERRITORIAL_EXTENTS, TERRITORIAL_LABELS, type DraftMetadata } from '#shared/domain/draft/model';
import { londonParts } from '#shared/domain/govuk-dates';
import { ENGLAND_AND_WALES_BANK_HOLIDAYS } from '#shared/domain/calendar/index';

const count = (s: string, max: number) => {
  const left = max - s.length;
  return left >= 0 ? `${left} characters remaining` : `${-left} characters too many`;
};

/** Closing date plus 12 weeks, as YYYY-MM-DD: when the government response is due. */
export function responseDue(closesAt: string | null): string | null {
  if (!closesAt) return null;
  const p = londonParts(new Date(closesAt));
  const d = new Date(Date.UTC(p.year, p.month - 1, p.day + 84));
  return d.toISOString().slice(0, 10);
}

export function DetailsForm() {
  const m = useDraft((s) => s.draft?.metadata);
  const update = useDraft((s) => s.updateMetadata);
  if (!m) return null;
  const set = <K extends keyof DraftMetadata>(k: K, v: DraftMetadata[K]) =>
    update({ [k]: v } as Partial<DraftMetadata>);
  const weeks = m.opensAt && m.closesAt ? (Date.parse(m.closesAt) - Date.parse(m.opensAt)) / (7 * 86_400_000) : null;
  const due = responseDue(m.closesAt);

  return (
    <>
      <h2 className="govuk-heading-l" id="details-heading" tabIndex={-1}>
        About this consultation
      </h2>
      <p className="govuk-body">
        These details make the cover, the “About this consultation” box and the dates in the document. Changes are saved
        as you type.
      </p>

      <h3 className="govuk-heading-m">Title and summary</h3>
      <TextField
        id="meta-title"
        label="Title"
        hint={`As it will appear on GOV.UK: 65 characters or fewer, no full stop. ${count(m.title, 65)}.`}
        value={m.title}
        onChange={(e) => set('title', e.target.value)}
      />
      <TextArea
        id="meta-summary"
        label="Summary"
        hint={`One or two sentences for GOV.UK: 160 characters or fewer. ${count(m.summary, 160)}.`}
        value={m.summary}
        rows={3}
        onChange={(e) => set('summary', e.target.value)}
      />
      <TextField
        id="meta-department"
        label="Department"
        value={m.department}
        onChange={(e) => set('department', e.target.value)}
      />
      <TextField
        id="meta-lead-team"
        label="Lead team"
        value={m.leadTeam}
        onChange={(e) => set('leadTeam', e.target.value)}
      />

      <h3 className="govuk-heading-m">Who it is for and where it applies</h3>
      <TextArea
        id="meta-audience"
        label="To (who the consultation is for)"
        hint="Everyone affected: people, businesses, voluntary bodies and the groups that represent them."
        value={m.audience}
        onChange={(e) => set('audience', e.target.value)}
      />
      <RadiosField
        name="meta-extent"
        legend="Territorial extent"
        small
        value={m.territorialExtent ?? ''}
        options={TERRITORIAL_EXTENTS.map((t) => ({ value: t, label: TERRITORIAL_LABELS[t] }))}
        onChange={(v) => set('territorialExtent', v as DraftMetadata['territorialExtent'])}
      />
      <TextField
        id="meta-extent-note"
        label="Territorial extent: further detail (optional)"
        value={m.territorialNote}
        onChange={(e) => set('territorialNote', e.target.value)}
      />

      <h3 className="govuk-heading-m">Dates</h3>
      <DateTimeField
        id="meta-opens"
        legend="Opens"
        value={m.opensAt}
        defaultTime="09:00"
        onChange={(v) => set('opensAt', v)}
      />
      <DateTimeField
        id="meta-closes"
        legend="Closes"
        hint="Use 11:59pm rather than midnight."
        value={m.closesAt}
        defaultTime="23:59"
        onChange={(v) => {
          const patch: Partial<DraftMetadata> = { closesAt: v };
          if (!m.responsePaper.dueDate && v) patch.responsePaper = { ...m.responsePaper, dueDate: responseDue(v) };
          update(patch);
        }}
      />
      {weeks !== null ? <p className="govuk-body">It runs for {Math.round(weeks * 10) / 10} weeks.</p> : null}
      <TextArea
        id="meta-duration-why"
        label="If it runs for less than 12 weeks, why?"
        hint="The reason is recorded and given in the executive summary. It silences the duration warning."
        value={m.durationJustification}
        onChange={(e) => set('durationJustification', e.target.value)}
      />

      <h3 className="govuk-heading-m">Contact and how to respond</h3>
      <TextField
        id="meta-enq-email"
        label="Enquiries: email"
        value={m.enquiries.email}
        onChange={(e) => set('enquiries', { ...m.enquiries, email: e.target.value })}
      />
      <TextField
        id="meta-enq-phone"
        label="Enquiries: telephone"
        value={m.enquiries.phone}
        onChange={(e) => set('enquiries', { ...m.enquiries, phone: e.target.value })}
      />
      <TextArea
        id="meta-enq-address"
        label="Enquiries: postal address"
        rows={3}
        value={m.enquiries.address}
        onChange={(e) => set('enquiries', { ...m.enquiries, address: e.target.value })}
      />
      <TextArea
        id="meta-enq-formats"
        label="Alternative formats"
        hint="For example: ask for a paper copy, large print, Easy Read, audio or Braille version."
        rows={2}
        value={m.enquiries.alternativeFormats}
        onChange={(e) => set('enquiries', { ...m.enquiries, alternativeFormats: e.target.value })}
      />
      <TextField
        id="meta-respond-online"
        label="Respond online: web address"
        value={m.waysToRespond.onlineUrl}
        onChange={(e) => set('waysToRespond', { ...m.waysToRespond, onlineUrl: e.target.value })}
      />
      <TextField
        id="meta-respond-email"
        label="Respond by email: address"
        value={m.waysToRespond.email}
        onChange={(e) => set('waysToRespond', { ...m.waysToRespond, email: e.target.value })}
      />
      <TextArea
        id="meta-respond-post"
        label="Respond by post: address"
        rows={3}
        value={m.waysToRespond.postalAddress}
        onChange={(e) => set('waysToRespond', { ...m.waysToRespond, postalAddress: e.target.value })}
      />
      <CheckboxField
        id="meta-respond-form"
        label="Offer a response form (Word and Excel)"
        checked={m.waysToRespond.responseForm}
        onChange={(v) => set('waysToRespond', { ...m.waysToRespond, responseForm: v })}
      />
      <TextArea
        id="meta-additional"
        label="Additional ways to take part (optional)"
        hint="Events, online discussions, meetings."
        value={m.additionalWays}
        onChange={(e) => set('additionalWays', e.target.value)}
      />

      <h3 className="govuk-heading-m">Response paper and impacts</h3>
      <DateField
        id="meta-due"
        legend="Government response due by"
        hint={`Within 12 weeks of the closing date${due ? ` (that is ${writtenDate(due)})` : ''}.`}
        value={m.responsePaper.dueDate}
        onChange={(d) => set('responsePaper', { ...m.responsePaper, dueDate: d })}
      />
      {due && m.responsePaper.dueDate !== due ? (
        <p className="govuk-body">
          <button
            type="button"
            className="app-link-button"
            onClick={() => set('responsePaper', { ...m.responsePaper, dueDate: due })}
          >
            Use 12 weeks after closing
          </button>
        </p>
      ) : null}
      <TextField
        id="meta-paper-url"
        label="Where the response will be published (web address, optional)"
        value={m.responsePaper.url}
        onChange={(e) => set('responsePaper', { ...m.responsePaper, url: e.target.value })}
      />
      <RadiosField
        name="meta-ia"
        legend="Impact assessment"
        small
        value={m.impactAssessment.status}
        options={[
          { value: 'attached', label: 'Published alongside the consultation' },
          { value: 'to-follow', label: 'To follow' },
          { value: 'not-needed', label: 'Not needed (give the reason below)' },
          { value: 'unknown', label: 'Not decided yet' },
        ]}
        onChange={(v) =>
          set('impactAssessment', { ...m.impactAssessment, status: v as DraftMetadata['impactAssessment']['status'] })
        }
      />
      <TextArea
        id="meta-ia-note"
        label="Impact assessment: what to say"
        rows={2}
        value={m.impactAssessment.note}
        onChange={(e) => set('impactAssessment', { ...m.impactAssessment, note: e.target.value })}
      />
      <RadiosField
        name="meta-legal"
        legend="Is there a legal duty to consult?"
        hint="Ask your lawyers (Consultation Principles, principle B)."
        small
        value={m.legalDutyToConsult}
        options={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
          { value: 'unknown', label: 'Not known yet' },
        ]}
        onChange={(v) => set('legalDutyToConsult', v as DraftMetadata['legalDutyToConsult'])}
      />
      <TextArea
        id="meta-open"
        label="What is still open to influence"
        hint="Consult at a formative stage: say what can still change."
        value={m.openToInfluence}
        onChange={(e) => set('openToInfluence', e.target.value)}
      />
      <TextArea
        id="meta-compliance"
        label="Compliance with the Consultation Principles"
        rows={2}
        value={m.complianceStatement}
        onChange={(e) => set('complianceStatement', e.target.value)}
      />
      <CheckboxField
        id="meta-welsh"
        label="A Welsh version is available"
        checked={m.welshVersion}
        onChange={(v) => set('welshVersion', v)}
      />
      <CheckboxField
        id="meta-easy-read"
        label="An Easy Read version is available"
        checked={m.easyReadVersion}
        onChange={(v) => set('easyReadVersion', v)}
      />

      <h3 className="govuk-heading-m">Dates to avoid</h3>
      <PeriodsEditor
        id="meta-elections"
        legend="Pre-election periods"
        hint={
          'Consultations should not be launched during a local or national election period. ' +
          'Add the periods you know of.'
        }
        periods={m.electionPeriods}
        onChange={(p) => set('electionPeriods', p)}
      />
      <CheckboxField
        id="meta-custom-holidays"
        label="Use my own list of holiday periods"
        hint="Otherwise the standard list is used: Christmas to New Year, Easter and August."
        checked={m.holidayPeriods !== null}
        onChange={(v) => set('holidayPeriods', v ? [] : null)}
      />
      {m.holidayPeriods !== null ? (
        <PeriodsEditor
          id="meta-holidays"
          legend="Holiday periods"
          hint="Closing or running through these periods is flagged."
          periods={m.holidayPeriods}
          onChange={(p) => set('holidayPeriods', p)}
        />
      ) : null}
      <CheckboxField
        id="meta-bank-holidays-custom"
        label="Use my own list of bank holidays"
        hint={
          'Otherwise the England and Wales bank holidays for 2024 to 2030 are used. ' +
          'Add any extra ones announced later.'
        }
        checked={m.bankHolidays !== null}
        onChange={(v) => set('bankHolidays', v ? ENGLAND_AND_WALES_BANK_HOLIDAYS.map((b) => b.date) : null)}
      />
      {m.bankHolidays !== null ? (
        <BankHolidaysField dates={m.bankHolidays} onChange={(d) => set('bankHolidays', d)} />
      ) : null}
    </>
  );
}
