/**
 * GOV.UK's words to avoid and metaphors (consultation-standard.md §5.3), with the inflected forms
 * to match (the 2019 list used forms such as combating, tackling and slimming down) and the
 * contexts in which each word is fine ("key" that unlocks something, "land" for aircraft, "deploy"
 * for software or the military, "agenda" for a meeting…). Each exception looks only at the words
 * around the match and its sentence: cheap, and right far more often than wrong.
 */
export interface MatchContext {
  /** The matched text, lower case, spaces and hyphens collapsed to one space. */
  form: string;
  /** The sentence the match is in, lower case. */
  sentence: string;
  prev: string[]; // up to 4 words before, nearest last, lower case
  next: string[]; // up to 4 words after, lower case
  /** The character right after the match ('' at the end). */
  after: string;
  /** The unit is a heading or title. */
  heading: boolean;
  /** The whole unit text, lower case and trimmed (for headings such as "Impacts"). */
  unitText: string;
}

export interface AvoidEntry {
  word: string;
  kind: 'word' | 'metaphor';
  forms: string[];
  use: string;
  /** The fix as a whole sentence, when "Use … instead." does not read well. */
  fix?: string;
  /** When the word is fine, as the standard puts it ("unless a meeting's"). */
  unless?: string;
  /** True when this match is in a context where the word is fine. */
  fine?: (c: MatchContext) => boolean;
}

const MODALS = new Set([
  'to',
  'will',
  'would',
  'can',
  'could',
  'should',
  'must',
  'might',
  'may',
  'shall',
  'we',
  'they',
  'help',
  'helps',
  'and',
  'not',
  'also',
]);
const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'our',
  'their',
  'its',
  'his',
  'her',
  'my',
  'your',
  'some',
  'any',
  'new',
  'more',
]);
const has = (s: string, re: RegExp) => re.test(s);
const anyIn = (words: string[], set: ReadonlySet<string>) => words.some((w) => set.has(w));

const SOFTWARE_OR_FORCES = new RegExp(
  [
    String.raw`\b(?:troops|forces|personnel|police|officers|software|code|apps?|applications?|updates?|`,
    String.raw`releases?|servers?|systems?|patch(?:es)?|cloud|versions?|website|tools?|platforms?)\b`,
  ].join(''),
);
const AIRCRAFT = new RegExp(
  [
    String.raw`\b(?:aircraft|planes?|flights?|helicopters?|drones?|airports?|runways?|pilots?|`,
    String.raw`airfields?|aviation|spacecraft)\b`,
  ].join(''),
);
const ADVERTISING_OR_CAREER = new RegExp(
  [
    String.raw`\b(?:advert\w*|marketing|campaigns?|careers?|jobs?|posts?|roles?|staff|employees?|`,
    String.raw`grades?|ranks?|salar(?:y|ies)|sales|brands?|publicity|league|football)\b`,
  ].join(''),
);
const STRUCTURES = new RegExp(
  [
    String.raw`\b(?:bridges?|walls?|buildings?|structures?|structural|foundations?|beams?|embankments?|`,
    String.raw`defences?|dams?|roofs?|piers?|columns?|concrete|steel|bones?|muscles?)\b`,
  ].join(''),
);
const MILITARY = new RegExp(
  [
    String.raw`\b(?:military|armed forces|troops|soldiers?|army|navy|royal air force|raf|defence|war|`,
    String.raw`wars|battle|battles|veterans?|combatants?)\b`,
  ].join(''),
);
const CONCRETE = new Set([
  'post',
  'mail',
  'letter',
  'letters',
  'parcel',
  'parcels',
  'package',
  'packages',
  'goods',
  'food',
  'meals',
  'pizza',
  'pizzas',
  'medicine',
  'medicines',
  'leaflet',
  'leaflets',
  'newspapers',
  'baby',
  'babies',
  'equipment',
  'supplies',
  'vaccines',
  'vaccine',
  'service',
  'services',
  'training',
  'care',
  'lecture',
  'lectures',
  'speech',
  'talk',
  'talks',
  'course',
  'courses',
  'products',
  'items',
  'orders',
  'documents',
  'papers',
  'oxygen',
  'water',
  'electricity',
  'gas',
  'power',
  'energy',
  'homes',
  'houses',
  'housing',
  'vehicles',
  'presentation',
  'presentations',
  'sessions',
  'session',
]);
const STURDY = new Set([
  'packaging',
  'container',
  'containers',
  'casing',
  'case',
  'cases',
  'material',
  'materials',
  'construction',
  'frame',
  'box',
  'boxes',
  'housing',
  'hardware',
  'build',
  'fencing',
  'barrier',
  'barriers',
]);
const KEY_FINE = new Set([
  'lock',
  'locks',
  'card',
  'cards',
  'ring',
  'rings',
  'holder',
  'holders',
  'fob',
  'fobs',
  'safe',
  'safes',
  'box',
  'boxes',
  'cutting',
  'word',
  'words',
  'stage',
  'stages',
  'worker',
  'workers',
  'pad',
  'code',
  'codes',
  'and',
  'or',
  'of',
  'for',
  'in',
  'on',
  'is',
  'was',
  'are',
  'were',
  'to',
  'that',
  'which',
]);
const DRIVE_FIGURATIVE = new Set([
  'growth',
  'improvement',
  'improvements',
  'change',
  'changes',
  'innovation',
  'efficiency',
  'efficiencies',
  'standards',
  'value',
  'performance',
  'productivity',
  'investment',
  'demand',
  'progress',
  'reform',
  'reforms',
  'behaviour',
  'behaviours',
  'uptake',
  'adoption',
  'outcomes',
  'results',
  'savings',
  'competition',
  'quality',
  'engagement',
  'action',
  'decisions',
  'better',
  'up',
  'down',
  'forward',
  'forwards',
  'economic',
  'prosperity',
  'costs',
  'prices',
  'participation',
  'transformation',
  'agenda',
  'policy',
  'force',
  'improving',
  'increases',
  'increase',
  'reductions',
  'recovery',
]);
const VEHICLES = new RegExp(
  [
    String.raw`\b(?:cars?|vehicles?|lorr(?:y|ies)|bus|buses|vans?|licen[cs]es?|roads?|motorways?|`,
    String.raw`drivers?|taxis?|hgvs?|motorcycles?|tractors?|miles?|journeys?)\b`,
  ].join(''),
);

export const AVOID: AvoidEntry[] = [
  {
    word: 'agenda',
    kind: 'word',
    forms: ['agenda', 'agendas'],
    use: 'plan',
    unless: 'it is the agenda of a meeting',
    fine: (c) => has(c.sentence, /\b(?:meetings?|committees?|board|conference|workshops?|sessions?|minutes|items?)\b/),
  },
  {
    word: 'advance',
    kind: 'word',
    forms: ['advance', 'advances', 'advancing', 'advanced'],
    use: 'improve',
    unless: 'it means “beforehand” or “sophisticated”',
    fine: (c) =>
      c.prev.at(-1) === 'in' ||
      [
        'notice',
        'payment',
        'payments',
        'booking',
        'bookings',
        'warning',
        'copy',
        'copies',
        'ticket',
        'tickets',
        'party',
        'guard',
        'directive',
        'decision',
        'decisions',
        'care',
        'statement',
        'statements',
        'planning',
        'purchase',
      ].includes(c.next[0] ?? '') ||
      (c.form === 'advanced' &&
        !['has', 'have', 'had', 'was', 'were', 'been', 'be', 'is', 'are', 'we', 'they', 'it'].includes(
          c.prev.at(-1) ?? '',
        )),
  },
  {
    word: 'collaborate',
    kind: 'word',
    forms: ['collaborate', 'collaborates', 'collaborated', 'collaborating'],
    use: 'work with',
  },
  {
    word: 'combat',
    kind: 'word',
    forms: ['combat', 'combats', 'combating', 'combatting', 'combated', 'combatted'],
    use: 'solve or fix',
    unless: 'it is military',
    fine: (c) =>
      has(c.sentence, MILITARY) ||
      [
        'zone',
        'zones',
        'troops',
        'operations',
        'aircraft',
        'role',
        'roles',
        'training',
        'veterans',
        'sports',
        'uniform',
      ].includes(c.next[0] ?? ''),
  },
  {
    word: 'commit',
    kind: 'word',
    forms: ['commit', 'commits', 'committed', 'committing', 'pledge', 'pledges', 'pledged', 'pledging'],
    use: 'plan to, followed by what you will do',
    unless: 'it is about committing an offence',
    fine: (c) =>
      c.next
        .slice(0, 3)
        .some((w) => /^(?:offences?|crimes?|fraud|murder|suicide|perjury|theft|assault|acts?)$/.test(w)) ||
      (c.form === 'committed' &&
        ['highly', 'deeply', 'very', 'a', 'the', 'our', 'their', 'many', 'most'].includes(c.prev.at(-1) ?? '')),
  },
  {
    word: 'counter',
    kind: 'word',
    forms: ['counter', 'counters', 'countered', 'countering'],
    use: 'prevent',
    unless: 'it is a shop or post office counter',
    fine: (c) =>
      c.after === '-' || ((c.form === 'counter' || c.form === 'counters') && !MODALS.has(c.prev.at(-1) ?? '')),
  },
  {
    word: 'deliver',
    kind: 'word',
    forms: ['deliver', 'delivers', 'delivered', 'delivering'],
    use: 'make, create or provide',
    unless: 'it is about delivering something physical, such as post or services',
    fine: (c) => anyIn(c.next, CONCRETE) || anyIn(c.prev, CONCRETE),
  },
  {
    word: 'deploy',
    kind: 'word',
    forms: ['deploy', 'deploys', 'deployed', 'deploying', 'deployment', 'deployments'],
    use: 'use or put into place',
    unless: 'it is military or software',
    fine: (c) => has(c.sentence, MILITARY) || has(c.sentence, SOFTWARE_OR_FORCES),
  },
  {
    word: 'dialogue',
    kind: 'word',
    forms: ['dialogue', 'dialogues', 'dialog', 'dialogs'],
    use: 'discussion',
    fine: (c) => c.next[0] === 'box' || c.next[0] === 'boxes',
  },
  {
    word: 'disincentivise',
    kind: 'word',
    forms: [
      'disincentivise',
      'disincentivises',
      'disincentivised',
      'disincentivising',
      'disincentivize',
      'disincentivizes',
      'disincentivized',
      'disincentivizing',
      'disincentive',
      'disincentives',
    ],
    use: 'discourage or deter',
  },
  {
    word: 'empower',
    kind: 'word',
    forms: ['empower', 'empowers', 'empowered', 'empowering', 'empowerment'],
    use: 'allow or give permission',
  },
  {
    word: 'facilitate',
    kind: 'word',
    forms: ['facilitate', 'facilitates', 'facilitated', 'facilitating'],
    use: 'a word that says what you do',
    fix: 'Say what you actually do, such as “run” or “help”.',
  },
  {
    word: 'focus',
    kind: 'word',
    forms: ['focus', 'focuses', 'focused', 'focusing', 'focussed', 'focussing'],
    use: 'work on or concentrate on',
    unless: 'it is a focus group',
    fine: (c) =>
      c.next[0] === 'group' ||
      c.next[0] === 'groups' ||
      (c.prev.at(-1) === 'of' && c.prev.at(-2) === 'out') ||
      c.prev.at(-1) === 'in',
  },
  {
    word: 'foster',
    kind: 'word',
    forms: ['foster', 'fosters', 'fostered', 'fostering'],
    use: 'encourage or help',
    unless: 'it is about fostering children',
    fine: (c) =>
      has(
        c.sentence,
        /\b(?:child|children|carers?|parents?|famil(?:y|ies)|placements?|looked[- ]after|young people|adopt\w*|care)\b/,
      ),
  },
  {
    word: 'impact',
    kind: 'word',
    forms: ['impact', 'impacts', 'impacted', 'impacting', 'impactful'],
    use: '“have an effect on” or “influence”',
    unless: 'it is a collision, or the name of an impact assessment',
    fine: (c) =>
      /^assessments?$/.test(c.next[0] ?? '') ||
      (c.next[0] === 'statement' && c.prev.at(-1) === 'victim') ||
      (c.heading && /^(?:the )?impacts?(?: and [\p{L} ]+)?$|^impact assessments?/u.test(c.unitText)) ||
      has(c.sentence, /\b(?:collisions?|crash(?:es)?|struck|vehicles?|meteors?|asteroids?|blunt|craters?)\b/),
  },
  {
    word: 'incentivise',
    kind: 'word',
    forms: [
      'incentivise',
      'incentivises',
      'incentivised',
      'incentivising',
      'incentivize',
      'incentivizes',
      'incentivized',
      'incentivizing',
    ],
    use: 'encourage or motivate',
  },
  { word: 'initiate', kind: 'word', forms: ['initiate', 'initiates', 'initiated', 'initiating'], use: 'start' },
  {
    word: 'key',
    kind: 'word',
    forms: ['key'],
    use: '“important”',
    fix: 'Use “important”, or leave it out.',
    unless: 'it unlocks something',
    // Only the adjective ("key issues"): a key that is a noun ("the key", "press the Enter key") has no word straight
    // after it.
    fine: (c) => c.after !== ' ' || !c.next[0] || KEY_FINE.has(c.next[0]) || /^\d/.test(c.next[0]),
  },
  {
    word: 'land',
    kind: 'word',
    forms: ['land', 'lands', 'landed', 'landing'],
    use: 'get or achieve',
    unless: 'it is about aircraft (or land as ground)',
    fine: (c) => {
      if (has(c.sentence, AIRCRAFT)) return true;
      const before = c.prev.at(-1) ?? '';
      const det = DETERMINERS.has(c.next[0] ?? '');
      if (c.form === 'land')
        return !(
          MODALS.has(before) &&
          before !== 'and' &&
          before !== 'not' &&
          before !== 'also' &&
          (before !== 'to' || det)
        );
      return !(
        det &&
        !['of', 'on', 'the', 'in', 'at', 'agricultural', 'public', 'crown', 'owned', 'and', 'or', 'a'].includes(before)
      );
    },
  },
  {
    word: 'leverage',
    kind: 'word',
    forms: ['leverage', 'leverages', 'leveraged', 'leveraging'],
    use: 'use or influence',
    unless: 'it is financial',
    fine: (c) =>
      has(
        c.sentence,
        /\b(?:loans?|debts?|financ\w*|capital|borrow\w*|equity|ratios?|buyouts?|investors?|banks?|lending|margin)\b/,
      ),
  },
  { word: 'liaise', kind: 'word', forms: ['liaise', 'liaises', 'liaised', 'liaising'], use: 'work with' },
  { word: 'overarching', kind: 'word', forms: ['overarching', 'over arching'], use: 'nothing', fix: 'Leave it out.' },
  {
    word: 'progress',
    kind: 'word',
    forms: ['progress', 'progresses', 'progressed', 'progressing'],
    use: 'work on or develop',
    unless: 'it is the noun (“make progress”)',
    fine: (c) => {
      if (c.form !== 'progress') return false;
      const before = c.prev.at(-1) ?? '';
      if (!MODALS.has(before) || before === 'and' || before === 'not' || before === 'also') return true;
      if (before === 'to') return !DETERMINERS.has(c.next[0] ?? '');
      return [
        'report',
        'reports',
        'update',
        'updates',
        'meeting',
        'meetings',
        'review',
        'reviews',
        'check',
        'checks',
        'chart',
        'bar',
      ].includes(c.next[0] ?? '');
    },
  },
  {
    word: 'promote',
    kind: 'word',
    forms: ['promote', 'promotes', 'promoted', 'promoting'],
    use: 'recommend or support',
    unless: 'it is about advertising or a career',
    fine: (c) => has(c.sentence, ADVERTISING_OR_CAREER) || (c.form === 'promoted' && c.next[0] === 'to'),
  },
  {
    word: 'robust',
    kind: 'word',
    forms: ['robust', 'robustly', 'robustness'],
    use: '“well thought out”',
    fix: 'Use “well thought out”, or say what makes it strong.',
    unless: 'it describes a sturdy object',
    fine: (c) => STURDY.has(c.next[0] ?? ''),
  },
  {
    word: 'slim down',
    kind: 'word',
    forms: ['slim down', 'slims down', 'slimmed down', 'slimming down'],
    use: '“reduce”',
    fix: 'Use “reduce”, or say what you will take away.',
  },
  {
    word: 'streamline',
    kind: 'word',
    forms: ['streamline', 'streamlines', 'streamlined', 'streamlining'],
    use: 'simplify or remove unnecessary admin',
  },
  {
    word: 'strengthen',
    kind: 'word',
    forms: ['strengthen', 'strengthens', 'strengthened', 'strengthening'],
    use: 'a word that says what you will do',
    fix: 'Say what you will actually do, such as increase funding or add staff.',
    unless: 'it is about bridges or other structures',
    fine: (c) => has(c.sentence, STRUCTURES),
  },
  {
    word: 'tackle',
    kind: 'word',
    forms: ['tackle', 'tackles', 'tackled', 'tackling'],
    use: 'stop, solve or deal with',
    unless: 'it is about sport or fishing',
    fine: (c) =>
      has(
        c.sentence,
        /\b(?:football|rugby|sports?|match(?:es)?|players?|pitch|fishing|angling|anglers?|fishermen|rods?|referee)\b/,
      ),
  },
  {
    word: 'transform',
    kind: 'word',
    forms: [
      'transform',
      'transforms',
      'transformed',
      'transforming',
      'transformation',
      'transformations',
      'transformational',
      'transformative',
    ],
    use: 'a description of the change',
    fix: 'Describe the change you will make.',
  },
  {
    word: 'utilise',
    kind: 'word',
    forms: [
      'utilise',
      'utilises',
      'utilised',
      'utilising',
      'utilisation',
      'utilize',
      'utilizes',
      'utilized',
      'utilizing',
      'utilization',
    ],
    use: 'use',
  },
  // ---- metaphors
  {
    word: 'drive out',
    kind: 'metaphor',
    forms: ['drive out', 'drives out', 'driving out', 'drove out', 'driven out'],
    use: 'stop or prevent',
    unless: 'it is about cattle',
    fine: (c) => has(c.sentence, /\b(?:cattle|livestock|sheep|cows|herds?|animals|goats|pigs)\b/),
  },
  {
    word: 'drive',
    kind: 'metaphor',
    forms: ['drive', 'drives', 'driving', 'drove', 'driven'],
    use: 'cause or encourage',
    unless: 'it is about vehicles',
    fine: (c) =>
      has(c.sentence, VEHICLES) ||
      !(
        DRIVE_FIGURATIVE.has(c.next[0] ?? '') ||
        (DETERMINERS.has(c.next[0] ?? '') && DRIVE_FIGURATIVE.has(c.next[1] ?? ''))
      ),
  },
  {
    word: 'going forward',
    kind: 'metaphor',
    forms: ['going forward', 'moving forward'],
    use: '“from now on” or “in future”',
    fine: (c) => (c.next[0] ?? '') === 'with',
  },
  {
    word: 'in order to',
    kind: 'metaphor',
    forms: ['in order to'],
    use: '“to”',
    fix: 'Delete “in order”: “to” is enough.',
  },
  {
    word: 'hub',
    kind: 'metaphor',
    forms: ['hub', 'hubs'],
    use: '“website” or “service”',
    unless: 'it is a physical place such as a transport hub',
    fine: (c) =>
      [
        'transport',
        'travel',
        'rail',
        'railway',
        'bus',
        'airport',
        'freight',
        'logistics',
        'wheel',
        'bike',
        'cycle',
        'family',
        'community',
      ].includes(c.prev.at(-1) ?? ''),
  },
  {
    word: 'portal',
    kind: 'metaphor',
    forms: ['portal', 'portals'],
    use: '“website” or “service”',
    fine: (c) => c.next[0] === 'vein' || c.next[0] === 'veins',
  },
  {
    word: 'one-stop shop',
    kind: 'metaphor',
    forms: ['one stop shop', 'one stop shops'],
    use: '“website” or “service”',
  },
  {
    word: 'ring fencing',
    kind: 'metaphor',
    forms: [
      'ring fence',
      'ring fences',
      'ring fenced',
      'ring fencing',
      'ringfence',
      'ringfences',
      'ringfenced',
      'ringfencing',
    ],
    use: '“separate”',
    fix: 'Use “separate”, or say what the money will be spent on.',
  },
];
