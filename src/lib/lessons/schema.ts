// The lesson file format as a schema. No file system here: the player (browser) and the
// loader (server) share these types. The format is documented in lessons/README.md.
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

const slug = v.pipe(
	v.string(),
	v.regex(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/, 'gebruik kleine letters, cijfers, - en .')
);
const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'mag niet leeg zijn'));
const feedback = v.pipe(
	v.string(),
	v.trim(),
	v.minLength(12, 'feedback moet uitleggen waarom (minstens 12 tekens)')
);
const band = v.picklist(BANDS);
const bandRecord = <T extends v.GenericSchema>(schema: T) =>
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

const OptionSchema = v.strictObject({
	id: slug,
	text: text,
	correct: v.boolean(),
	/** Why this option is right or wrong; shown after the pupil picks it. */
	feedback: feedback
});
export type Option = v.InferOutput<typeof OptionSchema>;

const stepBase = {
	id: slug,
	/** Optional picture from static/pictures (name without .svg). */
	picture: v.optional(slug),
	/** Rules this step checks, when narrower than the lesson's rules (for mastery per rule). */
	rules: v.optional(v.array(slug)),
	/** Goals this step checks, when narrower than the lesson's goals. */
	goals: v.optional(v.array(slug))
};

const UitlegSchema = v.strictObject({
	...stepBase,
	type: v.literal('uitleg'),
	title: text,
	text: text
});

const ScenarioSchema = v.pipe(
	v.strictObject({
		...stepBase,
		type: v.literal('scenario'),
		situation: text,
		question: text,
		options: v.pipe(v.array(OptionSchema), v.minLength(2), v.maxLength(5))
	}),
	v.check(
		(s) => s.options.filter((o) => o.correct).length === 1,
		'een scenario heeft precies één goede keuze (gebruik meerkeuze voor meer)'
	)
);

const MeerkeuzeSchema = v.pipe(
	v.strictObject({
		...stepBase,
		type: v.literal('meerkeuze'),
		situation: v.optional(text),
		question: text,
		options: v.pipe(v.array(OptionSchema), v.minLength(3), v.maxLength(6))
	}),
	v.check(
		(s) => s.options.some((o) => o.correct) && s.options.some((o) => !o.correct),
		'meerkeuze heeft minstens één goede en één foute keuze'
	)
);

const WaarNietWaarSchema = v.strictObject({
	...stepBase,
	type: v.literal('waar-niet-waar'),
	situation: v.optional(text),
	statement: text,
	answer: v.boolean(),
	feedback: v.strictObject({
		/** Shown when the pupil says "waar". */
		waar: feedback,
		/** Shown when the pupil says "niet waar". */
		nietWaar: feedback
	})
});

const SorteerSchema = v.pipe(
	v.strictObject({
		...stepBase,
		type: v.literal('sorteer'),
		instruction: text,
		bins: v.pipe(
			v.array(v.strictObject({ id: slug, label: text })),
			v.minLength(2),
			v.maxLength(3)
		),
		items: v.pipe(
			v.array(v.strictObject({ id: slug, text: text, bin: slug, feedback: feedback })),
			v.minLength(3),
			v.maxLength(8)
		)
	}),
	v.check(
		(s) => s.items.every((i) => s.bins.some((b) => b.id === i.bin)),
		'elk item moet in een bestaande bak horen'
	)
);

const denkNaCheck = v.strictObject({ answer: v.picklist(['ja', 'nee']), why: feedback });
const DenkNaSchema = v.strictObject({
	...stepBase,
	type: v.literal('denk-na'),
	situation: text,
	/** The post the pupil is about to place. */
	post: text,
	checks: v.strictObject({
		'doet-het-er-toe': denkNaCheck,
		eerlijk: denkNaCheck,
		nodig: denkNaCheck,
		'klopt-het': denkNaCheck,
		netjes: denkNaCheck,
		aardig: denkNaCheck
	}),
	/** The right decision after the six questions. */
	decision: v.picklist(['plaatsen', 'niet-plaatsen']),
	feedback: v.strictObject({ plaatsen: feedback, nietPlaatsen: feedback })
});

const ReflectieSchema = v.strictObject({
	...stepBase,
	type: v.literal('reflectie'),
	question: text,
	/** A hint for the pupil or the class talk. */
	hint: v.optional(text)
});

const OpJouwSchoolSchema = v.strictObject({
	...stepBase,
	type: v.literal('op-jouw-school'),
	topic: v.picklist(TOPICS),
	intro: v.optional(text)
});

const AfsluitingSchema = v.strictObject({
	...stepBase,
	type: v.literal('afsluiting'),
	title: v.optional(text),
	/** What the pupil learned, as short sentences. */
	summary: v.pipe(v.array(text), v.minLength(1))
});

export const StepSchema = v.variant('type', [
	UitlegSchema,
	ScenarioSchema,
	MeerkeuzeSchema,
	WaarNietWaarSchema,
	SorteerSchema,
	DenkNaSchema,
	ReflectieSchema,
	OpJouwSchoolSchema,
	AfsluitingSchema
]);
export type Step = v.InferOutput<typeof StepSchema>;
export type StepType = Step['type'];
export type StepOf<T extends StepType> = Extract<Step, { type: T }>;

/** Step types that ask something the pupil can get right or wrong. */
export const SCORED_TYPES = [
	'scenario',
	'meerkeuze',
	'waar-niet-waar',
	'sorteer',
	'denk-na'
] as const satisfies readonly StepType[];
export type ScoredStep = StepOf<(typeof SCORED_TYPES)[number]>;
export function isScored(step: Step): step is ScoredStep {
	return (SCORED_TYPES as readonly string[]).includes(step.type);
}

export const LessonSchema = v.pipe(
	v.strictObject({
		id: slug,
		title: text,
		band: band,
		minutes: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(45)),
		/** One sentence for teachers and parents: what this lesson is about. */
		summary: text,
		goals: v.pipe(v.array(slug), v.minLength(1)),
		rules: v.pipe(v.array(slug), v.minLength(1)),
		/** "Praat thuis over ...": shown to parents once the lesson is done. */
		homeTip: text,
		/** Prompts for the class talk, for the teacher. */
		discussion: v.pipe(v.array(text), v.minLength(1)),
		steps: v.pipe(v.array(StepSchema), v.minLength(3))
	}),
	v.check(
		(l) => new Set(l.steps.map((s) => s.id)).size === l.steps.length,
		'elke stap heeft een eigen id'
	),
	v.check(
		(l) => l.steps.at(-1)?.type === 'afsluiting',
		'de laatste stap is een afsluiting ("Klaar? Log uit")'
	)
);
export type LessonInput = v.InferOutput<typeof LessonSchema>;
/** A lesson as the app uses it: the file plus its content hash. */
export type Lesson = LessonInput & { version: string };

const QuestionSchema = v.variant('type', [ScenarioSchema, MeerkeuzeSchema, WaarNietWaarSchema]);
export type QuizQuestion = v.InferOutput<typeof QuestionSchema>;

export const QuizSchema = v.pipe(
	v.strictObject({
		id: slug,
		title: text,
		band: band,
		/** Form a is the voortoets, form b the natoets: parallel forms, not the same items. */
		form: v.picklist(['a', 'b']),
		minutes: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(45)),
		/** Every question carries its own goals, so growth can be shown per kerndoel. */
		questions: v.pipe(
			v.array(
				v.pipe(
					QuestionSchema,
					v.check((q) => (q.goals?.length ?? 0) > 0, 'elke quizvraag heeft goals')
				)
			),
			v.minLength(10),
			v.maxLength(15)
		)
	}),
	v.check(
		(q) => new Set(q.questions.map((s) => s.id)).size === q.questions.length,
		'elke vraag heeft een eigen id'
	)
);
export type Quiz = v.InferOutput<typeof QuizSchema> & { version: string };
