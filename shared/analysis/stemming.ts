/**
 * Light English word handling for theme suggestions: stop words (common English plus consultation
 * boilerplate) and a small suffix-stripping stemmer, so "advertising", "advertisements" and
 * "advertise" meet, and "banned", "bans" and "ban" meet. Deliberately light: it only has to group
 * word forms for counting; labels are shown with the commonest real word of each stem.
 */

export const STOP_WORDS: ReadonlySet<string> = new Set(
  // Common English function words.
  (
    'a about above after again against all almost along already also although always am among an and another ' +
    'any anybody anyone anything ' +
    ('anyway are around as at away be became because become been before being below between both but by can ' +
      'cannot could did do does doing ') +
    ('done down during each either else enough etc even ever every everyone everything few for from further get ' +
      'gets getting give given go goes ') +
    ('going gone got had has have having he her here hers herself him himself his how however i if in into is it ' +
      'its itself just least less let ') +
    ('lot lots many may me might mine more most much must my myself neither no nobody none nor not nothing now ' +
      'of off often on once one only onto ') +
    ('or other others otherwise our ours ourselves out over own per perhaps please quite rather re really said ' +
      'same say says see seem seems ') +
    ('shall she should since so some somebody someone something sometimes still such than that the their theirs ' +
      'them themselves then there ') +
    ('therefore these they thing things this those though through thus to too toward towards under until up upon ' +
      'us use used very via want ') +
    ('wants was way we well were what whatever when where whether which while who whom whose why will with ' +
      'within without would yes yet you ') +
    ('your yours yourself yourselves dont doesnt didnt isnt arent wasnt werent wont wouldnt shouldnt couldnt ' +
      'cant im ive id youre theyre thats ') +
    'theres whats lets its hes shes weve theyve youve ill youll theyll well ' +
    // Consultation boilerplate: how people frame an answer rather than what it is about.
    ('think thinks thought believe believes feel feels felt view views opinion opinions agree agrees disagree ' +
      'disagrees answer answers question ') +
    ('questions response respond consultation proposal proposals propose proposed option options comment ' +
      'comments regard regarding respect ') +
    ('need needs needed make makes made like likes also important really clearly certainly definitely surely ' +
      'probably simply just actually ') +
    ('currently strongly completely totally absolutely generally particularly especially course sure true much ' +
      'many lot lots way ways ') +
    ('people person would could should might must can will shall one ones two three first second new good better ' +
      'best bad worse')
  ).split(/\s+/),
);

const VOWEL = /[aeiouy]/;
/** Irregular forms and everyday abbreviations that should count as one word. */
const IRREGULAR: Record<string, string> = {
  children: 'child',
  kids: 'child',
  kid: 'child',
  men: 'man',
  women: 'woman',
  ad: 'advertis',
  ads: 'advertis',
  advert: 'advertis',
  adverts: 'advertis',
  info: 'informat',
  govt: 'govern',
  government: 'govern',
  governments: 'govern',
  nhs: 'nhs',
  gp: 'gp',
  gps: 'gp',
};
/** Suffixes tried in order (the first that leaves a stem with a vowel wins), with a replacement. */
const SUFFIXES: ReadonlyArray<[string, string]> = [
  ['ments', ''],
  ['ment', ''],
  ['ations', 'at'],
  ['ation', 'at'],
  ['ions', ''],
  ['ion', ''],
  ['ings', ''],
  ['ing', ''],
  ['edly', ''],
  ['ed', ''],
  ['ly', ''],
  ['ers', ''],
  ['er', ''],
  ['ness', ''],
  ['ity', ''],
  ['ive', ''],
  ['ful', ''],
  ['al', ''],
];

/**
 * Stems a folded word (lower case, no accents or apostrophes). Deterministic and idempotent
 * enough for grouping; not a full Porter stemmer.
 */
export function stem(word: string): string {
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  let w = word;
  if (w.length <= 3 || /^\d+$/.test(w)) return w;
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is') && w.length > 3)
    w = w.slice(0, -1);
  for (const [suf, repl] of SUFFIXES) {
    if (!w.endsWith(suf)) continue;
    const base = w.slice(0, -suf.length) + repl;
    const minBase = suf === 'er' || suf === 'ers' || suf === 'al' ? 4 : 3;
    if (base.length >= minBase && VOWEL.test(base)) {
      w = base;
      // "betting" → "bett" → "bet"; "banned" → "bann" → "ban"; but keep "ll", "ss", "zz".
      if (/([bdfgmnprt])\1$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  if (w.endsWith('y') && w.length > 4) w = `${w.slice(0, -1)}i`;
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}
