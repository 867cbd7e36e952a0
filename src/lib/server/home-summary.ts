// What a parent reads about one child at home: what was learned lately, what to talk about,
// and the school's own rules. Built from the child's progress and the lesson library only.
import type { DB } from './db/index.ts';
import type { LessonLibrary } from './lessons.ts';
import { cardRules, lessonRules, schoolProtocol } from './protocols.ts';
import { pupilProgress } from './progress.ts';
import { TOPIC_LABELS, type Band, type Topic } from '../lessons/schema.ts';

/** The topics parents most need at home, in the order the summary shows them. */
export const HOME_TOPICS: Topic[] = [
	'telefoon',
	'posten',
	'privacy',
	'internet',
	'leeftijd',
	'respect-pesten',
	'melden-hulp'
];

/** Monday 00:00 of the week `now` falls in (server time). */
export function startOfWeek(now: Date): Date {
	const start = new Date(now.getFullYear(), now.getMonth(), now.getDate());
	start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
	return start;
}

/**
 * The school term `now` falls in. Dutch schools differ in their exact dates, so DenkNa uses three
 * fixed periods of the school year: August to December, January to March, April to July.
 */
export function startOfTerm(now: Date): Date {
	const m = now.getMonth();
	const year = now.getFullYear();
	if (m >= 7) return new Date(year, 7, 1);
	if (m >= 3) return new Date(year, 3, 1);
	return new Date(year, 0, 1);
}

export interface DoneLesson {
	id: string;
	title: string;
	summary: string;
	homeTip: string;
	rules: string[];
	completedAt: number;
}

export interface HomeSummary {
	weekStart: number;
	termStart: number;
	thisWeek: DoneLesson[];
	earlierThisTerm: DoneLesson[];
	before: DoneLesson[];
	/** Per topic: the school's own rules, or the generic ones where its protocol says nothing. */
	schoolRules: { topic: Topic; label: string; rules: string[]; own: boolean }[];
	/** The school's chosen protocol, or null when it uses only the generic rules. */
	protocol: string | null;
}

export async function homeSummary(
	db: DB,
	library: LessonLibrary,
	child: { id: number; band: Band; school_id: number },
	now = new Date()
): Promise<HomeSummary> {
	const weekStart = startOfWeek(now).getTime();
	const termStart = startOfTerm(now).getTime();
	const school = await schoolProtocol(db, library, child.school_id);
	const done: DoneLesson[] = (await pupilProgress(db, child.id))
		.filter((p) => p.completed_at !== null && library.lessonById.has(p.lesson_id))
		.sort((a, b) => b.completed_at! - a.completed_at!)
		.map((p) => {
			const lesson = library.lessonById.get(p.lesson_id)!;
			return {
				id: lesson.id,
				title: lesson.title,
				summary: lesson.summary,
				homeTip: lesson.homeTip,
				rules: lessonRules(library, school, lesson, lesson.band),
				completedAt: p.completed_at!
			};
		});

	const rules = HOME_TOPICS.map((topic) => {
		const found = cardRules(library, school, topic, child.band);
		return { topic, label: TOPIC_LABELS[topic], rules: found.rules, own: found.own };
	}).filter((t) => t.rules.length > 0);

	return {
		weekStart,
		termStart,
		thisWeek: done.filter((l) => l.completedAt >= weekStart),
		earlierThisTerm: done.filter((l) => l.completedAt < weekStart && l.completedAt >= termStart),
		before: done.filter((l) => l.completedAt < termStart),
		schoolRules: rules,
		protocol: school.own ? school.protocol.name : null
	};
}

/** The names of the child's teachers, for when the school has no contact point filled in. */
export async function teacherNames(db: DB, classId: number): Promise<string[]> {
	const rows = await db
		.selectFrom('class_teacher')
		.innerJoin('user', 'user.id', 'class_teacher.user_id')
		.select('user.name')
		.where('class_teacher.class_id', '=', classId)
		.orderBy('user.name')
		.execute();
	return rows.map((r) => r.name);
}
