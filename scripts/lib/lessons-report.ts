// Coverage of the protocols' rules and readability per band: what `npm run lessons` checks
// and reports. Kept apart from the loader so start-up does not pay for it.
import {
	BANDS,
	isScored,
	type Band,
	type Lesson,
	type Step
} from '../../src/lib/lessons/schema.ts';
import { ruleText, type LessonLibrary } from '../../src/lib/server/lessons.ts';

/** Limits per band: average words per sentence at most, Flesch-Douma reading ease at least. */
export const READABILITY_LIMITS: Record<Band, { wordsPerSentence: number; douma: number }> = {
	'groep-3-4': { wordsPerSentence: 9, douma: 75 },
	'groep-5-6': { wordsPerSentence: 12, douma: 65 },
	'groep-7-8': { wordsPerSentence: 15, douma: 55 },
	'vo-1-3': { wordsPerSentence: 18, douma: 45 }
};

export interface Readability {
	sentences: number;
	words: number;
	wordsPerSentence: number;
	syllablesPerWord: number;
	/** Flesch-Douma: 206.84 - 0.93 * words/sentence - 77 * syllables/word. Higher is easier. */
	douma: number;
}

/** Dutch syllables, counted as groups of vowels ("oe", "ui", "aa" are one). */
export function syllables(word: string): number {
	const groups = word.toLowerCase().match(/[aeiouyáéíóúàèëïöüâêîôû]+/g);
	return Math.max(1, groups?.length ?? 0);
}

export function readability(texts: string[]): Readability {
	let sentences = 0;
	let words = 0;
	let syl = 0;
	for (const text of texts) {
		const parts = text
			.split(/(?<=[.!?])\s+|\n+/)
			.map((s) => s.trim())
			.filter((s) => /\p{L}/u.test(s));
		for (const sentence of parts) {
			const w = sentence.match(/[\p{L}\p{N}'’-]+/gu) ?? [];
			if (w.length === 0) continue;
			sentences += 1;
			words += w.length;
			syl += w.reduce((n, word) => n + syllables(word), 0);
		}
	}
	const wps = sentences ? words / sentences : 0;
	const spw = words ? syl / words : 0;
	return {
		sentences,
		words,
		wordsPerSentence: round(wps),
		syllablesPerWord: round(spw),
		douma: round(206.84 - 0.93 * wps - 77 * spw)
	};
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Everything a pupil reads in a step. */
export function pupilTexts(step: Step): string[] {
	switch (step.type) {
		case 'uitleg':
			return [step.title, step.text];
		case 'scenario':
		case 'meerkeuze':
			return [
				step.situation ?? '',
				step.question,
				...step.options.flatMap((o) => [o.text, o.feedback])
			];
		case 'waar-niet-waar':
			return [step.situation ?? '', step.statement, step.feedback.waar, step.feedback.nietWaar];
		case 'sorteer':
			return [
				step.instruction,
				...step.bins.map((b) => b.label),
				...step.items.flatMap((i) => [i.text, i.feedback])
			];
		case 'denk-na':
			return [
				step.situation,
				step.post,
				...Object.values(step.checks).map((c) => c.why),
				step.feedback.plaatsen,
				step.feedback.nietPlaatsen
			];
		case 'reflectie':
			return [step.question, step.hint ?? ''];
		case 'op-jouw-school':
			return [step.intro ?? ''];
		case 'afsluiting':
			return [step.title ?? '', ...step.summary];
	}
}

export function lessonReadability(lesson: Pick<Lesson, 'steps'>): Readability {
	return readability(lesson.steps.flatMap(pupilTexts).filter(Boolean));
}

export interface Problem {
	file: string;
	message: string;
}

/** Problems beyond the schema: uncovered rules and text too hard for the band. */
export function libraryProblems(library: LessonLibrary): Problem[] {
	const problems: Problem[] = [];
	for (const protocol of library.protocols) {
		for (const rule of protocol.rules) {
			for (const band of rule.bands) {
				const covered = library.lessons.some((l) => l.band === band && l.rules.includes(rule.id));
				if (!covered)
					problems.push({
						file: `protocols/${protocol.id}.yaml`,
						message: `regel "${rule.id}" wordt in ${band} door geen les behandeld (voeg een les toe of zet een reden bij notApplicable.${band})`
					});
			}
		}
	}
	const texts = [
		...library.lessons.map((l) => ({
			band: l.band,
			file: `${l.band}/${l.id}.yaml`,
			steps: l.steps
		})),
		...library.quizzes.map((q) => ({
			band: q.band,
			file: `quizzes/${q.band}.yaml`,
			steps: q.questions
		}))
	];
	for (const lesson of texts) {
		const r = lessonReadability(lesson);
		const limit = READABILITY_LIMITS[lesson.band];
		const file = lesson.file;
		if (r.wordsPerSentence > limit.wordsPerSentence)
			problems.push({
				file,
				message: `zinnen te lang voor ${lesson.band}: gemiddeld ${r.wordsPerSentence} woorden (max ${limit.wordsPerSentence})`
			});
		if (r.douma < limit.douma)
			problems.push({
				file,
				message: `te moeilijk voor ${lesson.band}: Flesch-Douma ${r.douma} (min ${limit.douma})`
			});
	}
	for (const band of BANDS) {
		if (!library.lessons.some((l) => l.band === band))
			problems.push({ file: band, message: `geen lessen voor ${band}` });
	}
	return problems;
}

/** The `report --json` contract other tools rely on. */
export function libraryReport(library: LessonLibrary) {
	return {
		lessons: library.lessons.map((l) => ({
			id: l.id,
			band: l.band,
			title: l.title,
			minutes: l.minutes,
			version: l.version,
			goals: l.goals,
			rules: l.rules,
			readability: lessonReadability(l),
			steps: l.steps.map((s) => ({
				id: s.id,
				type: s.type,
				scored: isScored(s),
				...stepOptions(s)
			}))
		})),
		rules: library.protocols.flatMap((p) =>
			p.rules.map((rule) => {
				const reasons = Object.entries(rule.notApplicable ?? {});
				return {
					id: rule.id,
					protocol: p.id,
					topic: rule.topic,
					text: rule.text,
					textByBand: Object.fromEntries(rule.bands.map((b) => [b, ruleText(rule, b)])),
					source: rule.source,
					bands: rule.bands,
					coveredBy: library.lessons.filter((l) => l.rules.includes(rule.id)).map((l) => l.id),
					...(reasons.length
						? {
								notApplicableReason: reasons.map(([b, why]) => `${b}: ${why}`).join(' '),
								notApplicable: rule.notApplicable
							}
						: {})
				};
			})
		),
		goals: library.goals.map((g) => ({ id: g.id, code: g.code, title: g.title })),
		quizzes: library.quizzes.map((q) => ({
			id: q.id,
			band: q.band,
			title: q.title,
			readability: lessonReadability({ steps: q.questions }),
			questions: q.questions.map((s) => ({
				id: s.id,
				type: s.type,
				goals: s.goals,
				...stepOptions(s)
			}))
		})),
		readabilityLimits: READABILITY_LIMITS
	};
}

function stepOptions(step: Step) {
	switch (step.type) {
		case 'scenario':
		case 'meerkeuze':
			return {
				options: step.options.map((o) => ({ id: o.id, correct: o.correct, feedback: o.feedback }))
			};
		case 'waar-niet-waar':
			return {
				options: [
					{ id: 'waar', correct: step.answer, feedback: step.feedback.waar },
					{ id: 'niet-waar', correct: !step.answer, feedback: step.feedback.nietWaar }
				]
			};
		case 'denk-na':
			return {
				options: [
					{
						id: 'plaatsen',
						correct: step.decision === 'plaatsen',
						feedback: step.feedback.plaatsen
					},
					{
						id: 'niet-plaatsen',
						correct: step.decision === 'niet-plaatsen',
						feedback: step.feedback.nietPlaatsen
					}
				]
			};
		case 'sorteer':
			return { items: step.items.map((i) => ({ id: i.id, bin: i.bin, feedback: i.feedback })) };
		default:
			return {};
	}
}
