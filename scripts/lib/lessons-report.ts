// Coverage of the protocols' rules, readability, content lints and measurement bias per band:
// what `npm run lessons` checks and reports. Kept apart from the loader so start-up does not
// pay for it. The review checklist behind the lints is lessons/REVIEW.md.
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
	BANDS,
	isScored,
	type Band,
	type Lesson,
	type Quiz,
	type Step
} from '../../src/lib/lessons/schema.ts';
import { ruleText, type LessonLibrary } from '../../src/lib/server/lessons.ts';
import { countedOptions, feedbackTexts, fileTexts } from '../../src/lib/activities/index.ts';

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

/** Everything a pupil reads in a step (each activity type says what that is). */
export const pupilTexts = fileTexts;

export function lessonReadability(lesson: Pick<Lesson, 'steps'>): Readability {
	return readability(lesson.steps.flatMap(pupilTexts).filter(Boolean));
}

export interface Problem {
	file: string;
	message: string;
}

// ---------------------------------------------------------------- where texts live

/** A lesson or a quiz: the unit a band's texts and scored items come from. */
interface Unit {
	band: Band;
	/** Path inside lessons/. */
	file: string;
	steps: Step[];
}

/**
 * The file of each quiz, by id. The loader does not keep file names, so they are read back
 * from lessons/quizzes/; a quiz that is not found there gets the conventional name
 * (`quizzes/<band>.yaml` for form a, `quizzes/<band>-b.yaml` for form b).
 */
function quizFiles(library: LessonLibrary): Map<string, string> {
	const files = new Map<string, string>();
	const dir = path.join(library.dir, 'quizzes');
	if (fs.existsSync(dir)) {
		for (const f of fs
			.readdirSync(dir)
			.filter((f) => /\.ya?ml$/.test(f))
			.sort()) {
			try {
				const id = (parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { id?: unknown })?.id;
				if (typeof id === 'string' && !files.has(id)) files.set(id, `quizzes/${f}`);
			} catch {
				// The loader already refused unreadable files; a stray one is not a quiz.
			}
		}
	}
	return files;
}

export function quizFile(quiz: Pick<Quiz, 'band' | 'form'>): string {
	return `quizzes/${quiz.band}${quiz.form === 'b' ? '-b' : ''}.yaml`;
}

function units(library: LessonLibrary): Unit[] {
	const files = quizFiles(library);
	return [
		...library.lessons.map((l) => ({
			band: l.band,
			file: `${l.band}/${l.id}.yaml`,
			steps: l.steps
		})),
		...library.quizzes.map((q) => ({
			band: q.band,
			file: files.get(q.id) ?? quizFile(q),
			steps: q.questions as Step[]
		}))
	];
}

// ---------------------------------------------------------------- content lints

/** A text with where it stands, for the lints. */
interface Located {
	band: Band | null;
	file: string;
	/** "stap x", "regel y (groep-3-4)", "summary", ... */
	where: string;
	text: string;
}

function lessonTexts(library: LessonLibrary): Located[] {
	const out: Located[] = [];
	for (const unit of units(library)) {
		for (const step of unit.steps)
			for (const text of pupilTexts(step).filter(Boolean))
				out.push({ band: unit.band, file: unit.file, where: `stap ${step.id}`, text });
	}
	for (const l of library.lessons) {
		const file = `${l.band}/${l.id}.yaml`;
		const meta: [string, string][] = [
			['summary', l.summary],
			['homeTip', l.homeTip],
			...l.discussion.map((d, i): [string, string] => [`discussion.${i}`, d])
		];
		for (const [where, text] of meta) out.push({ band: l.band, file, where, text });
	}
	for (const p of library.protocols)
		for (const rule of p.rules)
			for (const band of rule.bands)
				out.push({
					band,
					file: `protocols/${p.id}.yaml`,
					where: `regel ${rule.id} (${band})`,
					text: ruleText(rule, band)
				});
	return out;
}

export interface Lint {
	id: string;
	/** Only texts of these bands (all when absent). */
	bands?: Band[];
	/** The offending words in the text, or null. */
	find(text: string): string | null;
	/** Why, and what to write instead. */
	reason: string;
}

const AFSPRAKEN = String.raw`(?:jij|je)\s+je\s+(?:wel\s+|goed\s+)?aan\s+de\s+(?:afspraken|regels)`;
const CONDITIONAL = new RegExp(
	String.raw`\b(?:(?:hield|houd|houdt)\s+${AFSPRAKEN}|als\s+${AFSPRAKEN}\s+(?:houdt|hield|hebt\s+gehouden))\b[^]{0,100}?\b(?:schuld\w*|fout|straf)\b`,
	'i'
);
const DELETE_NOW =
	/\b(?:moet|moeten)\s+(?:meteen|direct|gelijk|snel)\s+weg\b|\b(?:meteen|direct|gelijk)\s+(?:verwijderen|weghalen|wissen)\b|\bverwijder\s+(?:het|hem|dat|het bericht)\s+(?:meteen|direct|gelijk)\b/i;
const SHOWN_FIRST = /\b(?:zien|laten zien|screenshot\w*|bewijs|bewaar\w*)\b/i;
/** Deleting is only a problem for what someone else sent: a message, a nasty post. */
const SENT = /\b(?:\w*bericht\w*|gemeen\w*|pest\w*|dreig\w*|scheld\w*|reactie\w*|comment\w*)\b/i;

/** The review checklist, as far as a machine can check it: few and precise. */
export const LINTS: Lint[] = [
	{
		id: 'voorwaardelijk-niet-schuldig',
		find: (text) => text.match(CONDITIONAL)?.[0] ?? null,
		reason:
			'niet-schuldig mag geen voorwaarde hebben (REVIEW.md punt 1). Schrijf: "Ook als jij iets deed wat niet mocht: vertel het. Jij bent niet de schuldige."'
	},
	{
		id: 'juf-of-meester-in-vo',
		bands: ['vo-1-3'],
		find: (text) =>
			text.match(/\b(?:juf\s+(?:of|en)\s+meester|meester\s+(?:of|en)\s+juf)\b/i)?.[0] ?? null,
		reason: 'in het vo heet dat "je mentor" of "een docent", niet "juf of meester"'
	},
	{
		id: 'meteen-weg-zonder-bewijs',
		find: (text) => {
			const m = DELETE_NOW.exec(text);
			if (!m || !SENT.test(text)) return null;
			return SHOWN_FIRST.test(text.slice(0, m.index)) ? null : m[0];
		},
		reason:
			'eerst bewijs, dan weg (REVIEW.md punt 2). Schrijf (po): "Laat het eerst aan een grote zien; de juf zorgt dat het weg gaat." (vo): maak eerst screenshots van de berichten en het account'
	},
	{
		id: 'altijd-strafbaar',
		find: (text) => text.match(/\b(?:is|zijn)\s+altijd\s+strafbaar\b/i)?.[0] ?? null,
		reason:
			'schrijf "kan strafbaar zijn": of iets strafbaar is, hangt af van wat er gebeurde (REVIEW.md punt 4)'
	}
];

/** Every lint that fires on a text of this band, with the words it found. */
export function lintText(text: string, band: Band | null): { lint: Lint; found: string }[] {
	const hits: { lint: Lint; found: string }[] = [];
	for (const lint of LINTS) {
		if (lint.bands && (!band || !lint.bands.includes(band))) continue;
		const found = lint.find(text);
		if (found) hits.push({ lint, found });
	}
	return hits;
}

export { feedbackTexts };

/** The opener of a feedback text: its first three words, lower case. */
export function opener(text: string): string {
	return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 3).join(' ');
}

/** At most this share of a band's feedback texts may start with the same three words. */
export const OPENER_LIMIT = 0.1;
/** ... counted only when the opener is used this often (a small band is not flagged for 2). */
const OPENER_MIN = 3;

function where(list: string[], max = 6): string {
	const shown = list.slice(0, max).join(', ');
	return list.length > max ? `${shown} en ${list.length - max} meer` : shown;
}

// ---------------------------------------------------------------- measurement bias

/** Limits the dashboard's trust rests on (lessons/REVIEW.md, "Meetfouten"). */
export const BIAS_LIMITS = {
	/** The right option of a scenario with 3+ options sits at one position in at most this share. */
	position: 0.4,
	/** The right option is the strictly longest in at most this share. */
	longest: 0.4,
	/** The share of waar-niet-waar items whose answer is "waar". */
	waar: { min: 0.35, max: 0.65 }
};

export interface BandBias {
	/** Scenarios (lesson steps and quiz questions) with 3 or more options. */
	scenarios: number;
	/** Per YAML position (1 = first option): how often the right option sits there. */
	positions: { position: number; count: number; share: number }[];
	/** How often the right option is strictly longer (in characters) than every other option. */
	longest: { count: number; share: number };
	waarNietWaar: {
		items: number;
		waar: number;
		nietWaar: number;
		waarShare: number;
		nietWaarShare: number;
	};
}

interface ScoredItem {
	file: string;
	step: string;
	position?: number;
	options?: number;
	longest?: boolean;
	waar?: boolean;
}

function biasItems(library: LessonLibrary, band: Band): ScoredItem[] {
	const items: ScoredItem[] = [];
	for (const unit of units(library).filter((u) => u.band === band)) {
		for (const step of unit.steps) {
			if (step.type === 'scenario' && step.options.length >= 3) {
				const right = step.options.findIndex((o) => o.correct);
				const len = step.options[right]!.text.length;
				items.push({
					file: unit.file,
					step: step.id,
					position: right + 1,
					options: step.options.length,
					longest: step.options.every((o, i) => i === right || o.text.length < len)
				});
			} else if (step.type === 'waar-niet-waar') {
				items.push({ file: unit.file, step: step.id, waar: step.answer });
			}
		}
	}
	return items;
}

const share = (count: number, of: number) => (of ? Math.round((count / of) * 1000) / 1000 : 0);
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** The bias figures of one band, for the report and the checks. */
export function bandBias(library: LessonLibrary, band: Band): BandBias {
	const items = biasItems(library, band);
	const scenarios = items.filter((i) => i.position !== undefined);
	const most = Math.max(0, ...scenarios.map((i) => i.options!));
	const wnw = items.filter((i) => i.waar !== undefined);
	const waar = wnw.filter((i) => i.waar).length;
	const longest = scenarios.filter((i) => i.longest).length;
	return {
		scenarios: scenarios.length,
		positions: Array.from({ length: most }, (_, i) => {
			const count = scenarios.filter((s) => s.position === i + 1).length;
			return { position: i + 1, count, share: share(count, scenarios.length) };
		}),
		longest: { count: longest, share: share(longest, scenarios.length) },
		waarNietWaar: {
			items: wnw.length,
			waar,
			nietWaar: wnw.length - waar,
			waarShare: share(waar, wnw.length),
			nietWaarShare: share(wnw.length - waar, wnw.length)
		}
	};
}

function biasProblems(library: LessonLibrary): Problem[] {
	const problems: Problem[] = [];
	for (const band of BANDS) {
		const items = biasItems(library, band);
		const scenarios = items.filter((i) => i.position !== undefined);
		const n = scenarios.length;
		const at = (list: ScoredItem[]) => where(list.map((i) => `${i.file} stap ${i.step}`));
		if (n > 0) {
			const positions = [...new Set(scenarios.map((i) => i.position!))].sort();
			for (const position of positions) {
				const there = scenarios.filter((i) => i.position === position);
				if (there.length / n > BIAS_LIMITS.position)
					problems.push({
						file: band,
						message: `de goede keuze staat in ${there.length} van ${n} scenario's met 3+ keuzes (${percent(there.length / n)}) op plek ${position} (max ${percent(BIAS_LIMITS.position)}); zet de goede keuze vaker op een andere plek, bijvoorbeeld in ${at(there)}`
					});
			}
			const longest = scenarios.filter((i) => i.longest);
			if (longest.length / n > BIAS_LIMITS.longest)
				problems.push({
					file: band,
					message: `de goede keuze is in ${longest.length} van ${n} scenario's met 3+ keuzes (${percent(longest.length / n)}) de langste (max ${percent(BIAS_LIMITS.longest)}); maak de foute keuzes even echt en even lang, bijvoorbeeld in ${at(longest)}`
				});
		}
		const wnw = items.filter((i) => i.waar !== undefined);
		if (wnw.length > 0) {
			const waar = wnw.filter((i) => i.waar);
			const s = waar.length / wnw.length;
			if (s < BIAS_LIMITS.waar.min || s > BIAS_LIMITS.waar.max) {
				const many = s > BIAS_LIMITS.waar.max ? waar : wnw.filter((i) => !i.waar);
				problems.push({
					file: band,
					message: `${waar.length} van ${wnw.length} waar-niet-waar-vragen (${percent(s)}) hebben als antwoord "waar" (moet tussen ${percent(BIAS_LIMITS.waar.min)} en ${percent(BIAS_LIMITS.waar.max)}); draai er een paar om, met hun feedback, bijvoorbeeld in ${at(many)}`
				});
			}
		}
	}
	return problems;
}

function contentProblems(library: LessonLibrary): Problem[] {
	const problems: Problem[] = [];
	for (const t of lessonTexts(library))
		for (const { lint, found } of lintText(t.text, t.band))
			problems.push({ file: t.file, message: `${t.where}: "${found}": ${lint.reason}` });
	for (const band of BANDS) {
		const texts = units(library)
			.filter((u) => u.band === band)
			.flatMap((u) =>
				u.steps.flatMap((s) =>
					feedbackTexts(s).map((text) => ({ at: `${u.file} stap ${s.id}`, text }))
				)
			);
		const byOpener = new Map<string, string[]>();
		for (const t of texts) {
			const o = opener(t.text);
			if (o) byOpener.set(o, [...(byOpener.get(o) ?? []), t.at]);
		}
		for (const [o, at] of byOpener)
			if (at.length >= OPENER_MIN && at.length / texts.length > OPENER_LIMIT)
				problems.push({
					file: band,
					message: `${at.length} van ${texts.length} feedbackteksten (${percent(at.length / texts.length)}) beginnen met "${o}" (max ${percent(OPENER_LIMIT)}); begin ze verschillend, bijvoorbeeld in ${where([...new Set(at)])}`
				});
	}
	return problems;
}

/**
 * Problems beyond the schema: uncovered rules, text too hard for the band, the content lints
 * of lessons/REVIEW.md and measurement bias per band.
 */
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
	for (const unit of units(library)) {
		const r = lessonReadability(unit);
		const limit = READABILITY_LIMITS[unit.band];
		if (r.wordsPerSentence > limit.wordsPerSentence)
			problems.push({
				file: unit.file,
				message: `zinnen te lang voor ${unit.band}: gemiddeld ${r.wordsPerSentence} woorden (max ${limit.wordsPerSentence})`
			});
		if (r.douma < limit.douma)
			problems.push({
				file: unit.file,
				message: `te moeilijk voor ${unit.band}: Flesch-Douma ${r.douma} (min ${limit.douma})`
			});
	}
	for (const band of BANDS) {
		if (!library.lessons.some((l) => l.band === band))
			problems.push({ file: band, message: `geen lessen voor ${band}` });
	}
	problems.push(...contentProblems(library), ...biasProblems(library));
	return problems;
}

/** The `report --json` contract other tools rely on. */
export function libraryReport(library: LessonLibrary) {
	const quizFileById = quizFiles(library);
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
			/** a = voortoets, b = natoets. */
			form: q.form,
			file: quizFileById.get(q.id) ?? quizFile(q),
			title: q.title,
			readability: lessonReadability({ steps: q.questions }),
			questions: q.questions.map((s) => ({
				id: s.id,
				type: s.type,
				goals: s.goals,
				...stepOptions(s)
			}))
		})),
		readabilityLimits: READABILITY_LIMITS,
		/** Per band: where the right answers sit, over lesson steps and quiz questions. */
		bias: Object.fromEntries(BANDS.map((b) => [b, bandBias(library, b)])) as Record<Band, BandBias>,
		biasLimits: BIAS_LIMITS
	};
}

/** A scored step's options as statistics count them (sorteer: one per item and bin). */
function stepOptions(step: Step) {
	if (!isScored(step)) return {};
	return {
		options: countedOptions(step).map((o) => ({
			id: o.id,
			label: o.label,
			correct: o.correct,
			feedback: o.feedback
		}))
	};
}
