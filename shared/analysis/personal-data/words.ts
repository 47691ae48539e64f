/**
 * Word lists for finding names: surnames that are also ordinary English words (so never taken
 * alone), common UK given names (so "my GP Sarah Jones" is a name when Sarah Jones did not
 * respond), the titles that come before a surname, the usual short forms of given names, and the
 * capitalised words that follow a given name in place and institution names ("Victoria Station").
 * Kept compact on purpose: the consultation's own vocabulary (`ordinaryWords`) does the rest.
 */

const set = (s: string): Set<string> => new Set(s.trim().split(/\s+/));

/** Surnames that are ordinary words, or places, and so are only a name with a given name or title. */
export const AMBIGUOUS_SURNAMES = set(`
  green brown white black grey gray hill hills wood woods baker bush rose young king kings field fields lane
  bell bells hall halls may long park parks price rich little short small smart wise day days knight mason
  cook cooke marsh moss ward lord bishop church hunt hunter fisher fish fox wolf lamb bird swan crane finch
  west east north south bank banks bond brook brooks ford bridge bridges stone stones rock shepherd miller
  cooper carpenter potter archer butler chambers gold silver page rice reed frost snow winter summer summers
  spring gardner gardener forest forrest glass hope joy law best strong sharp sweet cross street wall walls
  waters rivers river lake dale vale heath moor wells power powers bacon hart dean major noble prince duke
  earl sterling cash mills mill chapel house holmes wing case post read sands bone hardy gamble lucky
  sport match fair faith grace mark will grant bill penny jordan victoria florence chase pierce rush
  marshall steward walker turner clay hay hays burns barnes barker parker fowler
  hawk hawkes crow crowe nightingale sparrow robin robins drake peacock heron pike salmon herring
  castle tower towers temple abbey march august june april bliss love lovely loveday gentle friend
  friends guy guest host rider judge justice savage wild wilde bold brave keen free freeman
  freeland england english welsh wales ireland irish french london paris leeds bradford york
  lincoln preston chester derby kent sutton norton hampton carlisle whitby buxton burton stanley
  foster foot hand head legg arm arms heart hearts flower flowers berry berries plum peach apple orchard
  tree trees leaf root roots branch birch ash oak oaks elm holly ivy heather lily daisy poppy violet
  ruby pearl amber jade crystal diamond jewel penny pound shilling money coin banker trader
  seller buyer driver walker runner hooper cutter tanner dyer weaver webb webster booth hood cape
  gill gale storm rain rains weather cloud clouds sky lightfoot wise wiseman goodman goodwin goodall
  newman newton kingdom rank ranks link links lock locke key keys bar barr bolt pitt pitts
  cave craig fell fells moors shaw combe coombe dunn dunne finn mann sage sharpe lowe low high
  tall short rich poor hale hale yard yards town towns city port street barnet wedge nunn penn parr
  brand cole coles gray grey hurst hurt bates batch battle baron earl earls countess count counts
  best bright brightman cheek dodd fry fryer hook hope kidd kidds lamb lambert lea lee leigh marks
  moody moon more moore morrow noon paine pain payne person pope proud quick rain rose savage
  seed self sellers sheppard short silk slater small soper spark sparks speed stamp steel steele
  still stock stocks sole stout strange swift tanner tench thorn thorne tidy toms tong trim
  truman tucker vine wake waller warden warner wash waterman wax way webb wells whale wheat wheeler
  whitehouse wing winters wise wolfe worth wren wray young youngs
  council service services government minister office department policy plan planning report
`);

/** Titles before a name. Lower case; a trailing full stop is allowed in text ("Mr."). */
export const TITLES = set(`
  mr mrs ms miss mx dr prof professor sir dame lord lady cllr councillor rev revd reverend
`);

/** Titles that are also used before roles and places ("Lord Mayor", "Lady Chapel"), so need a name after them. */
export const TITLES_NEEDING_A_NAME = set(`sir dame lord lady miss`);

/** Words after a title that are roles, not names ("Mr Speaker", "Lord Chancellor"). */
export const ROLE_WORDS = set(`
  speaker chancellor mayor chief justice president chairman chair deputy minister secretary general
  advocate lieutenant provost lieutenant bishop protector chamberlain commissioner governor
  who no yes and or the a an of for in on at to
`);

/**
 * Common UK given names across the generations and the UK's communities. Given names that are
 * ordinary words or places (Will, May, Mark, Grace, Hope, Victoria, Florence, Chelsea…) are left out.
 */
export const COMMON_GIVEN_NAMES = set(`
  aaron abdul abdullah abigail adam adrian ahmed aidan aisha alan alastair albert alex alexander alexandra
  alfie ali alice alison alistair amanda amelia amir amy andrea andrew andy angela anita ann anna anne
  annie anthony antony archie arthur ashley audrey barbara barry ben benjamin bernard beth bethany
  beverley bilal bob brenda brian bridget bryony callum carl carol caroline carolyn catherine charles
  charlie charlotte chloe chris christina christine christopher claire clare colin connor craig dan
  daniel danielle darren dave david dean deborah debbie declan denise dennis derek diana diane dominic
  donna dorothy duncan edward eileen eleanor elaine eleri elinor eliza ellie emily emma eric erin ethan
  evelyn fatima finlay fiona francesca freddie freya gareth gary gavin geoffrey george georgina gerald
  gillian gordon graham gwen hamza hannah harriet harry harvey hassan heather helen henry hollie howard
  hugh hussain ian imogen imran irene isaac isabel isabella isla jack jackie jacob jacqueline james
  jamie jan jane janet janice jason jasmine jean jeff jennifer jenny jeremy jessica jill jim joan joanna
  joanne john jon jonathan joseph josh joshua joyce judith julia julie julian justin karen kate katherine
  kathleen kathryn katie kayleigh keith kelly kenneth kerry kevin khalid kieran kim kirsty laura lauren
  lee leo leon lewis liam linda lindsay lisa logan lorraine louise lucy luke lynn lynne malcolm mandy
  margaret maria marie marion martin mary matthew maureen megan melanie michael michelle mohammed
  mohammad muhammad naomi natalie nathan neil nicholas nicola nigel niamh noah oliver olivia oscar owen
  pamela patricia paul pauline peter philip phillip pooja priya rachel rajesh raymond rebecca rhys
  richard rita robert robin rory rosemary ross ruth ryan sally samantha samuel sandra sarah scott sean
  sharon sheila shirley simon siobhan sophie stacey stephen steven stewart stuart susan suzanne sylvia
  tanya teresa theo theresa thomas timothy tina toby tom tony tracey tracy trevor valerie vanessa
  vincent wendy william yasmin yvonne zara zoe zainab mei joseph olu chidi ngozi oluwaseun amara kwame
  wojciech agnieszka katarzyna piotr tomasz aleksandra sanjay sunita deepak anjali ravi arjun
  gurpreet harpreet jaspreet manpreet aled dafydd gethin rhiannon sian ceri ffion morag hamish
  ewan euan iain kirsteen aoife ciara conor padraig sinead eamon ray
`);

/**
 * Short forms of given names, each group one person ("Robert" in the register finds "Bob Smith").
 * Only used together with a surname from the register.
 */
export const GIVEN_NAME_FORMS: readonly string[][] = [
  ['robert', 'rob', 'robbie', 'bob', 'bobby', 'bert'],
  ['william', 'will', 'bill', 'billy', 'liam', 'willie'],
  ['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'eliza', 'libby', 'elisabeth'],
  ['catherine', 'katherine', 'kathryn', 'kate', 'katie', 'cathy', 'kathy', 'cath', 'kat', 'kath'],
  ['margaret', 'maggie', 'meg', 'peggy', 'mags'],
  ['james', 'jim', 'jimmy', 'jamie'],
  ['michael', 'mike', 'mick', 'micky', 'mikey'],
  ['richard', 'rich', 'rick', 'ricky', 'richie', 'dick'],
  ['thomas', 'tom', 'tommy'],
  ['christopher', 'chris', 'kit'],
  ['christine', 'christina', 'chris', 'tina', 'chrissie'],
  ['jonathan', 'jon', 'jonny'],
  ['john', 'jack', 'johnny', 'jon'],
  ['joseph', 'joe', 'joey'],
  ['daniel', 'dan', 'danny'],
  ['matthew', 'matt', 'matty'],
  ['anthony', 'antony', 'tony', 'ant'],
  ['andrew', 'andy', 'drew'],
  ['david', 'dave', 'davey', 'dai'],
  ['edward', 'ed', 'eddie', 'ted', 'ned'],
  ['alexander', 'alex', 'sandy', 'xander'],
  ['alexandra', 'alex', 'lexie', 'sandra'],
  ['samuel', 'sam', 'sammy'],
  ['samantha', 'sam', 'sammie'],
  ['benjamin', 'ben', 'benny'],
  ['nicholas', 'nick', 'nicky'],
  ['nicola', 'nicky', 'nikki'],
  ['stephen', 'steven', 'steve', 'stevie'],
  ['peter', 'pete'],
  ['patrick', 'pat', 'paddy'],
  ['patricia', 'pat', 'patsy', 'trish'],
  ['jennifer', 'jen', 'jenny', 'jenni'],
  ['rebecca', 'becky', 'becca'],
  ['susan', 'sue', 'susie', 'suzy'],
  ['deborah', 'debbie', 'deb', 'debs'],
  ['victoria', 'vicky', 'vicki', 'tori'],
  ['charlotte', 'charlie', 'lottie'],
  ['charles', 'charlie', 'chas'],
  ['timothy', 'tim', 'timmy'],
  ['gregory', 'greg'],
  ['kenneth', 'ken', 'kenny'],
  ['ronald', 'ron', 'ronnie'],
  ['donald', 'don', 'donny'],
  ['philip', 'phillip', 'phil'],
  ['frederick', 'fred', 'freddie'],
  ['abigail', 'abi', 'abby'],
  ['jacqueline', 'jackie', 'jacqui'],
  ['josephine', 'jo', 'josie'],
  ['joanne', 'joanna', 'jo'],
  ['mohammed', 'mohammad', 'muhammad', 'mohamed', 'mo'],
  ['oluwaseun', 'seun'],
  ['olumide', 'olu', 'mide'],
  ['siobhan', 'shiv'],
];

/**
 * Capitalised words that, after a given name, make a place, a building, an event or an
 * organisation rather than a person ("Victoria Station", "Elizabeth Line", "Charlotte Street").
 */
export const NOT_SURNAMES_AFTER_GIVEN = set(`
  road street avenue lane close drive way crescent place gardens terrace court grove row square walk
  mews rise hill park parade green common station line council hospital centre center college
  university school academy cross bridge club house hall day trust foundation institute library
  museum church cathedral chapel airport stadium arena market tower gate estate ward unit surgery
  practice group ltd limited plc report act review commission award fund prize memorial bay island
  isles valley forest wood castle abbey village town city borough county district medical primary
  secondary infant junior nursery theatre cinema arms inn hotel gallery island coast bus buses train
  trains dock docks pier marina palace pavilion lodge manor hospice prison barracks farm works
  service services office ministry department board authority partnership network alliance
  federation association society union party league cup championship stakes festival show
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july
  august september october november december
  the and or of in on at to for with by from but not is was are were be has have had
  i we you he she they it my our your his her their this that these those
  nhs uk gp mp bbc itv
`);

/** Words before a capitalised pair that make it a place ("in Stanley Park", "at Kings Lynn"). */
export const PLACE_PREPOSITIONS = set(`in at to from near via towards around outside inside across`);
