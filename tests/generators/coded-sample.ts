/**
 * Answers to one open question about two things — what it costs, and getting a signal or connection — for the
 * assisted-coding tests (unit and e2e): each answer's kind is known, so the model's proposals can be checked.
 * 36 of each, alternating, varied by a closing phrase so no two answers are the same text.
 */
export type SampleKind = 'cost' | 'access';

const COST = [
  'It costs too much: the price of data is more than I can afford each month.',
  'Mobile data is expensive and my bills are already too high to pay for it.',
  'I cannot afford a smartphone, the cost is out of reach on my pension.',
  'The price of a new phone and the monthly bill are more than we can pay.',
  'Too expensive. Data plans cost a lot and money is tight for my family.',
  'Paying for broadband every month is a cost many of us cannot afford.',
];
const ACCESS = [
  'There is no signal in our village and the broadband connection keeps dropping.',
  'Rural areas have poor coverage: the connection is too slow to load the site.',
  'My internet connection is unreliable, the signal here is weak most days.',
  'We have no fibre and the wifi signal in the house is poor, pages never load.',
  'Coverage in the countryside is patchy and the connection fails at home.',
  'Slow broadband and no mobile signal where I live make it impossible to connect.',
];
const ENDINGS = ['', ' Please think again.', ' This matters to me.', ' Thank you.', ' I hope you listen.', ' Really.'];

export function costAndAccessAnswers(): Array<{ kind: SampleKind; text: string }> {
  const out: Array<{ kind: SampleKind; text: string }> = [];
  for (let i = 0; i < 36; i++) {
    const end = ENDINGS[Math.floor(i / 6)]!;
    out.push({ kind: 'cost', text: COST[i % 6]! + end });
    out.push({ kind: 'access', text: ACCESS[i % 6]! + end });
  }
  return out;
}
