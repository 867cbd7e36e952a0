// The building blocks of the lesson file format: bands, topics, goals, protocols, and the
// fields every step shares. Activity types build their step schema from these (in
// src/lib/activities/<type>/logic.ts); schema.ts puts them together. No file system here.
import * as v from 'valibot';

export const BANDS = ['groep-3-4', 'groep-5-6', 'groep-7-8', 'vo-1-3'] as const;
export type Band = (typeof BANDS)[number];

export const BAND_LABELS: Record<Band, string> = {
	'groep-3-4': 'Groep 3-4',
	'groep-5-6': 'Groep 5-6',
	'groep-7-8': 'Groep 7-8',
	'vo-1-3': 'Klas 1-3 (vo)'
};

export const TOPICS = [
	'internet',
	'telefoon',
	'privacy',
	'vrienden-met-leraren',
	'respect-pesten',
	'posten',
	'wachtwoorden',
	'account-van-een-ander',
	'leeftijd',
	'auteursrecht',
	'informatie',
	'schermtijd-welzijn',
	'melden-hulp',
	'reclame',
	'oplichting',
	'discriminatie',
	'nieuws',
	'gamen',
	'ai'
] as const;
export type Topic = (typeof TOPICS)[number];

export const TOPIC_LABELS: Record<Topic, string> = {
	internet: 'Internet',
	telefoon: 'Telefoon',
	privacy: 'Privacy',
	'vrienden-met-leraren': 'Vrienden met leraren',
	'respect-pesten': 'Respect en pesten',
	posten: 'Posten (DENK NA)',
	wachtwoorden: 'Wachtwoorden',
	'account-van-een-ander': 'Account van een ander',
	leeftijd: 'Leeftijd',
	auteursrecht: 'Auteursrecht',
	informatie: 'Informatie en algoritmes',
	'schermtijd-welzijn': 'Schermtijd en welzijn',
	'melden-hulp': 'Melden en hulp vragen',
	reclame: 'Reclame, influencers en in-app aankopen',
	oplichting: 'Oplichting en phishing',
	discriminatie: 'Haat en discriminatie online',
	nieuws: 'Nieuws en desinformatie',
	gamen: 'Gamen',
	ai: 'Hoe AI werkt'
};

/** po (primary) or vo (lower secondary): SLO numbers the kerndoelen per sector. */
export type Sector = 'po' | 'vo';
export function sectorOf(band: Band): Sector {
	return band === 'vo-1-3' ? 'vo' : 'po';
}

/**
 * The six DENK NA questions from the Prinses Julianaschool protocol, in order. `letter` is the
 * letter of DENK NA it stands for (D, E, N, K, N, A); `simple` is the wording for groep 3-4,
 * read aloud to 6-year-olds, with the same letter up front. The idea is "denk na" before you
 * post, not "six yeses": a doubt on any question is a reason to wait or ask first.
 */
export const DENK_NA_QUESTIONS = [
	{
		id: 'doet-het-er-toe',
		letter: 'D',
		label: 'Doet het ertoe?',
		simple: 'Doet het ertoe: is het belangrijk?'
	},
	{ id: 'eerlijk', letter: 'E', label: 'Is het eerlijk?', simple: 'Eerlijk: is het niet gejokt?' },
	{ id: 'nodig', letter: 'N', label: 'Is het nodig?', simple: 'Nodig: moet het echt?' },
	{ id: 'klopt-het', letter: 'K', label: 'Klopt het?', simple: 'Klopt het: is het echt waar?' },
	{ id: 'netjes', letter: 'N', label: 'Is het netjes?', simple: 'Netjes: zonder vieze woorden?' },
	{
		id: 'aardig',
		letter: 'A',
		label: 'Is het aardig?',
		simple: 'Aardig: is het lief voor een ander?'
	}
] as const satisfies readonly { id: string; letter: string; label: string; simple: string }[];
export type DenkNaQuestion = (typeof DENK_NA_QUESTIONS)[number];
export type DenkNaQuestionId = (typeof DENK_NA_QUESTIONS)[number]['id'];

export const slug = v.pipe(
	v.string(),
	v.regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'gebruik kleine letters, cijfers, - en .')
);
export const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'mag niet leeg zijn'));
export const feedback = v.pipe(
	v.string(),
	v.trim(),
	v.minLength(12, 'feedback moet uitleggen waarom (minstens 12 tekens)')
);
export const band = v.picklist(BANDS);
export const bandRecord = <T extends v.GenericSchema>(schema: T) =>
	v.strictObject({
		'groep-3-4': v.optional(schema),
		'groep-5-6': v.optional(schema),
		'groep-7-8': v.optional(schema),
		'vo-1-3': v.optional(schema)
	});

// ---------------------------------------------------------------- goals and protocols

const goalCode = v.pipe(v.string(), v.regex(/^2[1-4][A-D]$/, 'een SLO-code zoals 24A'));
export const GoalSchema = v.strictObject({
	/** Stable: lessons and stored answers refer to it; codes and titles may change. */
	id: slug,
	/** The SLO code per sector (po 22A-24C, vo 21A-23C). */
	code: v.strictObject({ po: goalCode, vo: goalCode }),
	domain: text,
	title: text,
	/** The kernzin. */
	description: text,
	/** The elements ("het gaat hierbij om"), where the library tags at that level. */
	elements: v.optional(v.array(text))
});
export type Goal = v.InferOutput<typeof GoalSchema>;

/** "24A Veiligheid en privacy": the code of the sector the reader teaches in. */
export function goalLabel(goal: Goal, sector: Sector): string {
	return `${goal.code[sector]} ${goal.title}`;
}
export const GoalsFileSchema = v.strictObject({
	goals: v.pipe(v.array(GoalSchema), v.minLength(1))
});

export const RuleSchema = v.strictObject({
	/** Globally unique; by convention `<protocol id>.<rule>`. */
	id: slug,
	topic: v.picklist(TOPICS),
	/** Where it stands in the source document: file name and section. */
	source: text,
	/** The bands the rule applies to; each of them must be covered by a lesson of that band. */
	bands: v.pipe(v.array(band), v.minLength(1)),
	/** The rule as a pupil reads it. */
	text: text,
	/** Other wording for some bands (e.g. shorter for groep 3-4). */
	textByBand: v.optional(bandRecord(text)),
	/** For every band NOT in `bands`: why the rule does not apply there. */
	notApplicable: v.optional(bandRecord(text))
});
export type Rule = v.InferOutput<typeof RuleSchema>;

export const ProtocolSchema = v.strictObject({
	id: slug,
	/** The school or foundation, as a school admin recognises it. */
	name: text,
	/** Short line on what this protocol is. */
	description: text,
	/** The seed document it comes from (file name), or "generiek". */
	document: text,
	rules: v.pipe(v.array(RuleSchema), v.minLength(1))
});
export type Protocol = v.InferOutput<typeof ProtocolSchema>;

// ---------------------------------------------------------------- steps

export const OptionSchema = v.strictObject({
	id: slug,
	text: text,
	correct: v.boolean(),
	/** Why this option is right or wrong; shown after the pupil picks it. */
	feedback: feedback
});
export type Option = v.InferOutput<typeof OptionSchema>;

export const stepBase = {
	id: slug,
	/** Optional picture from static/pictures (name without .svg). */
	picture: v.optional(slug),
	/** Rules this step checks, when narrower than the lesson's rules (for mastery per rule). */
	rules: v.optional(v.array(slug)),
	/** Goals this step checks, when narrower than the lesson's goals. */
	goals: v.optional(v.array(slug))
};
