import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BANDS, LessonSchema } from '../../src/lib/lessons/schema.ts';
import { loadLessonLibrary, LessonFileError } from '../../src/lib/server/lessons.ts';
import {
	libraryProblems,
	libraryReport,
	readability,
	syllables
} from '../../scripts/lib/lessons-report.ts';
import { realLibrary } from '../helpers/db.ts';

const lesson = () => ({
	id: 'test-les',
	title: 'Testles',
	band: 'groep-5-6',
	minutes: 10,
	summary: 'Een les om te testen.',
	goals: ['veiligheid-privacy'],
	rules: ['generiek.x'],
	homeTip: 'Praat thuis over foto’s.',
	discussion: ['Wat vind jij?'],
	steps: [
		{ id: 'a', type: 'uitleg', title: 'Hoi', text: 'Dit is uitleg.' },
		{
			id: 'b',
			type: 'scenario',
			situation: 'Noor maakt een foto.',
			question: 'Wat doet ze?',
			options: [
				{
					id: 'x',
					text: 'Eerst vragen',
					correct: true,
					feedback: 'Ja, want het is de foto van een ander.'
				},
				{
					id: 'y',
					text: 'Gewoon delen',
					correct: false,
					feedback: 'Nee, want de ander zegt dan geen ja.'
				}
			]
		},
		{ id: 'c', type: 'afsluiting', summary: ['Eerst vragen.'] }
	]
});

function issuePath(data: unknown) {
	const result = v.safeParse(LessonSchema, data);
	return result.success
		? null
		: `${v.getDotPath(result.issues[0]) ?? ''}: ${result.issues[0].message}`;
}

describe('lesson schema', () => {
	it('accepts a complete lesson', () => {
		expect(issuePath(lesson())).toBeNull();
	});

	it('refuses an unknown band', () => {
		expect(issuePath({ ...lesson(), band: 'groep-9' })).toMatch(/^band/);
	});

	it('requires the last step to be an afsluiting', () => {
		const l = lesson();
		l.steps.pop();
		l.steps.push({ id: 'd', type: 'uitleg', title: 'x', text: 'y' });
		expect(issuePath(l)).toMatch(/afsluiting/);
	});

	it('refuses a scenario with two right options', () => {
		const l = lesson();
		(l.steps[1] as { options: { correct: boolean }[] }).options[1]!.correct = true;
		expect(issuePath(l)).toMatch(/precies één goede keuze/);
	});

	it('refuses feedback that does not explain why', () => {
		const l = lesson();
		(l.steps[1] as { options: { feedback: string }[] }).options[0]!.feedback = 'Goed!';
		expect(issuePath(l)).toMatch(/^steps\.1\.options\.0\.feedback: .*waarom/);
	});

	it('refuses unknown fields, so typos do not pass silently', () => {
		expect(issuePath({ ...lesson(), hometip: 'x' })).toMatch(/hometip/);
	});
});

describe('lesson loader', () => {
	function library(files: Record<string, string>) {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'denkna-lessons-'));
		for (const [file, text] of Object.entries(files)) {
			fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
			fs.writeFileSync(path.join(dir, file), text);
		}
		return dir;
	}
	const goals =
		'goals:\n  - { id: veiligheid-privacy, code: { po: 24A, vo: 23A }, domain: A, title: Veiligheid, description: Veilig online. }\n';
	const generic = `id: generiek\nname: Generiek\ndescription: Voor iedereen.\ndocument: generiek\nrules:\n  - id: generiek.x\n    topic: privacy\n    source: generiek\n    bands: [${BANDS.join(', ')}]\n    text: Eerst vragen.\n`;

	it('names the file and the field of a bad lesson', () => {
		const bad = JSON.stringify({ ...lesson(), minutes: 90 });
		const dir = library({
			'goals.yaml': goals,
			'protocols/generiek.yaml': generic,
			'groep-5-6/test-les.yaml': bad
		});
		expect(() => loadLessonLibrary(dir)).toThrow(LessonFileError);
		expect(() => loadLessonLibrary(dir)).toThrow(/groep-5-6\/test-les\.yaml: minutes:/);
	});

	it('refuses a rule id that no protocol has', () => {
		const bad = JSON.stringify({ ...lesson(), rules: ['juliana.bestaat-niet'] });
		const dir = library({
			'goals.yaml': goals,
			'protocols/generiek.yaml': generic,
			'groep-5-6/test-les.yaml': bad
		});
		expect(() => loadLessonLibrary(dir)).toThrow(
			/rules\.0: onbekende regel "juliana\.bestaat-niet"/
		);
	});

	it('refuses a lesson in the wrong band folder', () => {
		const dir = library({
			'goals.yaml': goals,
			'protocols/generiek.yaml': generic,
			'vo-1-3/test-les.yaml': JSON.stringify(lesson())
		});
		expect(() => loadLessonLibrary(dir)).toThrow(/vo-1-3\/test-les\.yaml: band/);
	});

	it('gives a lesson a version that changes with its content', () => {
		const a = loadLessonLibrary(
			library({
				'goals.yaml': goals,
				'protocols/generiek.yaml': generic,
				'groep-5-6/test-les.yaml': JSON.stringify(lesson())
			})
		);
		const b = loadLessonLibrary(
			library({
				'goals.yaml': goals,
				'protocols/generiek.yaml': generic,
				'groep-5-6/test-les.yaml': JSON.stringify({ ...lesson(), title: 'Anders' })
			})
		);
		expect(a.lessons[0]!.version).toMatch(/^[0-9a-f]{12}$/);
		expect(a.lessons[0]!.version).not.toBe(b.lessons[0]!.version);
	});
});

describe('the real lesson library', () => {
	it('loads without errors', () => {
		const lib = realLibrary();
		expect(lib.goals.map((g) => g.id)).toEqual([
			'systemen',
			'media-informatie',
			'data',
			'ai',
			'creeren',
			'programmeren',
			'veiligheid-privacy',
			'jezelf-ander',
			'samenleving'
		]);
		expect(lib.lessons.length).toBeGreaterThan(0);
	});

	it('covers every rule in every band it applies to, within the readability limits', () => {
		expect(libraryProblems(realLibrary())).toEqual([]);
	});

	it('reports every option with its feedback', () => {
		const report = libraryReport(realLibrary());
		const options = report.lessons.flatMap((l) =>
			l.steps.flatMap((s) => ('options' in s ? s.options : []) ?? [])
		);
		expect(options.length).toBeGreaterThan(0);
		for (const o of options) expect(o.feedback.length).toBeGreaterThanOrEqual(12);
	});
});

describe('readability', () => {
	it('counts Dutch syllables by vowel groups', () => {
		expect(syllables('school')).toBe(1);
		expect(syllables('telefoon')).toBe(3);
		expect(syllables('vriendschap')).toBe(2);
	});

	it('scores short simple sentences as easier than long ones', () => {
		const easy = readability(['Sam heeft een bal. De bal is rood.']);
		const hard = readability([
			'Persoonsgegevens worden overeenkomstig de geldende privacywetgeving verwerkt en bewaard.'
		]);
		expect(easy.wordsPerSentence).toBe(4);
		expect(easy.douma).toBeGreaterThan(hard.douma);
	});
});

describe('recommended order per band', () => {
	it('lists every lesson of each band once, in order.yaml order first', () => {
		const library = realLibrary();
		for (const band of BANDS) {
			const ids = library.order[band];
			expect(new Set(ids).size).toBe(ids.length);
			expect([...ids].sort()).toEqual(
				library.lessons
					.filter((l) => l.band === band)
					.map((l) => l.id)
					.sort()
			);
		}
		expect(library.order['groep-5-6'][0]).toBe('g56-slim-op-de-chromebook');
	});

	it('refuses an order file naming a lesson of another band, naming file and field', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'denkna-order-'));
		try {
			fs.cpSync(path.resolve('lessons'), dir, { recursive: true });
			fs.writeFileSync(
				path.join(dir, 'order.yaml'),
				'groep-3-4:\n  - g34-eerst-vragen\n  - g56-klopt-dat-wel\n'
			);
			expect(() => loadLessonLibrary(dir)).toThrow(
				'order.yaml: groep-3-4.1: "g56-klopt-dat-wel" is geen les van groep-3-4'
			);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});
