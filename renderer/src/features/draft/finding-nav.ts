import type { FindingLocation } from '#shared/checker/types';
import { useDraft } from './draft-store';

/** Where each metadata field lives on the "About this consultation" form. */
const META_FIELD_IDS: Record<string, string> = {
  title: 'meta-title',
  summary: 'meta-summary',
  department: 'meta-department',
  leadTeam: 'meta-lead-team',
  audience: 'meta-audience',
  territorialExtent: 'meta-extent-england',
  territorialNote: 'meta-extent-note',
  opensAt: 'meta-opens-day',
  closesAt: 'meta-closes-day',
  durationJustification: 'meta-duration-why',
  enquiries: 'meta-enq-email',
  'enquiries.email': 'meta-enq-email',
  'enquiries.phone': 'meta-enq-phone',
  'enquiries.address': 'meta-enq-address',
  'enquiries.alternativeFormats': 'meta-enq-formats',
  waysToRespond: 'meta-respond-online',
  'waysToRespond.onlineUrl': 'meta-respond-online',
  'waysToRespond.email': 'meta-respond-email',
  'waysToRespond.postalAddress': 'meta-respond-post',
  'waysToRespond.responseForm': 'meta-respond-form',
  additionalWays: 'meta-additional',
  responsePaper: 'meta-due',
  'responsePaper.dueDate': 'meta-due',
  'responsePaper.url': 'meta-paper-url',
  impactAssessment: 'meta-ia-attached',
  'impactAssessment.status': 'meta-ia-attached',
  'impactAssessment.note': 'meta-ia-note',
  legalDutyToConsult: 'meta-legal-yes',
  openToInfluence: 'meta-open',
  complianceStatement: 'meta-compliance',
  welshVersion: 'meta-welsh',
  easyReadVersion: 'meta-easy-read',
  electionPeriods: 'meta-elections-add',
  holidayPeriods: 'meta-custom-holidays',
  bankHolidays: 'meta-bank-holidays',
};

const QUESTION_FIELD_IDS: Record<string, string> = {
  text: 'question-text',
  hint: 'question-hint',
  type: 'question-type',
};

function focusSoon(find: () => HTMLElement | null | undefined): void {
  let tries = 0;
  const attempt = () => {
    const el = find();
    if (el) {
      el.scrollIntoView({ block: 'center' });
      (el.matches('input, textarea, select, button, [contenteditable], [tabindex]')
        ? el
        : (el.closest<HTMLElement>('[contenteditable]') ?? el)
      ).focus({ preventScroll: true });
      return;
    }
    if (tries++ < 20) requestAnimationFrame(attempt);
  };
  requestAnimationFrame(attempt);
}

/**
 * Put the cursor in the section editor and select the paragraph the finding is about. The
 * editor (ProseMirror) follows the browser's selection, so the words are highlighted as selected
 * text and typing replaces them.
 */
function selectBlockSoon(top: number | undefined): void {
  let tries = 0;
  const attempt = () => {
    const editor = document.querySelector<HTMLElement>('.app-editor__content');
    if (!editor) {
      if (tries++ < 20) requestAnimationFrame(attempt);
      return;
    }
    const block = top === undefined ? null : (editor.children[top] as HTMLElement | undefined);
    editor.focus({ preventScroll: true });
    if (block) {
      window.getSelection()?.selectAllChildren(block);
      block.scrollIntoView({ block: 'center' });
    } else editor.scrollIntoView({ block: 'start' });
  };
  requestAnimationFrame(attempt);
}

/** Take the user to the place a finding is about: select it in the outline and focus the field. */
export function goToFinding(loc: FindingLocation): void {
  const { select } = useDraft.getState();
  switch (loc.kind) {
    case 'draft':
      select({ kind: 'details' });
      focusSoon(() => document.getElementById('details-heading'));
      return;
    case 'metadata':
      select({ kind: 'details' });
      focusSoon(() =>
        document.getElementById(
          META_FIELD_IDS[loc.field] ?? META_FIELD_IDS[loc.field.split('.')[0]!] ?? 'details-heading',
        ),
      );
      return;
    case 'section':
      select({ kind: 'section', id: loc.sectionId });
      selectBlockSoon(loc.blockPath?.[0]);
      return;
    case 'question':
      select({ kind: 'question', id: loc.questionId });
      focusSoon(() =>
        loc.field === 'options'
          ? document.querySelector<HTMLElement>('.app-options-list input')
          : loc.field === 'type'
            ? document.querySelector<HTMLElement>('input[name="question-type"]:checked')
            : document.getElementById(QUESTION_FIELD_IDS[loc.field ?? 'text'] ?? 'question-text'),
      );
      return;
    case 'aboutYou':
      select({ kind: 'about-you' });
      focusSoon(() => document.getElementById(`ay-${loc.key}-label`) ?? document.getElementById(`ay-${loc.key}-on`));
      return;
    case 'privacy':
      select({ kind: 'privacy' });
      focusSoon(() => document.getElementById(`privacy-${loc.field}`));
      return;
  }
}
