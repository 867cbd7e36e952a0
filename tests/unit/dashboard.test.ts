import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { freshDatabase, realLibrary } from '../helpers/db.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { answerLesson } from '../helpers/answers.ts';
import type { DB } from '../../src/lib/server/db/index.ts';
import { classDashboard } from '../../src/lib/server/dashboard/class.ts';
import { lessonDetail } from '../../src/lib/server/dashboard/lesson.ts';
import { schoolOverview } from '../../src/lib/server/dashboard/school.ts';
import { groupFigure, masteryLevel } from '../../src/lib/dashboard/mastery.ts';
import { questionStats } from '../../src/lib/dashboard/questions.ts';
import { bandQuiz, recordQuizAnswer, startQuiz } from '../../src/lib/server/quizzes.ts';
import { rightChoice, wrongChoices } from '../../src/lib/activities/index.ts';
import { isScored, type Lesson, type StepOf } from '../../src/lib/lessons/schema.ts';
import { archiveClass, classesForTeacher, movePupil } from '../../src/lib/server/classes.ts';

describe('mastery levels from first tries', () => {
	it('follows the Khan-like thresholds and needs three questions', () => {
		expect(masteryLevel(0, 0)).toBe('nog-niet');
		expect(masteryLevel(2, 2)).toBe('te-weinig');
		expect(masteryLevel(0, 2)).toBe('te-weinig');
		expect(masteryLevel(1, 3)).toBe('geoefend');
		expect(masteryLevel(6, 10)).toBe('geoefend');
		expect(masteryLevel(7, 10)).toBe('bekend');
		expect(masteryLevel(8, 9)).toBe('bekend');
		expect(masteryLevel(9, 10)).toBe('beheerst');
		expect(masteryLevel(3, 3)).toBe('beheerst');
	});
});

describe('honest figures for a group', () => {
	it('gives a percentage only with enough answers and pupils, and always the counts', () => {
		expect(groupFigure(0, 2, 2)).toMatchObject({
			share: null,
			text: 'nog te weinig antwoorden (2 antwoorden van 2 leerlingen)'
		});
		expect(groupFigure(9, 12, 4).share).toBeNull(); // 4 pupils: too few
		expect(groupFigure(20, 27, 27)).toMatchObject({
			share: 20 / 27,
			text: '74% meteen goed (27 antwoorden van 27 leerlingen)'
		});
		expect(groupFigure(0, 0, 0).text).toBe('nog geen antwoorden');
		expect(groupFigure(1, 1, 1).text).toContain('1 antwoord van 1 leerling');
	});
});

describe('answer distribution per question', () => {
	const library = realLibrary();
	const scenario = library.lessons
		.flatMap((l) => l.steps)
		.find((s): s is StepOf<'scenario'> => s.type === 'scenario' && s.options.length >= 3)!;
	const sorteer = library.lessons
		.flatMap((l) => l.steps)
		.find((s): s is StepOf<'sorteer'> => s.type === 'sorteer')!;

	it('counts each option and flags a wrong option chosen by at least 20%', () => {
		const [wrongA, wrongB] = wrongChoices(scenario);
		// 10 pupils: 7 right, 2 pick wrong A (20%), 1 picks wrong B (10%).
		const tries = [
			...Array(7).fill({ choice: rightChoice(scenario), correct: true }),
			...[wrongA!, wrongA!, wrongB!].map((choice) => ({ choice, correct: false }))
		];
		const stats = questionStats(scenario, tries);
		expect(stats.answered).toBe(10);
		expect(stats.rightFirst).toBe(7);
		const a = stats.options.find((o) => wrongA!.type === 'scenario' && o.id === wrongA!.option)!;
		const b = stats.options.find((o) => wrongB!.type === 'scenario' && o.id === wrongB!.option)!;
		expect(a).toMatchObject({ count: 2, share: 0.2, misconception: true, correct: false });
		expect(a.feedback).toBe(scenario.options.find((o) => o.id === a.id)!.feedback);
		expect(b).toMatchObject({ count: 1, misconception: false });
		expect(stats.options.find((o) => o.correct)).toMatchObject({ count: 7, misconception: false });
	});

	it('counts sort placements per item, with the item feedback', () => {
		const wrong = wrongChoices(sorteer)[0]!;
		const stats = questionStats(sorteer, [
			{ choice: wrong, correct: false },
			{ choice: rightChoice(sorteer), correct: true }
		]);
		const item = sorteer.items[0]!;
		const misplaced = stats.options.find((o) => o.id.startsWith(`${item.id}:`) && !o.correct)!;
		expect(misplaced).toMatchObject({ count: 1, share: 0.5, misconception: true });
		expect(misplaced.feedback).toBe(item.feedback);
	});
});

describe('class dashboard and school overview on a real database', () => {
	let db: DB;
	let dir: string;
	let school: SchoolFixture;
	let lesson: Lesson;
	const library = realLibrary();

	beforeAll(async () => {
		({ db, dir } = await freshDatabase());
		lesson = library.lessons.find(
			(l) => l.band === 'groep-5-6' && l.steps.filter(isScored).some((s) => s.type === 'scenario')
		)!;
		school = await seedSchool(db, { lessonA: lesson.id });
		const [emma, noah, aya] = school.classA.pupils;
		// Emma: everything right. Noah and Aya: the first wrong option of the first scenario.
		await answerLesson(db, emma!.id, lesson);
		const wrongScenario = (step: Parameters<typeof wrongChoices>[0]) =>
			step.type === 'scenario' ? wrongChoices(step)[0]! : null;
		await answerLesson(db, noah!.id, lesson, wrongScenario);
		// Aya gets every question wrong first: below the help threshold.
		await answerLesson(db, aya!.id, lesson, (step) => wrongChoices(step)[0] ?? null);
	});
	afterAll(async () => {
		await db.destroy();
		fs.rmSync(dir, { recursive: true, force: true });
	});

	it('shows the misconception with its feedback and the discussion prompts', async () => {
		const klas = { id: school.classA.id, band: 'groep-5-6' as const };
		const d = await classDashboard(db, library, klas, 'juliana');
		const step = lesson.steps.find((s) => s.type === 'scenario')! as StepOf<'scenario'>;
		const wrong = wrongChoices(step)[0]!;
		const m = d.misconceptions.find(
			(m) => m.stepId === step.id && wrong.type === 'scenario' && m.option.id === wrong.option
		)!;
		expect(m).toBeDefined();
		expect(m.option.count).toBe(2);
		expect(m.answered).toBe(3);
		expect(m.option.feedback).toBe(step.options.find((o) => o.id === m.option.id)!.feedback);
		expect(m.discussion).toEqual(lesson.discussion);
	});

	it('gives mastery per kerndoel for the class and each pupil', async () => {
		const klas = { id: school.classA.id, band: 'groep-5-6' as const };
		const d = await classDashboard(db, library, klas, 'juliana');
		const goalId = (lesson.steps.find(isScored)!.goals ?? lesson.goals)[0]!;
		const row = d.goals.find((g) => g.id === goalId)!;
		expect(row.total).toBeGreaterThanOrEqual(3);
		expect(row.levels.reduce((a, b) => a + b, 0)).toBe(3);
		const i = d.goals.indexOf(row);
		const emma = d.pupils.find((p) => p.id === school.classA.pupils[0]!.id)!;
		const aya = d.pupils.find((p) => p.id === school.classA.pupils[2]!.id)!;
		expect(emma.goals[i]!.right).toBe(emma.goals[i]!.total);
		expect(aya.goals[i]!.level).toBe('geoefend');
		expect(d.needsHelp.map((h) => h.pupilId)).toContain(aya.id);
		expect(d.needsHelp.map((h) => h.pupilId)).not.toContain(emma.id);
		// Rules of the school's protocol only.
		expect(d.rules.length).toBeGreaterThan(0);
		expect(d.rules.every((r) => library.ruleById.get(r.id)!.protocol === 'juliana')).toBe(true);
	});

	it('ranks a locked-out pupil first in who needs help', async () => {
		const noah = school.classA.pupils[1]!;
		await db
			.updateTable('pupil')
			.set({ locked_at: Date.now() })
			.where('id', '=', noah.id)
			.execute();
		const d = await classDashboard(
			db,
			library,
			{ id: school.classA.id, band: 'groep-5-6' },
			'juliana'
		);
		expect(d.needsHelp[0]).toMatchObject({ pupilId: noah.id });
		expect(d.needsHelp[0]!.reasons[0]!.kind).toBe('op-slot');
		expect(d.pupils.find((p) => p.id === noah.id)!.locked).toBe(true);
		await db.updateTable('pupil').set({ locked_at: null }).where('id', '=', noah.id).execute();
	});

	it('flags a lesson left untouched for a week', async () => {
		const other = library.lessons.find((l) => l.band === 'groep-5-6' && l.id !== lesson.id)!;
		const pupil = school.classA.pupils[0]!;
		const old = Date.now() - 10 * 86_400_000;
		await db
			.insertInto('lesson_progress')
			.values({
				pupil_id: pupil.id,
				lesson_id: other.id,
				lesson_version: other.version,
				step_index: 1,
				started_at: old,
				completed_at: null,
				updated_at: old
			})
			.execute();
		const d = await classDashboard(
			db,
			library,
			{ id: school.classA.id, band: 'groep-5-6' },
			'juliana'
		);
		const help = d.needsHelp.find((h) => h.pupilId === pupil.id)!;
		expect(help.reasons.map((r) => r.text).join(' ')).toContain(
			`10 dagen stil in "${other.title}"`
		);
		await db.deleteFrom('lesson_progress').where('lesson_id', '=', other.id).execute();
	});

	it('shows growth from the voortoets (form a) to the natoets (form b) per kerndoel', async () => {
		const pre = bandQuiz(library, 'groep-5-6', 'voortoets')!;
		const post = bandQuiz(library, 'groep-5-6', 'natoets')!;
		expect(post.id).not.toBe(pre.id);
		let n = 0;
		for (const pupil of school.classA.pupils)
			for (const [kind, quiz] of [
				['voortoets', pre],
				['natoets', post]
			] as const) {
				const attempt = await startQuiz(db, pupil.id, quiz, kind);
				for (const q of quiz.questions) {
					// Before: only the first question right; after: all right.
					const right = kind === 'natoets' || q === quiz.questions[0];
					const choice = right ? rightChoice(q) : wrongChoices(q)[0]!;
					const result = await recordQuizAnswer(db, {
						attemptId: attempt.id,
						quiz,
						questionId: q.id,
						clientId: `quiz-test-${n++}`,
						choice
					});
					expect(result.ok).toBe(true);
				}
			}
		const d = await classDashboard(
			db,
			library,
			{ id: school.classA.id, band: 'groep-5-6' },
			'juliana'
		);
		expect(d.growth.quiz?.id).toBe(pre.id);
		expect(d.growth).toMatchObject({ pupilsPre: 3, pupilsPost: 3, pupilsBoth: 3 });
		expect(d.growth.goals.length).toBeGreaterThan(0);
		for (const g of d.growth.goals) {
			expect(g.post.right).toBe(g.post.total);
			expect(g.pre.right).toBeLessThan(g.pre.total);
		}
	});

	it('lists each question of a lesson with its distribution, for this class only', async () => {
		const detail = (await lessonDetail(db, library, school.classA.id, lesson.id))!;
		expect(detail.questions.length).toBeGreaterThan(0);
		expect(detail.questions).toHaveLength(lesson.steps.filter(isScored).length);
		expect(detail.questions.map((q) => q.answered)).toEqual(detail.questions.map(() => 3));
		const otherClass = (await lessonDetail(db, library, school.classB.id, lesson.id))!;
		expect(otherClass.questions.map((q) => q.answered)).toEqual(detail.questions.map(() => 0));
	});

	it('sums mastery per kerndoel across the classes of the school', async () => {
		const o = await schoolOverview(db, library, { id: school.schoolId, protocolId: 'juliana' });
		expect(o.classes.map((c) => c.id).sort()).toEqual([school.classA.id, school.classB.id].sort());
		const classA = o.classes.find((c) => c.id === school.classA.id)!;
		const classB = o.classes.find((c) => c.id === school.classB.id)!;
		const i = o.goals.findIndex((g) => g.id === lesson.goals[0]);
		expect(classA.cells[i]!.levels.reduce((a, b) => a + b, 0)).toBe(3);
		expect(classB.cells[i]!.levels[0]).toBe(2); // nobody in class B answered yet
		expect(o.school[i]!.total).toBe(classA.cells[i]!.total);
	});

	// Its own database: moving and archiving would change what the other tests see.
	it('moves a pupil with their answers, and archives a class', async () => {
		const own = await freshDatabase();
		const db = own.db;
		const school = await seedSchool(db, { lessonA: lesson.id });
		const noah = school.classA.pupils[1]!;
		await answerLesson(db, noah.id, lesson);
		const name = await movePupil(db, school.classA.id, noah.id, school.classB.id);
		expect(name).toBe(noah.name);
		expect(await movePupil(db, school.classA.id, noah.id, school.classB.id)).toBeNull();
		const d = await classDashboard(
			db,
			library,
			{ id: school.classB.id, band: 'groep-5-6' },
			'juliana'
		);
		expect(d.pupils.find((p) => p.id === noah.id)!.goals.some((g) => g.total > 0)).toBe(true);
		await archiveClass(db, school.classB.id);
		const left = await classesForTeacher(db, {
			id: school.admin.id,
			role: 'admin',
			schoolId: school.schoolId
		});
		expect(left.map((c) => c.id)).toEqual([school.classA.id]);
		await db.destroy();
		fs.rmSync(own.dir, { recursive: true, force: true });
	});
});
