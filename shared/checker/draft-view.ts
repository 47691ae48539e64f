import type {
  AboutYouField,
  CheckerSettings,
  Draft,
  DraftMetadata,
  PrivacyNotice,
  Question,
  Section,
} from '../domain/draft/model';

/**
 * The draft as the rules read it: every field present with the right kind of value. The checker
 * runs on whatever the editor holds at the moment (not only drafts that passed the zod schema), so
 * a missing array or a null string must read as empty rather than throw.
 */
export interface DraftView {
  metadata: DraftMetadata;
  sections: Section[];
  questions: Question[];
  aboutYou: AboutYouField[];
  privacyNotice: PrivacyNotice;
  checker: CheckerSettings;
  dismissed: Draft['dismissed'];
}

export const DEFAULT_SETTINGS: CheckerSettings = {
  maxGrade: 9,
  minReadingEase: 50,
  maxSentenceWords: 25,
  maxQuestions: 25,
};

export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const arr = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);

export function viewDraft(draft: Draft): DraftView {
  const d = obj(draft);
  const m = obj(d['metadata']);
  const enq = obj(m['enquiries']);
  const ways = obj(m['waysToRespond']);
  const paper = obj(m['responsePaper']);
  const ia = obj(m['impactAssessment']);
  const p = obj(d['privacyNotice']);
  const c = obj(d['checker']);
  const metadata: DraftMetadata = {
    title: str(m['title']),
    summary: str(m['summary']),
    department: str(m['department']),
    leadTeam: str(m['leadTeam']),
    audience: str(m['audience']),
    territorialExtent: (typeof m['territorialExtent'] === 'string'
      ? m['territorialExtent']
      : null) as DraftMetadata['territorialExtent'],
    territorialNote: str(m['territorialNote']),
    opensAt: typeof m['opensAt'] === 'string' ? m['opensAt'] : null,
    closesAt: typeof m['closesAt'] === 'string' ? m['closesAt'] : null,
    enquiries: {
      email: str(enq['email']),
      phone: str(enq['phone']),
      address: str(enq['address']),
      alternativeFormats: str(enq['alternativeFormats']),
    },
    waysToRespond: {
      onlineUrl: str(ways['onlineUrl']),
      email: str(ways['email']),
      postalAddress: str(ways['postalAddress']),
      responseForm: ways['responseForm'] === true,
    },
    additionalWays: str(m['additionalWays']),
    responsePaper: { dueDate: typeof paper['dueDate'] === 'string' ? paper['dueDate'] : null, url: str(paper['url']) },
    impactAssessment: {
      status: (str(ia['status']) || 'unknown') as DraftMetadata['impactAssessment']['status'],
      note: str(ia['note']),
    },
    legalDutyToConsult: (str(m['legalDutyToConsult']) || 'unknown') as DraftMetadata['legalDutyToConsult'],
    openToInfluence: str(m['openToInfluence']),
    complianceStatement: str(m['complianceStatement']),
    welshVersion: m['welshVersion'] === true,
    easyReadVersion: m['easyReadVersion'] === true,
    durationJustification: str(m['durationJustification']),
    electionPeriods: arr<Record<string, unknown>>(m['electionPeriods']).map((x) => ({
      label: str(obj(x)['label']),
      start: str(obj(x)['start']),
      end: str(obj(x)['end']),
    })),
    holidayPeriods: Array.isArray(m['holidayPeriods'])
      ? arr<Record<string, unknown>>(m['holidayPeriods']).map((x) => ({
          label: str(obj(x)['label']),
          start: str(obj(x)['start']),
          end: str(obj(x)['end']),
        }))
      : null,
    bankHolidays: Array.isArray(m['bankHolidays']) ? arr<unknown>(m['bankHolidays']).map(str) : null,
  };
  const sections = arr<Record<string, unknown>>(d['sections']).map((s0) => {
    const s = obj(s0);
    const body = obj(s['body']);
    return {
      id: str(s['id']),
      kind: str(s['kind']) as Section['kind'],
      title: str(s['title']),
      body: { type: 'doc' as const, content: arr<Section['body']['content'][number]>(body['content']) },
      guidance: str(s['guidance']),
    };
  });
  const questions = arr<Record<string, unknown>>(d['questions']).map((q0) => {
    const q = obj(q0);
    return {
      id: str(q['id']),
      sectionId: str(q['sectionId']),
      type: str(q['type']) as Question['type'],
      text: str(q['text']),
      hint: str(q['hint']),
      options: arr<Record<string, unknown>>(q['options']).map((o) => ({
        id: str(obj(o)['id']),
        label: str(obj(o)['label']),
      })),
      allowOther: q['allowOther'] === true,
      explain: q['explain'] === true,
      wordLimit: typeof q['wordLimit'] === 'number' ? q['wordLimit'] : null,
      continues: q['continues'] === true,
    };
  });
  const aboutYou = arr<Record<string, unknown>>(d['aboutYou']).map((f0) => {
    const f = obj(f0);
    return {
      key: str(f['key']) as AboutYouField['key'],
      label: str(f['label']),
      enabled: f['enabled'] === true,
      options: arr<unknown>(f['options']).map(str),
      hint: str(f['hint']),
    };
  });
  const privacyNotice: PrivacyNotice = {
    controller: str(p['controller']),
    dpoContact: str(p['dpoContact']),
    purpose: str(p['purpose']),
    dataCollected: str(p['dataCollected']),
    lawfulBasis: str(p['lawfulBasis']),
    specialCategory: str(p['specialCategory']),
    recipients: str(p['recipients']),
    retention: str(p['retention']),
    rights: str(p['rights']),
    internationalTransfers: str(p['internationalTransfers']),
    automatedDecisions: str(p['automatedDecisions']),
    aiUse: str(p['aiUse']),
  };
  const checker: CheckerSettings = {
    maxGrade: num(c['maxGrade'], DEFAULT_SETTINGS.maxGrade),
    minReadingEase: num(c['minReadingEase'], DEFAULT_SETTINGS.minReadingEase),
    maxSentenceWords: num(c['maxSentenceWords'], DEFAULT_SETTINGS.maxSentenceWords),
    maxQuestions: num(c['maxQuestions'], DEFAULT_SETTINGS.maxQuestions),
  };
  const dismissed = arr<Record<string, unknown>>(d['dismissed'])
    .map((x) => obj(x))
    .map((x) => ({ key: str(x['key']), reason: str(x['reason']), at: str(x['at']), by: str(x['by']) }))
    .filter((x) => x.key);
  return { metadata, sections, questions, aboutYou, privacyNotice, checker, dismissed };
}
