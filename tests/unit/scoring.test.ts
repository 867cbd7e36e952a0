import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	LessonSchema,
	isScored,
	type Lesson,
	type ScoredStep
} from '../../src/lib/lessons/schema.ts';
import { choiceFromForm, feedbackFor, isCorrect } from '../../src/lib/activities/index.ts';
import { rightChoice, wrongChoices } from '../../src/lib/activities/index.ts';
import {
	advance,
	firstTryScores,
	lessonProgress,
	recordAnswer,
	startLesson
} from '../../src/lib/server/progress.ts';
import type { DB } from '../../src/lib/server/db/index.ts';
import { freshDatabase } from '../helpers/db.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';

const why = (s: string) => `${s}, want dat is de reden.`;
const lesson: Lesson = {
	...v.parse(LessonSchema, {
		id: 'alle-soorten',
		title: 'Alle soorten',
		band: 'groep-7-8',
		minutes: 10,
		summary: 'Alle vraagsoorten.',
		goals: ['veiligheid-privacy'],
		rules: ['generiek.x'],
		homeTip: 'Praat thuis.',
		discussion: ['Wat vind jij?'],
		steps: [
			{ id: 'intro', type: 'uitleg', title: 'Hoi', text: 'Uitleg.' },
			{
				id: 'kies',
				type: 'scenario',
				situation: 'S',
				question: 'Q',
				options: [
					{ id: 'a', text: 'A', correct: false, feedback: why('Niet a') },
					{ id: 'b', text: 'B', correct: true, feedback: why('Wel b') }
				]
			},
			{
				id: 'meer',
				type: 'meerkeuze',
				question: 'Q',
				options: [
					{ id: 'a', text: 'A', correct: true, feedback: why('a klopt') },
					{ id: 'b', text: 'B', correct: true, feedback: why('b klopt') },
					{ id: 'c', text: 'C', correct: false, feedback: why('c klopt niet') }
				]
			},
			{
				id: 'wnw',
				type: 'waar-niet-waar',
				statement: 'Je wachtwoord deel je met vrienden.',
				answer: false,
				feedback: { waar: why('Nee, geheim'), nietWaar: why('Klopt, geheim') }
			},
			{
				id: 'sort',
				type: 'sorteer',
				instruction: 'Sorteer',
				bins: [
					{ id: 'prive', label: 'Privé' },
					{ id: 'open', label: 'Openbaar' }
				],
				items: [
					{ id: 'adres', text: 'Je adres', bin: 'prive', feedback: why('Adres is privé') },
					{ id: 'hobby', text: 'Je hobby', bin: 'open', feedback: why('Hobby mag') },
					{ id: 'code', text: 'Je pincode', bin: 'prive', feedback: why('Pincode is privé') }
				]
			},
			{
				id: 'denk',
				type: 'denk-na',
				situation: 'S',
				post: 'Haha kijk hoe dom',
				decision: 'niet-plaatsen',
				checks: Object.fromEntries(
					['doet-het-er-toe', 'eerlijk', 'nodig', 'klopt-het', 'netjes', 'aardig'].map((k) => [
						k,
						{ answer: 'nee', why: why(k) }
					])
				),
				feedback: { plaatsen: why('Beter niet'), nietPlaatsen: why('Goed gekozen') }
			},
			{ id: 'eind', type: 'afsluiting', summary: ['Klaar.'] }
		]
	}),
	version: 'test-v1'
};
const scored = lesson.steps.filter(isScored);

describe('scoring every activity type', () => {
	it.each(scored.map((s) => [s.type, s] as const))(
		'%s: the answer key is right, every wrong choice is wrong',
		(_t, step) => {
			expect(isCorrect(step, rightChoice(step))).toBe(true);
			const wrong = wrongChoices(step);
			expect(wrong.length).toBeGreaterThan(0);
			for (const w of wrong) expect(isCorrect(step, w)).toBe(false);
		}
	);

	it('meerkeuze needs exactly the right set', () => {
		const step = scored.find((s) => s.type === 'meerkeuze')!;
		expect(isCorrect(step, { type: 'meerkeuze', options: ['a'] })).toBe(false);
		expect(isCorrect(step, { type: 'meerkeuze', options: ['b', 'a'] })).toBe(true);
	});

	it('reads form fields the way the player sends them', () => {
		const sort = scored.find((s) => s.type === 'sorteer')! as ScoredStep;
		const form = new FormData();
		form.set('item.adres', 'prive');
		form.set('item.hobby', 'open');
		expect(choiceFromForm(sort, form)).toBeNull(); // one item not placed yet
		form.set('item.code', 'prive');
		expect(choiceFromForm(sort, form)).toEqual({
			type: 'sorteer',
			placement: { adres: 'prive', hobby: 'open', code: 'prive' }
		});
		form.set('item.code', 'nergens');
		expect(choiceFromForm(sort, form)).toBeNull();
	});

	it('explains why for the option the pupil chose', () => {
		const step = scored[0]!;
		const fb = feedbackFor(step, { type: 'scenario', option: 'a' });
		expect(fb).toEqual({ correct: false, lines: [{ text: why('Niet a'), correct: false }] });
	});

	it('explains every misplaced sort item', () => {
		const step = scored.find((s) => s.type === 'sorteer')!;
		const fb = feedbackFor(step, {
			type: 'sorteer',
			placement: { adres: 'open', hobby: 'open', code: 'prive' }
		});
		expect(fb.correct).toBe(false);
		expect(fb.lines.map((l) => l.label)).toEqual(['Je adres']);
	});
});

describe('recording answers', () => {
	let db: DB;
	let school: SchoolFixture;
	beforeAll(async () => {
		({ db } = await freshDatabase());
		school = await seedSchool(db);
	});
	afterAll(() => db.destroy());

	it('stores a retried answer once and scores only the first try', async () => {
		const pupilId = school.classA.pupils[0]!.id;
		await startLesson(db, pupilId, lesson);
		await advance(db, pupilId, lesson, 'intro');
		const step = scored[0]!;
		const input = {
			pupilId,
			lesson,
			stepId: step.id,
			clientId: 'retry-0001',
			choice: wrongChoices(step)[0]!
		};
		const first = await recordAnswer(db, input);
		const again = await recordAnswer(db, input);
		expect(first).toMatchObject({ ok: true, duplicate: false, correct: false });
		expect(again).toMatchObject({ ok: true, duplicate: true, correct: false });
		await recordAnswer(db, { ...input, clientId: 'retry-0002', choice: rightChoice(step) });
		const rows = await db
			.selectFrom('answer')
			.select(['attempt', 'correct'])
			.where('pupil_id', '=', pupilId)
			.orderBy('attempt')
			.execute();
		expect(rows).toEqual([
			{ attempt: 1, correct: 0 },
			{ attempt: 2, correct: 1 }
		]);
		const scores = await firstTryScores(db, [pupilId], [lesson]);
		expect(scores.get(`${pupilId}:${lesson.id}`)).toEqual({ correct: 0, scored: scored.length });
	});

	it('refuses an answer to a step the pupil has not reached', async () => {
		const pupilId = school.classA.pupils[1]!.id;
		await startLesson(db, pupilId, lesson);
		const step = scored[3]!;
		const r = await recordAnswer(db, {
			pupilId,
			lesson,
			stepId: step.id,
			clientId: 'future-0001',
			choice: rightChoice(step)
		});
		expect(r).toEqual({ ok: false, message: 'Deze vraag is nog niet aan de beurt.' });
	});

	it('only lets a pupil past a question once it is answered right, and completes at the end', async () => {
		const pupilId = school.classA.pupils[2]!.id;
		await startLesson(db, pupilId, lesson);
		await advance(db, pupilId, lesson, 'intro');
		expect((await advance(db, pupilId, lesson, 'kies')).step_index).toBe(1);
		let n = 0;
		for (const step of scored) {
			await recordAnswer(db, {
				pupilId,
				lesson,
				stepId: step.id,
				clientId: `done-000${n++}`,
				choice: rightChoice(step)
			});
			await advance(db, pupilId, lesson, step.id);
		}
		const progress = await lessonProgress(db, pupilId, lesson.id);
		expect(progress?.step_index).toBe(lesson.steps.length - 1);
		expect(progress?.completed_at).not.toBeNull();
		const scores = await firstTryScores(db, [pupilId], [lesson]);
		expect(scores.get(`${pupilId}:${lesson.id}`)).toEqual({
			correct: scored.length,
			scored: scored.length
		});

		// A new version of the lesson without its first question: the pupil resumes inside
		// the lesson and the first-try score counts only questions the lesson still has.
		const shorter: Lesson = {
			...lesson,
			version: 'v2',
			steps: lesson.steps.filter((s) => s.id !== scored[0]!.id)
		};
		const resumed = await startLesson(db, pupilId, shorter);
		expect(resumed.lesson_version).toBe('v2');
		expect(resumed.step_index).toBe(shorter.steps.length - 1);
		const after = await firstTryScores(db, [pupilId], [shorter]);
		expect(after.get(`${pupilId}:${lesson.id}`)).toEqual({
			correct: scored.length - 1,
			scored: scored.length - 1
		});
	});
});
