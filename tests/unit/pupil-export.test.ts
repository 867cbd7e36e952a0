// The parent's download: dates in Dutch time, answers in the words of the lesson.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DB } from '../../src/lib/server/db/index.ts';
import { freshDatabase, realLibrary } from '../helpers/db.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { answerLesson } from '../helpers/answers.ts';
import { answerFields, exportToCsv, pupilExport } from '../../src/lib/server/pupil-data.ts';
import { dutchDateTime } from '../../src/lib/format.ts';
import {
	countedOptions,
	questionText,
	rightChoice,
	wrongChoices
} from '../../src/lib/activities/index.ts';
import { isScored, type ScoredStep } from '../../src/lib/lessons/schema.ts';

let db: DB;
let school: SchoolFixture;
beforeAll(async () => {
	({ db } = await freshDatabase());
	school = await seedSchool(db);
});
afterAll(() => db.destroy());

const library = realLibrary();
const lesson = library.lessons.find(
	(l) => l.band === 'groep-5-6' && l.steps.some((s) => s.type === 'scenario')
)!;
const scenario = lesson.steps.find((s) => s.type === 'scenario') as ScoredStep;

describe('dates in the export', () => {
	it('are Dutch local time, winter and summer', () => {
		expect(dutchDateTime(Date.UTC(2026, 10, 30, 13, 5))).toBe('2026-11-30 14:05');
		expect(dutchDateTime(Date.UTC(2026, 6, 1, 22, 30))).toBe('2026-07-02 00:30');
	});
});

describe('answers in the export', () => {
	it('name the option chosen, as the lesson words it', () => {
		const wrong = wrongChoices(scenario)[0]!;
		const label = countedOptions(scenario).find((o) => o.chosen(wrong))!.label;
		expect(answerFields(scenario, JSON.stringify(wrong))).toEqual({
			vraagtekst: questionText(scenario),
			antwoord: label
		});
	});
	it('stay readable when the step is gone or changed', () => {
		expect(answerFields(undefined, '{"type":"scenario","option":"b"}').antwoord).toBe(
			'Opgeslagen antwoord bij een vraag die niet meer in de les staat: option b'
		);
		expect(answerFields(scenario, '{"type":"scenario","option":"weg"}')).toEqual({
			vraagtekst: questionText(scenario),
			antwoord: 'Opgeslagen antwoord (de vraag is sindsdien veranderd): option weg'
		});
		expect(answerFields(undefined, 'geen json').antwoord).toContain(': geen json');
	});

	it('reach the CSV: option text, no JSON, Dutch times', async () => {
		const child = school.classA.pupils[0]!;
		const at = Date.UTC(2026, 10, 30, 13, 5);
		await answerLesson(
			db,
			child.id,
			lesson,
			(step) => (step.id === scenario.id ? wrongChoices(step)[0]! : null),
			at
		);
		const data = await pupilExport(db, library, child.id, at);
		expect(data.gemaaktOp).toBe('2026-11-30 14:05');
		const first = data.antwoorden.find((a) => a.stap === scenario.id)!;
		expect(first.tijd).toBe('2026-11-30 14:05');
		expect(first.antwoord).toBe(
			countedOptions(scenario).find((o) => o.chosen(wrongChoices(scenario)[0]!))!.label
		);
		const right = data.antwoorden.filter((a) => a.stap === scenario.id)[1]!;
		expect(right.antwoord).toBe(
			countedOptions(scenario).find((o) => o.chosen(rightChoice(scenario)))!.label
		);
		const lines = exportToCsv(data).split('\r\n');
		const answers = lines.filter((l) => l.startsWith('antwoorden;'));
		expect(answers.length).toBeGreaterThan(0);
		expect(answers.some((l) => l.includes('{'))).toBe(false);
		expect(lines).toContain('antwoorden;1;tijd;2026-11-30 14:05');
		expect(data.antwoorden.every((a) => !a.antwoord.startsWith('Opgeslagen'))).toBe(true);
		expect(lesson.steps.filter(isScored).length).toBeGreaterThan(0);
	});
});
