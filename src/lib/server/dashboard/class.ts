// What a class understands, from first tries: mastery per kerndoel and per rule of the
// school's protocol, the wrong answers many pupils chose, who needs help, and growth from the
// voortoets to the natoets. The rules for levels live in $lib/dashboard/mastery.ts.
import type { DB } from '../db/index.ts';
import type { LessonLibrary } from '../lessons.ts';
import { dashboardRules, fileProtocol, rulesForAnswer, type SchoolProtocol } from '../protocols.ts';
import { assignedLessonIds, pupilsOfClass } from '../classes.ts';
import { quizAnswerRows } from '../quizzes.ts';
import { progressMatrix } from '../progress.ts';
import { isScored, storedChoice } from '../../activities/index.ts';
import { sectorOf, type Band, type Lesson } from '../../lessons/schema.ts';
import {
	count,
	levelOf,
	masteryRows,
	type MasteryItem,
	type MasteryLevel,
	type MasteryRow,
	type Tally
} from '../../dashboard/mastery.ts';
import { questionStats, type FirstTry, type OptionStat } from '../../dashboard/questions.ts';
import { stepIndex, stepKey } from './step-index.ts';
import { pupilsNeedingHelp, type HelpEntry } from './help.ts';
import { classGrowth, type Growth } from './growth.ts';

export interface ClassDashboard {
	pupils: {
		id: number;
		name: string;
		avatar: string;
		locked: boolean;
		/** Per goal row, in the order of `goals`. */
		goals: { level: MasteryLevel; right: number; total: number }[];
		rules: { level: MasteryLevel; right: number; total: number }[];
	}[];
	goals: MasteryRow[];
	rules: MasteryRow[];
	protocol: { id: string; name: string };
	misconceptions: Misconception[];
	lessons: {
		id: string;
		title: string;
		answered: number;
		rightFirst: number;
		questions: number;
		/** Pupils who haven't finished it yet. */
		openFor: number;
		discussion: string[];
	}[];
	/** The next lesson of the band's recommended order that isn't set yet. */
	next: { id: string; title: string; minutes: number } | null;
	needsHelp: HelpEntry[];
	growth: Growth;
}

export interface Misconception {
	lessonId: string;
	lessonTitle: string;
	question: string;
	situation: string | null;
	stepId: string;
	answered: number;
	option: OptionStat;
	discussion: string[];
	/** Answered in the last week: what the class got wrong *now*. */
	recent: boolean;
}

/** First tries per kerndoel and rule, for the class and per pupil, plus assigned lessons' choices. */
interface Tallies {
	classGoals: Map<string, Tally>;
	classRules: Map<string, Tally>;
	pupilGoals: Map<number, Map<string, Tally>>;
	pupilRules: Map<number, Map<string, Tally>>;
	choices: Map<string, FirstTry[]>;
	/** Per lesson: the time of its latest first try. */
	lastAnswer: Map<string, number>;
}

export async function classDashboard(
	db: DB,
	library: LessonLibrary,
	klas: { id: number; band: Band },
	/** The school's protocol (schoolProtocol), or a file protocol's id. */
	protocolOrId: SchoolProtocol | string,
	now = Date.now()
): Promise<ClassDashboard> {
	const school =
		typeof protocolOrId === 'string' ? fileProtocol(library, protocolOrId) : protocolOrId;
	const pupils = await pupilsOfClass(db, klas.id);
	const pupilIds = pupils.map((p) => p.id);
	const assigned = (await assignedLessonIds(db, klas.id)).flatMap(
		(id) => library.lessonById.get(id) ?? []
	);
	const t = tallyFirstTries(library, await firstTries(db, pupilIds), assigned, school);
	const goalItems = goalItemsFor(library, klas.band, t.classGoals);
	const protocol = school.protocol;
	const ruleItems: MasteryItem[] = dashboardRules(school)
		.filter((r) => r.bands.includes(klas.band) || t.classRules.has(r.id))
		.map((r) => ({
			id: r.id,
			label: r.id.replace(/^[^.]*\./, ''),
			title: r.textByBand?.[klas.band] ?? r.text
		}));
	const open = await progressMatrix(db, pupilIds, assigned);
	const { misconceptions, lessons } = lessonSummaries(
		assigned,
		t,
		now,
		(lessonId) => pupilIds.filter((p) => open.get(`${p}:${lessonId}`)?.state !== 'klaar').length
	);
	const nextId = library.order[klas.band].find((id) => !assigned.some((l) => l.id === id));
	const next = nextId ? library.lessonById.get(nextId)! : null;
	return {
		pupils: pupils.map((p) => ({
			id: p.id,
			name: p.display_name,
			avatar: p.avatar,
			locked: p.locked_at !== null,
			goals: goalItems.map((g) => levelOf(t.pupilGoals.get(p.id)?.get(g.id))),
			rules: ruleItems.map((r) => levelOf(t.pupilRules.get(p.id)?.get(r.id)))
		})),
		goals: masteryRows(goalItems, t.classGoals, t.pupilGoals, pupilIds),
		rules: masteryRows(ruleItems, t.classRules, t.pupilRules, pupilIds),
		protocol: { id: protocol.id, name: protocol.name },
		misconceptions,
		lessons,
		next: next && { id: next.id, title: next.title, minutes: next.minutes },
		needsHelp: await pupilsNeedingHelp(
			db,
			library,
			pupils,
			{ pupil: t.pupilGoals, class: t.classGoals },
			sectorOf(klas.band),
			now
		),
		growth: classGrowth(library, klas.band, await quizAnswerRows(db, pupilIds))
	};
}

async function firstTries(db: DB, pupilIds: number[]) {
	if (pupilIds.length === 0) return [];
	return db
		.selectFrom('answer')
		.select(['pupil_id', 'lesson_id', 'step_id', 'correct', 'choice', 'created_at'])
		.where('pupil_id', 'in', pupilIds)
		.where('attempt', '=', 1)
		.execute();
}

function tallyFirstTries(
	library: LessonLibrary,
	rows: Awaited<ReturnType<typeof firstTries>>,
	assigned: Lesson[],
	school: SchoolProtocol
): Tallies {
	const index = stepIndex(library);
	const assignedIds = new Set(assigned.map((l) => l.id));
	const t: Tallies = {
		classGoals: new Map(),
		classRules: new Map(),
		pupilGoals: new Map(),
		pupilRules: new Map(),
		choices: new Map(),
		lastAnswer: new Map()
	};
	const mapOf = (m: Map<number, Map<string, Tally>>, id: number) =>
		m.get(id) ?? m.set(id, new Map()).get(id)!;
	for (const row of rows) {
		const info = index.get(stepKey(row.lesson_id, row.step_id));
		if (!info) continue; // a lesson or question that no longer exists
		const correct = row.correct === 1;
		const pg = mapOf(t.pupilGoals, row.pupil_id);
		const pr = mapOf(t.pupilRules, row.pupil_id);
		for (const g of info.goals) {
			count(t.classGoals, g, correct);
			count(pg, g, correct);
		}
		for (const r of rulesForAnswer(school, info, row.created_at)) {
			count(t.classRules, r, correct);
			count(pr, r, correct);
		}
		t.lastAnswer.set(info.lessonId, Math.max(t.lastAnswer.get(info.lessonId) ?? 0, row.created_at));
		if (!assignedIds.has(info.lessonId)) continue;
		const choice = storedChoice(info.step, row.choice);
		if (!choice) continue;
		const key = stepKey(info.lessonId, row.step_id);
		const list = t.choices.get(key) ?? t.choices.set(key, []).get(key)!;
		list.push({ choice, correct });
	}
	return t;
}

/** Kerndoelen: those the band's lessons work on, and any the class has answers for. */
function goalItemsFor(
	library: LessonLibrary,
	band: Band,
	classGoals: Map<string, Tally>
): MasteryItem[] {
	const bandGoals = new Set(
		library.lessons
			.filter((l) => l.band === band)
			.flatMap((l) => [...l.goals, ...l.steps.flatMap((s) => s.goals ?? [])])
	);
	return library.goals
		.filter((g) => bandGoals.has(g.id) || classGoals.has(g.id))
		.map((g) => ({ id: g.id, label: g.code[sectorOf(band)], title: g.title }));
}

const WEEK = 7 * 86_400_000;

/** Per assigned lesson: its first-try figures and the wrong options many pupils chose. */
function lessonSummaries(
	assigned: Lesson[],
	t: Pick<Tallies, 'choices' | 'lastAnswer'>,
	now: number,
	openFor: (lessonId: string) => number
) {
	const { choices } = t;
	const misconceptions: Misconception[] = [];
	const lessons: ClassDashboard['lessons'] = [];
	for (const lesson of assigned) {
		const scored = lesson.steps.filter(isScored);
		const stats = scored.map((step) =>
			questionStats(step, choices.get(stepKey(lesson.id, step.id)) ?? [])
		);
		for (const stat of stats)
			for (const option of stat.options.filter((o) => o.misconception))
				misconceptions.push({
					lessonId: lesson.id,
					lessonTitle: lesson.title,
					question: stat.question,
					situation: stat.situation,
					stepId: stat.stepId,
					answered: stat.answered,
					option,
					discussion: lesson.discussion,
					recent: (t.lastAnswer.get(lesson.id) ?? 0) > now - WEEK
				});
		lessons.push({
			id: lesson.id,
			title: lesson.title,
			answered: stats.reduce((n, s) => n + s.answered, 0),
			rightFirst: stats.reduce((n, s) => n + s.rightFirst, 0),
			questions: scored.length,
			openFor: openFor(lesson.id),
			discussion: lesson.discussion
		});
	}
	// This week's first, then the most chosen.
	misconceptions.sort(
		(a, b) => Number(b.recent) - Number(a.recent) || b.option.share - a.option.share
	);
	return { misconceptions, lessons };
}
