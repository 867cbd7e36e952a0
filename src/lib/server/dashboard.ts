// What a class (and a school) understands, from first tries: mastery per kerndoel and per rule
// of the school's protocol, the wrong answers many pupils chose, who needs help, and growth
// from the band quiz's voortoets to its natoets.
import { sql } from 'kysely';
import { bandQuiz, quizAnswerKey } from './quizzes.ts';
import type { DB } from './db/index.ts';
import type { QuizKind } from './db/schema.ts';
import type { LessonLibrary } from './lessons.ts';
import {
	goalLabel,
	isScored,
	sectorOf,
	type Band,
	type Goal,
	type ScoredStep,
	type Sector
} from '../lessons/schema.ts';
import type { Choice } from '../activities/index.ts';

// ---------------------------------------------------------------- mastery

export const MASTERY_LEVELS = ['nog-niet', 'geoefend', 'bekend', 'beheerst'] as const;
export type MasteryLevel = (typeof MASTERY_LEVELS)[number];
export const MASTERY_LABELS: Record<MasteryLevel, string> = {
	'nog-niet': 'Nog niet geoefend',
	geoefend: 'Geoefend',
	bekend: 'Bekend',
	beheerst: 'Beheerst'
};
/** Fewer first tries than this never count as "bekend" or "beheerst": too little to tell. */
export const MIN_QUESTIONS = 3;
export const FAMILIAR = 0.7;
export const PROFICIENT = 0.9;
/** A wrong option chosen by this share of the pupils who answered is a misconception. */
export const MISCONCEPTION_SHARE = 0.2;
/** Needs help: a kerndoel with at least MIN_QUESTIONS first tries and fewer right than this. */
export const HELP_BELOW = 0.5;
/** Needs help: a lesson started and untouched for this many days, or this many tries on a step. */
export const STUCK_DAYS = 7;
export const STUCK_TRIES = 3;

/** Khan Academy's levels on first tries: under 70 % geoefend, 70-89 % bekend, 90 %+ beheerst. */
export function masteryLevel(right: number, total: number): MasteryLevel {
	if (total === 0) return 'nog-niet';
	const share = right / total;
	if (total < MIN_QUESTIONS || share < FAMILIAR) return 'geoefend';
	return share >= PROFICIENT ? 'beheerst' : 'bekend';
}

export interface Tally {
	right: number;
	total: number;
}
const tally = (): Tally => ({ right: 0, total: 0 });
function add(map: Map<string, Tally>, key: string, correct: boolean) {
	let t = map.get(key);
	if (!t) map.set(key, (t = tally()));
	t.total++;
	if (correct) t.right++;
}

// ---------------------------------------------------------------- what each answer is about

interface StepInfo {
	goals: string[];
	rules: string[];
	step: ScoredStep;
	lessonId: string;
	quiz?: { id: string; kind: QuizKind };
}

const stepIndexes = new WeakMap<LessonLibrary, Map<string, StepInfo>>();

/** Per stored lesson_id + step_id: the goals and rules it checks (the step's, else the lesson's). */
function stepIndex(library: LessonLibrary): Map<string, StepInfo> {
	let index = stepIndexes.get(library);
	if (index) return index;
	index = new Map();
	for (const lesson of library.lessons)
		for (const step of lesson.steps)
			if (isScored(step))
				index.set(`${lesson.id}\u0000${step.id}`, {
					goals: step.goals ?? lesson.goals,
					rules: step.rules ?? lesson.rules,
					step,
					lessonId: lesson.id
				});
	for (const quiz of library.quizzes)
		for (const kind of ['voortoets', 'natoets'] as const)
			for (const q of quiz.questions)
				index.set(`${quizLessonId(quiz.id, kind)}\u0000${q.id}`, {
					goals: q.goals ?? [],
					rules: q.rules ?? [],
					step: q,
					lessonId: quiz.id,
					quiz: { id: quiz.id, kind }
				});
	stepIndexes.set(library, index);
	return index;
}

/** How quiz answers are stored in `answer`: lesson_id is the quiz id and the kind. */
export const quizLessonId = quizAnswerKey;

// ---------------------------------------------------------------- answer distribution

export interface OptionStat {
	id: string;
	label: string;
	correct: boolean;
	count: number;
	/** Share of the pupils who answered the question (first try). */
	share: number;
	/** What the pupil reads after choosing this option. */
	feedback: string;
	misconception: boolean;
}

export interface QuestionStat {
	stepId: string;
	type: ScoredStep['type'];
	question: string;
	/** The situation the question is about, when it has one. */
	situation: string | null;
	answered: number;
	rightFirst: number;
	options: OptionStat[];
}

export function questionText(step: ScoredStep): string {
	switch (step.type) {
		case 'scenario':
		case 'meerkeuze':
			return step.question;
		case 'waar-niet-waar':
			return `Waar of niet waar: ${step.statement}`;
		case 'sorteer':
			return step.instruction;
		case 'denk-na':
			return `Plaatsen of niet? "${step.post.trim()}"`;
	}
}

/** The options of a question as the dashboard counts them, each with a test on a choice. */
function countedOptions(
	step: ScoredStep
): (Omit<OptionStat, 'count' | 'share' | 'misconception'> & { chosen: (c: Choice) => boolean })[] {
	switch (step.type) {
		case 'scenario':
			return step.options.map((o) => ({
				id: o.id,
				label: o.text,
				correct: o.correct,
				feedback: o.feedback,
				chosen: (c) => c.type === 'scenario' && c.option === o.id
			}));
		case 'meerkeuze':
			return step.options.map((o) => ({
				id: o.id,
				label: o.text,
				correct: o.correct,
				feedback: o.feedback,
				chosen: (c) => c.type === 'meerkeuze' && c.options.includes(o.id)
			}));
		case 'waar-niet-waar':
			return [true, false].map((value) => ({
				id: value ? 'waar' : 'niet-waar',
				label: value ? 'Waar' : 'Niet waar',
				correct: step.answer === value,
				feedback: value ? step.feedback.waar : step.feedback.nietWaar,
				chosen: (c) => c.type === 'waar-niet-waar' && c.value === value
			}));
		case 'denk-na':
			return (['plaatsen', 'niet-plaatsen'] as const).map((decision) => ({
				id: decision,
				label: decision === 'plaatsen' ? 'Ik plaats het' : 'Ik plaats het niet',
				correct: step.decision === decision,
				feedback: decision === 'plaatsen' ? step.feedback.plaatsen : step.feedback.nietPlaatsen,
				chosen: (c) => c.type === 'denk-na' && c.decision === decision
			}));
		case 'sorteer':
			return step.items.flatMap((item) =>
				step.bins.map((bin) => ({
					id: `${item.id}:${bin.id}`,
					label: `${item.text} → ${bin.label}`,
					correct: item.bin === bin.id,
					feedback: item.feedback,
					chosen: (c: Choice) => c.type === 'sorteer' && c.placement[item.id] === bin.id
				}))
			);
	}
}

/** The distribution of first-try choices on one question. */
export function questionStats(step: ScoredStep, firstTries: Choice[]): QuestionStat {
	const options = countedOptions(step);
	const answered = firstTries.length;
	let rightFirst = 0;
	const counts = options.map(() => 0);
	for (const choice of firstTries) {
		options.forEach((o, i) => {
			if (o.chosen(choice)) counts[i]!++;
		});
		if (isRight(step, choice)) rightFirst++;
	}
	return {
		stepId: step.id,
		type: step.type,
		question: questionText(step),
		situation: 'situation' in step && step.situation ? step.situation.trim() : null,
		answered,
		rightFirst,
		options: options.map((o, i) => {
			const share = answered ? counts[i]! / answered : 0;
			return {
				id: o.id,
				label: o.label,
				correct: o.correct,
				feedback: o.feedback,
				count: counts[i]!,
				share,
				misconception: !o.correct && answered > 0 && share >= MISCONCEPTION_SHARE
			};
		})
	};
}

function isRight(step: ScoredStep, c: Choice): boolean {
	switch (step.type) {
		case 'scenario':
			return c.type === 'scenario' && step.options.some((o) => o.correct && o.id === c.option);
		case 'meerkeuze': {
			if (c.type !== 'meerkeuze') return false;
			const right = step.options.filter((o) => o.correct).map((o) => o.id);
			return right.length === c.options.length && right.every((id) => c.options.includes(id));
		}
		case 'waar-niet-waar':
			return c.type === 'waar-niet-waar' && c.value === step.answer;
		case 'sorteer':
			return c.type === 'sorteer' && step.items.every((i) => c.placement[i.id] === i.bin);
		case 'denk-na':
			return c.type === 'denk-na' && c.decision === step.decision;
	}
}

function parseChoice(json: string): Choice | null {
	try {
		const value = JSON.parse(json) as unknown;
		return value && typeof value === 'object' && 'type' in value ? (value as Choice) : null;
	} catch {
		return null;
	}
}

// ---------------------------------------------------------------- the class dashboard

interface FirstTry {
	pupil_id: number;
	lesson_id: string;
	step_id: string;
	correct: number;
	choice: string;
}

async function firstTries(db: DB, pupilIds: number[]): Promise<FirstTry[]> {
	if (pupilIds.length === 0) return [];
	return db
		.selectFrom('answer')
		.select(['pupil_id', 'lesson_id', 'step_id', 'correct', 'choice'])
		.where('pupil_id', 'in', pupilIds)
		.where('attempt', '=', 1)
		.execute();
}

export interface MasteryRow {
	id: string;
	label: string;
	title: string;
	right: number;
	total: number;
	/** How many pupils are at each level, in MASTERY_LEVELS order. */
	levels: number[];
}

function masteryRows(
	items: { id: string; label: string; title: string }[],
	classTally: Map<string, Tally>,
	pupilTallies: Map<number, Map<string, Tally>>,
	pupilIds: number[]
): MasteryRow[] {
	return items.map((item) => {
		const levels = MASTERY_LEVELS.map(() => 0);
		for (const id of pupilIds) {
			const t = pupilTallies.get(id)?.get(item.id) ?? tally();
			levels[MASTERY_LEVELS.indexOf(masteryLevel(t.right, t.total))]!++;
		}
		const t = classTally.get(item.id) ?? tally();
		return { ...item, right: t.right, total: t.total, levels };
	});
}

export interface ClassDashboard {
	pupils: {
		id: number;
		name: string;
		avatar: string;
		/** Per goal row, in the order of `goals`. */
		goals: { level: MasteryLevel; right: number; total: number }[];
		rules: { level: MasteryLevel; right: number; total: number }[];
	}[];
	goals: MasteryRow[];
	rules: MasteryRow[];
	protocol: { id: string; name: string };
	misconceptions: {
		lessonId: string;
		lessonTitle: string;
		question: string;
		situation: string | null;
		stepId: string;
		answered: number;
		option: OptionStat;
		discussion: string[];
	}[];
	lessons: { id: string; title: string; answered: number; rightFirst: number; questions: number }[];
	needsHelp: { pupilId: number; name: string; reasons: string[] }[];
	growth: {
		quiz: { id: string; title: string } | null;
		goals: { id: string; label: string; title: string; pre: Tally; post: Tally }[];
		pupilsPre: number;
		pupilsPost: number;
	};
}

/** Everything the class dashboard shows, from four queries. */
export async function classDashboard(
	db: DB,
	library: LessonLibrary,
	klas: { id: number; band: Band },
	protocolId: string,
	now = Date.now()
): Promise<ClassDashboard> {
	const index = stepIndex(library);
	const pupils = await db
		.selectFrom('pupil')
		.select(['id', 'display_name', 'avatar'])
		.where('class_id', '=', klas.id)
		.orderBy('display_name')
		.execute();
	const pupilIds = pupils.map((p) => p.id);
	const assigned = (
		await db
			.selectFrom('assignment')
			.select('lesson_id')
			.where('class_id', '=', klas.id)
			.orderBy('assigned_at')
			.execute()
	)
		.map((a) => library.lessonById.get(a.lesson_id))
		.filter((l) => l !== undefined);
	const assignedIds = new Set(assigned.map((l) => l.id));
	const rows = await firstTries(db, pupilIds);

	const classGoals = new Map<string, Tally>();
	const classRules = new Map<string, Tally>();
	const pupilGoals = new Map<number, Map<string, Tally>>();
	const pupilRules = new Map<number, Map<string, Tally>>();
	const choices = new Map<string, Choice[]>();
	const quiz = bandQuiz(library, klas.band) ?? null;
	const growth = new Map<string, { pre: Tally; post: Tally }>();
	const quizPupils = { voortoets: new Set<number>(), natoets: new Set<number>() };

	for (const row of rows) {
		const info = index.get(`${row.lesson_id}\u0000${row.step_id}`);
		if (!info) continue; // a lesson or question that no longer exists
		const correct = row.correct === 1;
		if (info.quiz) {
			if (!quiz || info.quiz.id !== quiz.id) continue;
			quizPupils[info.quiz.kind].add(row.pupil_id);
			for (const g of info.goals) {
				let t = growth.get(g);
				if (!t) growth.set(g, (t = { pre: tally(), post: tally() }));
				const side = info.quiz.kind === 'voortoets' ? t.pre : t.post;
				side.total++;
				if (correct) side.right++;
			}
			continue;
		}
		let pg = pupilGoals.get(row.pupil_id);
		if (!pg) pupilGoals.set(row.pupil_id, (pg = new Map()));
		let pr = pupilRules.get(row.pupil_id);
		if (!pr) pupilRules.set(row.pupil_id, (pr = new Map()));
		for (const g of info.goals) {
			add(classGoals, g, correct);
			add(pg, g, correct);
		}
		for (const r of info.rules) {
			add(classRules, r, correct);
			add(pr, r, correct);
		}
		if (assignedIds.has(info.lessonId)) {
			const choice = parseChoice(row.choice);
			if (choice) {
				const key = `${info.lessonId}\u0000${row.step_id}`;
				const list = choices.get(key);
				if (list) list.push(choice);
				else choices.set(key, [choice]);
			}
		}
	}

	// Kerndoelen: those the band's lessons work on, and any the class has answers for.
	const bandGoals = new Set(
		library.lessons
			.filter((l) => l.band === klas.band)
			.flatMap((l) => [...l.goals, ...l.steps.flatMap((s) => s.goals ?? [])])
	);
	const goalItems = library.goals
		.filter((g) => bandGoals.has(g.id) || classGoals.has(g.id))
		.map((g) => ({ id: g.id, label: g.code[sectorOf(klas.band)], title: g.title }));
	const protocol =
		library.protocols.find((p) => p.id === protocolId) ??
		library.protocols.find((p) => p.id === 'generiek')!;
	const ruleItems = protocol.rules
		.filter((r) => r.bands.includes(klas.band) || classRules.has(r.id))
		.map((r) => ({
			id: r.id,
			label: r.id.replace(/^[^.]*\./, ''),
			title: r.textByBand?.[klas.band] ?? r.text
		}));

	const goals = masteryRows(goalItems, classGoals, pupilGoals, pupilIds);
	const rules = masteryRows(ruleItems, classRules, pupilRules, pupilIds);

	const misconceptions: ClassDashboard['misconceptions'] = [];
	const lessons: ClassDashboard['lessons'] = [];
	for (const lesson of assigned) {
		let answered = 0;
		let rightFirst = 0;
		const scored = lesson.steps.filter(isScored);
		for (const step of scored) {
			const stat = questionStats(step, choices.get(`${lesson.id}\u0000${step.id}`) ?? []);
			answered += stat.answered;
			rightFirst += stat.rightFirst;
			for (const option of stat.options)
				if (option.misconception)
					misconceptions.push({
						lessonId: lesson.id,
						lessonTitle: lesson.title,
						question: stat.question,
						situation: stat.situation,
						stepId: step.id,
						answered: stat.answered,
						option,
						discussion: lesson.discussion
					});
		}
		lessons.push({
			id: lesson.id,
			title: lesson.title,
			answered,
			rightFirst,
			questions: scored.length
		});
	}
	misconceptions.sort((a, b) => b.option.share - a.option.share);

	const needsHelp = await pupilsNeedingHelp(
		db,
		library,
		pupils,
		pupilGoals,
		sectorOf(klas.band),
		now
	);

	return {
		pupils: pupils.map((p) => ({
			id: p.id,
			name: p.display_name,
			avatar: p.avatar,
			goals: goalItems.map((g) => levelOf(pupilGoals.get(p.id)?.get(g.id))),
			rules: ruleItems.map((r) => levelOf(pupilRules.get(p.id)?.get(r.id)))
		})),
		goals,
		rules,
		protocol: { id: protocol.id, name: protocol.name },
		misconceptions,
		lessons,
		needsHelp,
		growth: {
			quiz: quiz ? { id: quiz.id, title: quiz.title } : null,
			goals: library.goals
				.filter((g) => growth.has(g.id))
				.map((g) => ({
					id: g.id,
					label: g.code[sectorOf(klas.band)],
					title: g.title,
					pre: growth.get(g.id)!.pre,
					post: growth.get(g.id)!.post
				})),
			pupilsPre: quizPupils.voortoets.size,
			pupilsPost: quizPupils.natoets.size
		}
	};
}

function levelOf(t: Tally | undefined) {
	const { right, total } = t ?? tally();
	return { level: masteryLevel(right, total), right, total };
}

async function pupilsNeedingHelp(
	db: DB,
	library: LessonLibrary,
	pupils: { id: number; display_name: string }[],
	pupilGoals: Map<number, Map<string, Tally>>,
	sector: Sector,
	now: number
): Promise<ClassDashboard['needsHelp']> {
	const pupilIds = pupils.map((p) => p.id);
	if (pupilIds.length === 0) return [];
	const reasons = new Map<number, string[]>();
	const note = (id: number, reason: string) => {
		const list = reasons.get(id);
		if (list) list.push(reason);
		else reasons.set(id, [reason]);
	};
	for (const p of pupils) {
		for (const goal of library.goals) {
			const t = pupilGoals.get(p.id)?.get(goal.id);
			if (t && t.total >= MIN_QUESTIONS && t.right / t.total < HELP_BELOW)
				note(p.id, `${goalLabel(goal, sector)}: ${t.right} van ${t.total} vragen meteen goed`);
		}
	}
	const idle = await db
		.selectFrom('lesson_progress')
		.select(['pupil_id', 'lesson_id', 'updated_at'])
		.where('pupil_id', 'in', pupilIds)
		.where('completed_at', 'is', null)
		.where('updated_at', '<', now - STUCK_DAYS * 86_400_000)
		.execute();
	for (const row of idle) {
		const lesson = library.lessonById.get(row.lesson_id);
		if (!lesson) continue;
		const days = Math.floor((now - row.updated_at) / 86_400_000);
		note(row.pupil_id, `Staat al ${days} dagen stil in "${lesson.title}"`);
	}
	const tries = await db
		.selectFrom('answer')
		.select((eb) => [
			'pupil_id',
			'lesson_id',
			'step_id',
			eb.fn.max('attempt').as('tries'),
			eb.fn.max('correct').as('solved')
		])
		.where('pupil_id', 'in', pupilIds)
		.where('attempt', '>=', STUCK_TRIES)
		.groupBy(['pupil_id', 'lesson_id', 'step_id'])
		.having(sql`max(correct)`, '=', 0)
		.execute();
	for (const row of tries) {
		const lesson = library.lessonById.get(row.lesson_id);
		if (!lesson) continue;
		note(row.pupil_id, `${Number(row.tries)} keer fout op een vraag in "${lesson.title}"`);
	}
	return pupils
		.filter((p) => reasons.has(p.id))
		.map((p) => ({ pupilId: p.id, name: p.display_name, reasons: reasons.get(p.id)! }));
}

/** One lesson's questions with their answer distribution in this class. */
export async function lessonDetail(
	db: DB,
	library: LessonLibrary,
	classId: number,
	lessonId: string
) {
	const lesson = library.lessonById.get(lessonId);
	if (!lesson) return undefined;
	const rows = await db
		.selectFrom('answer')
		.innerJoin('pupil', 'pupil.id', 'answer.pupil_id')
		.select(['answer.step_id', 'answer.choice'])
		.where('pupil.class_id', '=', classId)
		.where('answer.lesson_id', '=', lessonId)
		.where('answer.attempt', '=', 1)
		.execute();
	const byStep = new Map<string, Choice[]>();
	for (const row of rows) {
		const choice = parseChoice(row.choice);
		if (!choice) continue;
		const list = byStep.get(row.step_id);
		if (list) list.push(choice);
		else byStep.set(row.step_id, [choice]);
	}
	return {
		lesson,
		questions: lesson.steps
			.filter(isScored)
			.map((step) => questionStats(step, byStep.get(step.id) ?? []))
	};
}

// ---------------------------------------------------------------- the school overview

export interface SchoolOverview {
	goals: { id: string; label: string; title: string }[];
	classes: {
		id: number;
		name: string;
		band: Band;
		pupils: number;
		/** Per goal, in the order of `goals`. */
		cells: { right: number; total: number; levels: number[] }[];
	}[];
	school: { right: number; total: number; levels: number[] }[];
	rules: { id: string; title: string; right: number; total: number }[];
}

/** Mastery per kerndoel for every current class of a school, and per rule of its protocol. */
export async function schoolOverview(
	db: DB,
	library: LessonLibrary,
	school: { id: number; protocolId: string }
): Promise<SchoolOverview> {
	const index = stepIndex(library);
	const classes = await db
		.selectFrom('class')
		.select((eb) => [
			'class.id',
			'class.name',
			'class.band',
			eb
				.selectFrom('pupil')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('pupil.class_id', '=', 'class.id')
				.as('pupils')
		])
		.where('school_id', '=', school.id)
		.where('archived_at', 'is', null)
		.orderBy('name')
		.execute();
	const rows = await db
		.selectFrom('class')
		.innerJoin('pupil', 'pupil.class_id', 'class.id')
		.innerJoin('answer', 'answer.pupil_id', 'pupil.id')
		.select([
			'pupil.class_id',
			'answer.pupil_id',
			'answer.lesson_id',
			'answer.step_id',
			'answer.correct'
		])
		.where('class.school_id', '=', school.id)
		.where('class.archived_at', 'is', null)
		.where('answer.attempt', '=', 1)
		.execute();

	const goalIds = library.goals.map((g) => g.id);
	const goalPos = new Map(goalIds.map((g, i) => [g, i]));
	const protocol =
		library.protocols.find((p) => p.id === school.protocolId) ??
		library.protocols.find((p) => p.id === 'generiek')!;
	const ruleTally = new Map<string, Tally>(protocol.rules.map((r) => [r.id, tally()]));
	// Per pupil: right/total per goal, as flat arrays for speed.
	const perPupil = new Map<number, { classId: number; right: number[]; total: number[] }>();
	for (const row of rows) {
		if (row.lesson_id.includes(':')) continue; // quiz answers: growth, not mastery
		const info = index.get(`${row.lesson_id}\u0000${row.step_id}`);
		if (!info) continue;
		let p = perPupil.get(row.pupil_id);
		if (!p)
			perPupil.set(
				row.pupil_id,
				(p = {
					classId: row.class_id,
					right: goalIds.map(() => 0),
					total: goalIds.map(() => 0)
				})
			);
		for (const g of info.goals) {
			const i = goalPos.get(g)!;
			p.total[i]!++;
			if (row.correct === 1) p.right[i]!++;
		}
		for (const r of info.rules) {
			const t = ruleTally.get(r);
			if (t) {
				t.total++;
				if (row.correct === 1) t.right++;
			}
		}
	}
	const empty = () =>
		goalIds.map(() => ({ right: 0, total: 0, levels: MASTERY_LEVELS.map(() => 0) }));
	const cellsByClass = new Map(classes.map((c) => [c.id, empty()]));
	const schoolCells = empty();
	for (const c of classes) {
		// Pupils without answers count as "nog niet geoefend".
		const cells = cellsByClass.get(c.id)!;
		for (let i = 0; i < goalIds.length; i++) {
			cells[i]!.levels[0] = Number(c.pupils);
			schoolCells[i]!.levels[0]! += Number(c.pupils);
		}
	}
	for (const p of perPupil.values()) {
		const cells = cellsByClass.get(p.classId);
		if (!cells) continue;
		for (let i = 0; i < goalIds.length; i++) {
			const level = MASTERY_LEVELS.indexOf(masteryLevel(p.right[i]!, p.total[i]!));
			for (const cell of [cells[i]!, schoolCells[i]!]) {
				cell.right += p.right[i]!;
				cell.total += p.total[i]!;
				cell.levels[0]!--;
				cell.levels[level]!++;
			}
		}
	}
	return {
		goals: library.goals.map((g) => ({
			id: g.id,
			label: schoolGoalCode(g, classes),
			title: g.title
		})),
		classes: classes.map((c) => ({
			id: c.id,
			name: c.name,
			band: c.band,
			pupils: Number(c.pupils),
			cells: cellsByClass.get(c.id)!
		})),
		school: schoolCells,
		rules: protocol.rules.map((r) => ({ id: r.id, title: r.text, ...ruleTally.get(r.id)! }))
	};
}

/** A school is po or vo; a school with both shows both codes. */
function schoolGoalCode(goal: Goal, classes: { band: Band }[]): string {
	const sectors = [...new Set(classes.map((c) => sectorOf(c.band)))].sort();
	return (sectors.length ? sectors : (['po'] as const)).map((s) => goal.code[s]).join('/');
}
