"""English: the word lists, reporting verbs and page-chrome tables behind the language rules.

Everything the library knows about English as data, in one place: the words that decide
sentence boundaries (:mod:`framing._text`), the reporting verbs, pronouns and name parts that
find speakers (:mod:`framing._voice`), and the tables of page chrome that cleaning removes
(:mod:`framing.clean`). Each constant says what it is and where it is used; the modules import
them from here. Word lists are frozensets of lower-case words unless said otherwise (the
speaker lists of :mod:`framing._voice` keep the case they are matched in). The chrome tables are
lists of ``(reason, ..., pattern)`` whose patterns are regular-expression sources, matched
case-insensitively against a whole stripped line; names inside them are matched
case-sensitively (``(?-i:...)``).

The rule for when two phrases are the same phrase (separators, apostrophes, case) is not here
but in :mod:`framing._phrases`, which the phrase matcher and the lexicon check share.

Examples
--------
>>> "mr" in TITLES, "said" in REPORTING_VERBS
(True, True)
>>> [reason for reason, _, _ in CHROME_STRONG][:2]
['share prompt', 'subscribe prompt']
"""

from __future__ import annotations

# --- Sentences (framing._text) --------------------------------------------------------------------

TITLES = frozenset(
    "mr mrs ms dr prof st gen lt col maj sgt capt cmdr adm gov sen rep rev fr pres amb sec "
    "supt insp messrs mme mlle sr jr hon".split()
)
"""Titles and name parts: a period after them never ends a sentence. Used by framing._text: sentence
splitting; :func:`framing.punkt_tokenizer` (in ``ABBREVIATIONS``).
"""

ABBREVIATIONS = frozenset(
    TITLES
    | set(
        "u.s u.k u.n e.u u.s.s.r u.a.e n.y d.c l.a p.r.c "
        "inc corp co ltd plc llc bros dept univ assn est approx vs etc al e.g i.e cf viz "
        "a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec "
        "no nos vol fig pp ch art para ft mt ave blvd rd "
        "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo "
        "mont neb nev okla ore pa tenn tex va vt wash wis wyo".split()
    )
)
"""Abbreviations (lower case, without the final period, as in Punkt's ``abbrev_types``). After one
of these a period ends a sentence only when the next word is a frequent sentence starter. Used
by framing._text: sentence splitting and :func:`framing.punkt_tokenizer`.
"""

SENTENCE_STARTERS = frozenset(
    "the a an and but or so yet it its he she they we i you this that these those there then "
    "in on at for as if when while after before since however meanwhile moreover still also "
    "his her their our my your what who why how where both neither some many most several "
    "one two three no not".split()
)
"""Words that often start a sentence: after an abbreviation, a capitalised one of these means the
abbreviation also ended the sentence (Punkt's orthographic heuristic, fixed here). Used by
framing._text: sentence splitting, soft-wrapped lines and :func:`framing.punkt_tokenizer`.
"""

NUMBER_ABBREVIATIONS = frozenset("no nos art fig para mar".split())
"""Abbreviations that are also ordinary words at the end of a sentence ("the spokesman said no.",
"iron ore.", "a work of art.", "Putin fell ill."): the splitter reads the period after one as an
abbreviation only in the abbreviation's own context. These are abbreviations only before a
number ("No. 1", "no. 5", "Art. 5", "Fig. 2", "Mar. 3"); see also ``STATE_ABBREVIATIONS``. Used
by framing._text: sentence splitting.
"""

STATE_ABBREVIATIONS = frozenset("ark ill mass miss ore wash pa mo la".split())
"""Abbreviations of US states that are also ordinary words (see ``NUMBER_ABBREVIATIONS``):
abbreviations only written with a capital after a comma ("Springfield, Ill.", "Boston, Mass.").
Used by framing._text: sentence splitting.
"""

REPORTING_VERBS = frozenset(
    "said says asked asks told tells added adds replied replies insisted insists wrote writes "
    "answered answers responded responds declared declares stressed stresses noted notes "
    "explained explains argued argues claimed claims warned warns shouted shouts exclaimed "
    "exclaims countered counters retorted retorts recalled recalls remarked remarks quipped "
    "quips joked jokes demanded demands wondered wonders continued continues snapped snaps "
    "posted posts tweeted tweets commented comments".split()
)
"""Reporting verbs: ``"Why now?" Peskov asked.`` is one sentence. Used by framing._text: sentence
splitting (an attribution after a quotation ending in ``?`` or ``!``). :mod:`framing._voice`
finds reporting clauses with its own, larger lists (``STRONG_REPORTING_VERBS`` ...).
"""

ATTRIBUTION_PRONOUNS = frozenset("he she they we i".split())
"""Pronouns that may open a short attribution after a quotation (``He asked.``). Used by
framing._text: sentence splitting.
"""

ATTRIBUTION_ADVERBS = frozenset("later then also again simply only once finally".split())
"""Adverbs that may stand between a speaker and a reporting verb in a short attribution (``Peskov
later added``). Used by framing._text: sentence splitting.
"""

NEVER_FINAL = frozenset("an the and or nor of than its their our your whose mr mrs ms dr".split())
"""Words that cannot end a sentence: a line that ends with one (and no punctuation) is wrapped and
goes on in the next line, whatever the case of the next line's first letter. In any case:
articles, conjunctions, "of", possessives and titles written without a period; see also
``LOWER_NEVER_FINAL``. Used by framing._text: joining soft-wrapped lines.
"""

LOWER_NEVER_FINAL = frozenset({"a"})
"""Words that cannot end a sentence only in lower case ("Plan A", "Talks Drag On" end title-case
headlines): "a", and the prepositions of ``WRAP_PREPOSITIONS``. A preposition may end a short
headline ("What Xi is hoping for"): it joins the next line when its line is as long as a wrapped
line of text or the next line does not start with a frequent sentence starter ("relations with"
/ "Russia were"). Used by framing._text: joining soft-wrapped lines.
"""

WRAP_PREPOSITIONS = frozenset(
    "with to in on by as at for from that into onto upon between among amid against via "
    "toward towards".split()
)
"""Prepositions that end a line only when the sentence goes on in the next one, unless the line is
short and the next starts with a frequent sentence starter (see ``LOWER_NEVER_FINAL``). Used by
framing._text: joining soft-wrapped lines.
"""

GENERIC_SUBJECTS = frozenset(
    "nobody somebody everybody anybody someone everyone anyone none nothing all each few "
    "others officials analysts experts critics observers diplomats reporters journalists "
    "sources residents people witnesses commentators scholars economists".split()
)
"""Generic subjects: capitalised after a quotation, they start a new sentence (``Analysts said
...``) rather than name its speaker, as ``SENTENCE_STARTERS`` and ``REPORTING_VERBS`` do. Used by
framing._text: sentence splitting.
"""

# --- Speakers (framing._voice) --------------------------------------------------------------------

STRONG_REPORTING_VERBS = frozenset(
    """said says say told tells added adds stated states argued argues argue insisted insists
    warned warns asserted asserts acknowledged acknowledges remarked remarks stressed stresses
    emphasised emphasized emphasises emphasizes contended contends cautioned cautions predicted
    predicts explained explains informed informs concurred concurs likened likens quipped
    joked asked insist warn contend caution predict explain stress emphasise emphasize assert
    acknowledge concur""".split()
)
"""Always a reporting verb when it has a subject (``X said``) or, for those in
``INVERTED_REPORTING_VERBS``, a speaker after it (``said X``). Used by framing._voice: reporting
clauses.
"""

WEAK_REPORTING_VERBS = frozenset(
    """wrote writes write noted notes described describes describe suggested suggests pledged
    pledges observed observes concluded concludes reported reports responded responds replied
    replies declared declares announced announces claimed claims admitted admits note suggest
    observe conclude respond reply declare claim admit""".split()
)
"""Reporting verbs only when the sentence has a quotation or the verb is followed by ``that``, a
colon or a comma (``writes a weekly column`` is not speech, ``wrote that`` is; ``responded with
missiles`` is not, ``responded: “I agree.”`` is). Used by framing._voice: reporting clauses.
"""

INVERTED_REPORTING_VERBS = frozenset(
    """said says wrote writes added adds stated states argued argues noted notes insisted
    insists explained explains replied replies responded declared declares warned warns
    remarked observed concluded asked""".split()
)
"""Verbs that take the speaker after them: ``“…,” said Alicja Bachulska``. Used by framing._voice:
reporting clauses.
"""

REPORTING_PARTICIPLES = frozenset(
    """saying adding arguing noting insisting declaring warning stressing explaining telling
    claiming asserting""".split()
)
"""Participles that report speech after a comma, a colon or one of ``PARTICIPLE_LINKS`` (``...,
saying``). Used by framing._voice: reporting clauses.
"""

PARTICIPLE_LINKS = (["and"], ["by"], ["while"], ["before"], ["after"], ["as"])
"""A participle is a reporting verb after a comma, a colon or one of these (``and saying``). Used
by framing._voice: reporting clauses.
"""

SPEAKER_PRONOUNS = frozenset({"he", "she", "it", "they"})
"""Pronouns that may be the subject of a reporting verb. Used by framing._voice: speakers."""

RESOLVED_PRONOUNS = frozenset({"he", "she"})
"""Pronouns resolved to the last named speaker of the paragraph; ``it`` and ``they`` are sources
without a name. Used by framing._voice: speakers.
"""

NOT_SPEAKERS = frozenset({"I", "We", "we", "You", "you", "One", "one"})
"""Subjects that name no source (the writer or a generic one): ``I said`` attributes nothing. Used
by framing._voice: speakers.
"""

NOT_SOURCES = frozenset({"plan", "plans", "schedule", "script", "tradition", "custom", "protocol"})
"""``according to plan`` names no source. Used by framing._voice: ``according to X``."""

AUXILIARIES = frozenset(
    """also has have had later then would will may might could can did does do once again
    previously recently earlier himself herself itself themselves further often even only
    already reportedly long since subsequently first still now just too
    """.split()
)
"""Words between a subject and its verb: ``Xi has also said``, ``Putin later told``. Used by
framing._voice: speakers.
"""

NOT_SPEECH = frozenset({"was", "were", "is", "are", "be", "been", "being", "to", "not", "never"})
"""A verb after these has no speaker of its own: ``was said``, ``to say``, ``not say``, ``have
never described``. Used by framing._voice: reporting clauses.
"""

CONJUNCTION_STARTERS = frozenset(
    """But And Or So Yet Then Now Still Also Later Meanwhile Instead However Here There Thus
    Indeed Even Only Nor Both Earlier Separately Again Finally Previously Recently""".split()
)
"""Capitalised conjunctions and adverbs that open a sentence and are no part of a name. Used by
framing._voice: speakers.
"""

LINKING_STARTERS = frozenset(
    "But And Or So Yet Still Also Meanwhile However Thus Indeed Now Then".split()
)
"""Sentence-opening links that are no part of the subject after them. Used by framing._voice:
speakers.
"""

PREPOSITION_STARTERS = frozenset(
    """In On At For To From By With After Before During Since Last This That These Those It
    When While As If Although Though Because Once Why What How Where Who Whether Amid Despite
    Over Under Unlike Like Against Through Speaking Asked Addressing According Following""".split()
)
"""Capitalised words that open a sentence (prepositions, determiners, question words ...) and are
no part of a name. Used by framing._voice: speakers.
"""

CALENDAR_WORDS = frozenset(
    """January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday
    Saturday Sunday""".split()
)
"""Months and weekdays: capitalised, but no name of a speaker. Used by framing._voice: speakers."""

NAME_PARTICLES = frozenset("of for the and de van von bin al da du la le del der den ibn y".split())
"""Lower-case words that may stand inside a name (``Ursula von der Leyen``), never at its start or
end. Used by framing._voice: speakers.
"""

TITLE_WORDS = frozenset(
    """President Vice-President Premier Minister Secretary Chairman Chairwoman Spokesman
    Spokeswoman Spokesperson Ambassador Envoy Senator Governor Chancellor Mayor Director""".split()
)
"""Titles in front of a name: ``Russian President Vladimir Putin`` is ``Vladimir Putin``. Used by
framing._voice: speakers.
"""

OFFICE_WORDS = frozenset("State Foreign Affairs Defence Defense Finance Trade Commerce".split())
"""Words that complete a title: ``Secretary of State``, ``Minister of Foreign Affairs``. Used by
framing._voice: speakers.
"""

SPEAKER_PREPOSITIONS = frozenset("from of at with for in on to by".split())
"""Prepositions, which never stand in a speaker's name or before the head noun of a described
source. Used by framing._voice: speakers.
"""

PLACE_PREPOSITIONS = frozenset({"in", "at", "from"})
"""Prepositions of place after a described speaker (``officials in both capitals``). (``officials
in both capitals``). Used by framing._voice: speakers.
"""

HAVE_FORMS = frozenset({"has", "have", "had"})
"""The forms of *have* (``Xi has said``). Used by framing._voice: speakers."""

CLAUSE_WORDS = frozenset(
    """that which who whom when while because as if and but where after before since though
    although whether so or than once until what how why""".split()
)
"""Words that open a clause: never part of a speaker's name or description. Used by framing._voice:
speakers.
"""

HEAD_NOUNS = frozenset(
    """official officials analyst analysts expert experts spokesman spokeswoman spokesperson
    spokespeople spokesmen diplomat diplomats observer observers source sources critic critics
    minister ministers ministry government governments president leader leaders researcher
    researchers scholar scholars commentator commentators media statement statements report
    reports agency newspaper paper editorial people residents economist economists aide aides
    adviser advisers advisor advisors lawmaker lawmakers envoy envoys ambassador embassy two
    pair sides side countries nations men women officer officers authorities administration
    military army representative representatives director professor chief secretary
    spokespersons participants organisers organizers fellow correspondent editor columnist
    writer journalist author historian strategist specialist watcher head counterpart premier
    chancellor commander general insider insiders negotiator negotiators witness witnesses
    executive executives banker bankers investor investors academic academics politician
    politicians activist activists pundit pundits delegate delegates delegation
    broadcaster""".split()
)
"""Head nouns of a described speaker: ``a Russian official``, ``analysts``, ``the two``. Used by
framing._voice: speakers.
"""

AFTER_INVERTED = frozenset(
    """in at on of from who during after before when while as to for via last this earlier
    today yesterday recently adding told in which whose""".split()
)
"""What may follow a speaker named after its verb: ``said Alicja Bachulska, an expert``, ``wrote
Gideon Rachman in a Financial Times op-ed``. Used by framing._voice: speakers.
"""

ABBREVIATED_TITLES = frozenset({"Mr.", "Mrs.", "Ms.", "Dr.", "Jr.", "Sr.", "St.", "Prof.", "Gen."})
"""Titles written with a period: the period ends no word of a name (``Mr. Peskov said``). Used by
framing._voice: speakers.
"""

REPORTING_PHRASES = frozenset({"according to", "According to", "spoke of", "speaks of"})
"""Phrases that report speech like a verb (``according to X``). Used by framing._voice: reporting
clauses.
"""

# --- Page chrome (framing.clean) ------------------------------------------------------------------

# Building blocks. The patterns are matched case-insensitively; names are matched
# case-sensitively inside them ((?-i:...)), so that 'By Jane Doe' is a byline and 'By contrast,
# Moscow ...' is not. A name is two to four capitalised words (initials, words in capitals and
# lower-case particles allowed inside).
# Title-case function words are no names ('By Land And Sea', 'By The Numbers' are headings).
_NOT_NAMES = r"(?:And|AND|Or|OR|Of|OF|The|THE|In|IN|On|ON|At|AT|For|FOR|To|TO|With|WITH)\b"
_WORD = rf"(?!{_NOT_NAMES})[A-Z][\w'’.-]*"
_PARTICLE = r"(?:de|da|di|du|dos|del|der|den|van|von|bin|al|el|la|le)"
_NAME = rf"(?-i:{_WORD}(?: (?:{_WORD}|{_PARTICLE})){{1,3}})"
_NAMES = rf"{_NAME}(?:(?:,| and| &) {_NAME}){{0,4}}"
# Names as wire footers write them: 'Laura Zhou in Beijing and Guy Faulconbridge in Moscow'.
_WIRE_NAMES = rf"(?-i:{_WORD}(?:,? (?:{_WORD}|{_PARTICLE}|and|in|from|at|&)){{0,14}})"
# A credit names people and agencies: capitalised words, slashes, 'via', 'courtesy of the'; never
# a clause with a lower-case verb ('Photo: Xi and Putin shake hands' is a caption, kept).
_CREDIT_TOKEN = rf"(?:[A-Z0-9][\w'’.&-]*|of|the|and|via|for|courtesy|by|{_PARTICLE})"
CREDIT_BODY = rf"(?-i:{_CREDIT_TOKEN}(?:(?: ?[/|] ?|, |; | - | ){_CREDIT_TOKEN}){{0,11}})"
"""What a photo credit names: capitalised words (people, agencies), slashes, 'via', 'courtesy of
the'; never a clause with a lower-case verb ('Photo: Xi and Putin shake hands' is a caption,
kept). A regular-expression fragment. Used by framing.clean: photo credits, also at the end of a
caption.
"""
CREDIT_LABEL = (
    r"(?:(?:photo|image|picture|photograph|video|graphic|illustration)s?(?: credits?)?|credits?)"
)
"""The label of a photo credit ('Photo', 'Image credits', 'Video'), a regular-expression fragment.
Used by framing.clean: photo credits, also at the end of a caption.
"""
AGENCY = (
    r"(?:AFP|AP|Reuters|Getty Images|EPA(?:-EFE)?|Xinhua|TASS|Sputnik|RIA Novosti|Bloomberg|"
    r"PTI|ANI|HT Photo|File Photo|File|Pool)"
)
"""News and photo agencies that a credit or byline may name alone ('(AFP)', 'Jane Doe | Reuters'),
a regular-expression fragment. Used by framing.clean: photo credits and bylines.
"""
_TIME = r"(?:[0-9]{1,2}[:.][0-9]{2}(?: ?[ap]\.?m\.?)?|[0-9]{1,2} ?[ap]\.?m\.?)"
_ZONES = r"(?:gmt|utc|bst|cet|cest|eet|eest|msk|ist|pkt|hkt|sgt|jst|kst|bjt|[ecmp][sd]t)"
_ZONE = rf"(?: {_ZONES}(?:[+-][0-9]{{1,2}})?)"
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE = (
    rf"(?:{_MONTH} [0-9]{{1,2}}(?:st|nd|rd|th)?,? [0-9]{{4}}|"
    rf"[0-9]{{1,2}}(?:st|nd|rd|th)? {_MONTH},? [0-9]{{4}}|"
    r"[0-9]{4}-[0-9]{2}-[0-9]{2})"
)
_WEEKDAY = r"(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,? )"
_STAMP = r"(?:(?:last )?(?:updated|published|posted|first published|modified)(?: on| at)?:? ?)"
# '2 hours ago'; in words only after a stamp ('Updated a year ago'; 'A year ago' is a heading).
_AGO_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago"
_AGO = rf"(?:[0-9]+ {_AGO_UNIT}|just now)"
_AGO_WORDS = rf"(?:a|an|one|two|three|few|several) {_AGO_UNIT}"
_NETWORKS = (
    r"(?:facebook|twitter|x|whatsapp|linkedin|reddit|telegram|pinterest|email|e-mail|messenger|"
    r"weibo|wechat|vk|flipboard|bluesky|threads|mastodon)"
)

CHROME_STRONG = [
    (
        "share prompt",
        "fa fl fo sh te th tw co li pi pr e- em x we wh re ma me vk bl",
        rf"(follow us( on)?( [\w@.-]+){{0,2}}|follow @\w+( on \w+)?|"
        rf"share( this| the)?( article| story| page| post| link)?( on| via| to| with)?"
        rf"( {_NETWORKS})?( \(opens (in )?(a )?new (window|tab)\))?|"
        r"tweet( this)?|copy( the)? link|link copied|print( this)?( article| page)?|"
        r"email( this)?( article)?|"
        rf"{_NETWORKS}( \| \w+)*)",
    ),
    (
        "subscribe prompt",
        "si st su ge ne co al lo be jo",
        r"(subscribe|subscribe (now|today|here)|subscribe (to|for) [\w .'’&-]{1,40}|"
        r"sign up( now| today)?( for| to)? (our |the )?(free )?(daily |weekly )?"
        r"newsletters?.{0,60}|"
        r"sign up( now| today)? (for|to) (our|the|a) [\w .'’&-]{1,40} newsletters?|"
        r"get (our|the) (free )?[\w .'’&-]{0,30}newsletters?|newsletters?|"
        r"start [0-9]+ days? free trial( subscribe now)?|subscribe now|"
        r"continue reading with .{0,60}subscription|"
        r"already (a subscriber|have an account)\??.{0,40}|(log|sign) ?in( to .{0,40})?|"
        r"(become|join) (a|our) (member|subscriber|supporter)s?.{0,60})",
    ),
    (
        "advertisement",
        "go ad sp st co",
        r"(google )?(ads?|advertisements?)( [0-9]+)?|sponsored( content| links?)?|"
        r"advertisement ?- ?(scroll|continue) .{0,40}|"
        r"(story )?continues below( (this )?advertisement)?|continue reading below",
    ),
    (
        "comment prompt",
        "le po ad wr vi sh re co jo ha 0 1 2 3 4 5 6 7 8 9",
        r"(leave|post|add|write) a comment|[0-9]+ comments?|(view|show|read) "
        r"(all )?comments?|comments?|join the (conversation|discussion)|have your say",
    ),
    # A breadcrumb trail at the top of a page: "Home | World | Asia", "Home > News".
    ("breadcrumb", "ho", r"home( ?[|>›»/] ?[\w &'’-]{1,25}){1,6}"),
    (
        "page control",
        "cl co op ou ge sa se sh si sk st me mo my ho ba bo br fr li lo pl pr re ta to tr ac al "
        "an yo ke we ne ed ex",
        r"(close|close_game|open popup|open app|get the app|sign out|saved articles|my reads|"
        r"menu|search|home|skip to (main )?content|"
        r"story saved|save (article|story)|bookmark|live score|freemium|premium|read more|"
        r"see also|related( articles?| stories| news| content| coverage| topics)?|"
        r"also read|more stories|more (on|about) this (story|topic)|"
        r"(more from|more on)(?-i:(?: (?:[A-Z0-9][\w'’&.-]*|the|of|and|&)){1,6})|"
        r"trending( now)?|most (read|popular|viewed|shared)|recommended( for you| stories)?|"
        r"you (may|might) also like|show (more|less)|topics|tags|key events|"
        r"show key events only|loading(\.{1,3}|…)?|"
        r"please (enable|turn on) javascript.{0,60}|contact us|"
        r"our standards: .{0,60}|(acquire )?licensing rights(, opens new tab)?|"
        r"top stories|welcome back!?|back to top|next article|previous article|load more|"
        r"click (on )?(here|the image|the button).{0,100}|"
        r"(live|opinion|analysis|commentary|editorial|explainer|breaking( news)?|exclusive|"
        r"news analysis))",
    ),
    # 'Read more: Putin lands in Beijing', 'RELATED: What the pipeline means for Europe'.
    (
        "related link",
        "re al up se mo",
        r"(read more|also read|read also|read next|up next|see also|more on this( story)?|"
        r"related( articles?| stories| coverage)?) ?[:|»›] ?.{1,100}",
    ),
    (
        "byline",
        "by ed pr te tr wo wr co re",
        rf"(?-i:By|BY|by) {_NAMES}((,| \||) (?-i:{_WORD}(?: {_WORD}){{0,3}}))?|"
        r"by (our|a|staff) (own )?(staff )?(correspondents?|reporters?|writers?)( in \w+)?|"
        r"(editors?|edited by|produced by|written by|translated by|compiled by|"
        rf"text by|words by) ?:? {_NAMES}|"
        rf"reporting from (?-i:{_WORD}(?:(?:,| and) {_WORD}){{0,4}})",
    ),
    (
        "dateline",
        "la up po pu fe fi fr ma mo 0 1 2 3 4 5 6 7 8 9 th tu we sa se su ja ju ap au oc no de",
        rf"{_STAMP}?({_TIME}{_ZONE}?,? )?{_WEEKDAY}?{_DATE}"
        rf"((,| /| -| \|)? (at )?{_TIME}{_ZONE}?)?|"
        rf"{_STAMP}?{_AGO}|{_STAMP}{_AGO_WORDS}|"
        # A bare time on its own line (a live blog's entries): '10:32 GMT', '9.15 a.m.'.
        rf"([0-9]{{1,2}}:[0-9]{{2}}( ?[ap]\.?m\.?)?|"
        rf"[0-9]{{1,2}}(\.[0-9]{{2}})? ?[ap]\.?m\.?){_ZONE}?|"
        rf"[0-9]{{1,2}}\.[0-9]{{2}}{_ZONE}",
    ),
    (
        "reading time",
        "0 1 2 3 4 5 6 7 8 9 es re li pl",
        r"([0-9]{1,3} ?(min|mins|minutes?)( read| listen| watch)?|"
        r"(estimated )?reading time:? [0-9]{1,3} ?(min|mins|minutes?)|"
        r"listen( to)?( this)?( article| story)?( \(?[0-9]{1,3} ?(min|mins|minutes?)\)?)?|"
        r"play audio|listen now)",
    ),
    (
        "photo credit",
        "ph pi il im vi gr cr (",
        rf"({CREDIT_LABEL}: {CREDIT_BODY}|"
        rf"(photo|image|picture|photograph)s? (credits?|courtesy)( of)?:? {CREDIT_BODY}|"
        rf"\({CREDIT_LABEL}:? {CREDIT_BODY}\)|"
        rf"\((?-i:{AGENCY})\))",
    ),
    (
        "cookie notice",
        "ac al re de ma co pr te",
        # A lone 'Decline' or 'Refuse' may be a heading: only 'Accept' stands alone.
        r"accept|(accept|allow|reject|decline|refuse)(( all| essential| necessary| optional)"
        r"( cookies)?| cookies)|(manage|cookie|privacy) (preferences|settings|choices|options)|"
        r"cookie (policy|notice|consent)|privacy policy|terms (of use|of service|and conditions)",
    ),
]
"""Lines removed wherever they stand: (reason, the one- or two-character prefixes such a line can
start with in lower case, space-separated, pattern matched against the whole stripped line). A
pattern is tried only on the lines whose first two characters its prefixes allow
(tests/test_clean.py checks the prefixes against the patterns). Used by framing.clean: every line
up to 120 characters, tried by its first two characters.
"""
CHROME_GATED = [
    (
        "photo credit",
        ("/", " via ", "images", "photo"),
        r"[\w .'’-]{0,40}/ ?(getty|reuters|afp|ap|epa|pool|sputnik|xinhua|tass|bloomberg)"
        r"( \w+){0,2}|"
        rf"(xinhua|reuters|afp|epa(-efe)?|sputnik|tass|ria novosti|pool) ?/ ?{CREDIT_BODY}|"
        rf"{CREDIT_BODY} via (?-i:Getty Images|Reuters|AP|AFP|EPA)|"
        r"([\w.'’/-]+( [\w.'’/-]+){0,3}/)?(getty|shutterstock|alamy) (images|photos?)",
    ),
    ("byline", ("|",), rf"{_NAME} \| {AGENCY}"),
]
"""Short-line chrome that can start with any word, tried only on lines holding one of the
(lower-case) needles: a pattern that can start anywhere is slow to fail on every line. Used by
framing.clean.
"""
CHROME_LONG = [
    (
        "cookie notice",
        "we th ou",
        r"(we|this (site|website)|our (site|website)) uses? cookies\b.{0,500}",
    ),
    (
        "copyright",
        "co (c © a",
        r"((copyright|\(c\)) ?©? ?[0-9]{4}|©).{0,500}|all rights reserved\..{0,300}|"
        r"all rights reserved|"
        r"a version of this article (appears|appeared) in print .{0,400}",
    ),
    (
        "wire footer",
        "ad re wr ed pr co tr",
        rf"((additional )?(reporting|writing|editing|production|compiled|translation) by "
        rf"{_WIRE_NAMES}(;|,|\.)? ?)+",
    ),
]
"""Chrome that can run longer than a short line (up to ``_MAX_CHROME_LINE`` characters): matched on
every line, short or long. Used by framing.clean (``_MAX_CHROME_LINE`` there).
"""
CHROME_CONTAINS = [
    (
        "app promotion",
        r"\b(download|get|install) (the|our) [\w .'’-]{0,30}\bapp\b|"
        r"\bdownload now\b",
    ),
    (
        "donation prompt",
        r"\b(we need your support|your (contribution|donation|support) "
        r"(will )?helps?|please (consider )?(donate|support us)|donate (now|today)|"
        r"support (independent|our) journalism)\b",
    ),
]
"""Lines up to ``_MAX_CHROME_LINE`` characters removed wherever they stand when they contain these
in a prompt form: the phrase starts the line or one of its sentences (not a quotation: '"We need
your support," Putin told Xi' is prose), or the line is short and has neither closing
punctuation nor quotation marks ('Click here to download the app'). Used by framing.clean, with
``CONTAINS_HINTS``.
"""
CHROME_WEAK = [
    (
        "author bio",
        # 'Jane Doe is a correspondent for ...', 'Sutirtho Patranobis, HT's China hand, writes a
        # weekly column ...': the name starts the line ('..., who is a former correspondent for
        # RIA Novosti' in an article's last paragraph is prose).
        rf"{_NAME}(, [^,]{{1,80}},)? (writes (a |an )?(weekly |regular |monthly |fortnightly )?"
        r"column|is (a|an|the) [^.;]{0,60}?(correspondent|columnist|editor|contributor|reporter|"
        r"bureau chief)\b).{0,600}",
    ),
    (
        "disclaimer",
        r"(the )?views expressed (here |in this article )?are (personal|the author'?s? "
        r"own|those of the author).{0,80}",
    ),
    (
        "credit line",
        # 'X reported from Moscow; Y from Beijing', 'X contributed reporting', 'X contributed to
        # this report' ('Chinese investment contributed to a boom ...' is prose).
        rf"{_WIRE_NAMES} (reported from|contributed reporting|contributed (additional )?"
        r"reporting from) .{0,160}|"
        r"(?-i:[A-Z])[^.!?]{0,120} contributed (additional )?(reporting )?to this "
        r"(report|article|story)",
    ),
    (
        "site promotion",
        r"get (the )?latest .{0,60}\bnews\b.{0,300}",
    ),
]
"""Lines removed only inside the block of chrome that closes a page. Used by framing.clean."""
CHROME_WEAK_ANYWHERE = [
    (
        "author bio",
        ("exclusively for", "follow him", "follow her", "follow them"),
        r"\b(exclusively for .{0,30} readers|follow (him|her|them) on)\b",
    ),
    (
        "site promotion",
        ("know more", "you can"),
        r"\b(know more about this project|you can (now )?(support us|combat))\b",
    ),
    ("site promotion", ("paper", "book", "magazine", "infographic", "newsletter"), None),
    (
        "navigation list",
        (" i ", "|", "•", "·"),
        r"^([\w'’-]+( [\w'’-]+){0,3} (I|\||•|·) ){2,}[\w'’-]+( [\w'’-]+){0,3}[.:!]?$",
    ),
]
"""Weak chrome found anywhere in a line (searched, not matched from the start), each tried only on
lines holding one of its needles (lower case) and, for the site's products, on lines of up to
``_PRODUCT_WORDS`` words ('CDT EBOOKS', 'Daily E-Paper'). Used by framing.clean
(``_PRODUCT_WORDS`` there; ``None``: the ``PRODUCTS`` pattern).
"""

PRODUCTS = r"\b(e-?paper|e-?books?|e-?magazines?|infographics|newsletters?)\b"
"""A site's own products ('CDT EBOOKS', 'Daily E-Paper'): on a short line in the block of chrome
that closes a page, a site promotion (the ``None`` pattern of ``CHROME_WEAK_ANYWHERE``). Used by
framing.clean.
"""
LIST_HEADINGS = (
    r"((related( articles?| stories| news| content| coverage| topics)?|more stories|topics|"
    r"tags|most (read|popular|viewed|shared)|recommended( for you| stories)?|"
    r"you (may|might) also like):?|(read more|see also|also read|more (on|about) this "
    r"(story|topic)):)"
)
"""A heading over a list of links or tags: the short lines right below it (same paragraph) are
link or tag lists ('Related:' / 'Putin lands in Beijing for two-day visit'). Every heading is also
a 'page control' line of ``CHROME_STRONG``. Used by framing.clean.
"""
CONTAINS_HINTS = {
    "download": ("download",),
    " app": (" app ", " app.", " app!", " app\n", " app,", " app:"),
    "donat": ("donat",),
    "your ": ("your support", "your contribution"),
    "support ": ("support independent", "support our", "support us"),
}
"""Cheap substring tests that every line matching ``CHROME_CONTAINS`` passes (lower-cased line),
grouped by a common prefix: one pass over the text per prefix, then the full hints at each hit.
Used by framing.clean.
"""
