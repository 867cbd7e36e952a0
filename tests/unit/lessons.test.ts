import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { BANDS, LessonSchema } from '../../src/lib/lessons/schema.ts';
import { loadLessonLibrary, LessonFileError } from '../../src/lib/server/lessons.ts';
import {
	LINTS,
	lintText,
	libraryProblems,
	libraryReport,
	opener,
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

	it('reports every quiz on its own, with band, form and the file it is in', () => {
		const report = libraryReport(realLibrary());
		expect(report.quizzes.length).toBeGreaterThan(0);
		for (const q of report.quizzes) {
			expect(['a', 'b']).toContain(q.form);
			expect(fs.existsSync(path.join('lessons', q.file))).toBe(true);
			expect(q.file.startsWith('quizzes/')).toBe(true);
		}
		for (const band of BANDS) expect(report.quizzes.some((q) => q.band === band)).toBe(true);
	});
});

describe('quiz forms in the report', () => {
	it('lists form a and form b of a band as two entries, each with its own file', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'denkna-forms-'));
		try {
			fs.cpSync(path.resolve('lessons'), dir, { recursive: true });
			const a = fs.readFileSync(path.join(dir, 'quizzes/groep-5-6.yaml'), 'utf8');
			const b = a
				.replace(/^id: .*$/m, 'id: quiz-groep-5-6-natoets')
				.replace(/^form: a$/m, 'form: b');
			fs.writeFileSync(path.join(dir, 'quizzes/groep-5-6-b.yaml'), b);
			const quizzes = libraryReport(loadLessonLibrary(dir)).quizzes.filter(
				(q) => q.band === 'groep-5-6'
			);
			expect(quizzes.map((q) => [q.form, q.file]).sort()).toEqual([
				['a', 'quizzes/groep-5-6.yaml'],
				['b', 'quizzes/groep-5-6-b.yaml']
			]);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

// ---------------------------------------------------------------- fixtures for the checks

interface Shape {
	/** Per scenario (3 options): the 1-based position of the right option. */
	positions: number[];
	/** Per scenario: whether the right option is the strictly longest. */
	longest: boolean[];
	/** Per waar-niet-waar item: its answer. */
	waar: boolean[];
}

/** A whole library, one lesson per band, every band shaped alike; written fresh for each call. */
function fixtureLibrary(shape: Shape, extra: (band: string) => object[] = () => []) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'denkna-bias-'));
	const write = (file: string, data: unknown) => {
		fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
		fs.writeFileSync(path.join(dir, file), typeof data === 'string' ? data : JSON.stringify(data));
	};
	write(
		'goals.yaml',
		'goals:\n  - { id: veiligheid-privacy, code: { po: 24A, vo: 23A }, domain: A, title: Veilig, description: Veilig online. }\n'
	);
	write('protocols/generiek.yaml', {
		id: 'generiek',
		name: 'Generiek',
		description: 'Voor iedereen.',
		document: 'generiek',
		rules: [
			{
				id: 'generiek.x',
				topic: 'privacy',
				source: 'generiek',
				bands: BANDS,
				text: 'Eerst vragen.'
			}
		]
	});
	let n = 0;
	// Every feedback opens differently, so only the shape under test can trip a check.
	const fb = () => `Keuze ${++n}: dat is zo.`;
	for (const band of BANDS) {
		const scenarios = shape.positions.map((position, i) => {
			const long = shape.longest[i];
			const wrong = ['Gewoon doen.', 'Niks zeggen.'].map((text, k) => ({
				id: `fout-${k}`,
				text,
				correct: false,
				feedback: fb()
			}));
			const right = {
				id: 'goed',
				text: long ? 'Eerst even vragen.' : 'Vragen.',
				correct: true,
				feedback: fb()
			};
			const options = [...wrong];
			options.splice(position - 1, 0, right);
			return {
				id: `s${i}`,
				type: 'scenario',
				situation: 'Sam ziet een foto.',
				question: 'Wat doet Sam?',
				options
			};
		});
		const wnw = shape.waar.map((answer, i) => ({
			id: `w${i}`,
			type: 'waar-niet-waar',
			statement: 'Sam mag dat.',
			answer,
			feedback: { waar: fb(), nietWaar: fb() }
		}));
		write(`${band}/t-${band}.yaml`, {
			id: `t-${band}`,
			title: 'Test',
			band,
			minutes: 10,
			summary: 'Een les om te testen.',
			goals: ['veiligheid-privacy'],
			rules: ['generiek.x'],
			homeTip: 'Praat thuis over foto’s.',
			discussion: ['Wat vind jij?'],
			steps: [
				{ id: 'start', type: 'uitleg', title: 'Hoi', text: 'Dit is uitleg.' },
				...scenarios,
				...wnw,
				...extra(band),
				{ id: 'einde', type: 'afsluiting', summary: ['Eerst vragen.'] }
			]
		});
	}
	return loadLessonLibrary(dir);
}

const balanced: Shape = {
	positions: [1, 2, 3, 1, 2],
	longest: [true, false, false, true, false],
	waar: [true, false, true, false]
};
const messages = (lib: ReturnType<typeof fixtureLibrary>) =>
	libraryProblems(lib).map((p) => `${p.file}: ${p.message}`);

describe('measurement bias checks', () => {
	it('pass a balanced library, and report its figures per band', () => {
		const lib = fixtureLibrary(balanced);
		expect(messages(lib)).toEqual([]);
		const bias = libraryReport(lib).bias['groep-5-6'];
		expect(bias.scenarios).toBe(5);
		expect(bias.positions).toEqual([
			{ position: 1, count: 2, share: 0.4 },
			{ position: 2, count: 2, share: 0.4 },
			{ position: 3, count: 1, share: 0.2 }
		]);
		expect(bias.longest).toEqual({ count: 2, share: 0.4 });
		expect(bias.waarNietWaar).toEqual({
			items: 4,
			waar: 2,
			nietWaar: 2,
			waarShare: 0.5,
			nietWaarShare: 0.5
		});
	});

	it('fail when the right option sits at one position in more than 40%', () => {
		const lib = fixtureLibrary({ ...balanced, positions: [1, 1, 1, 2, 3] });
		const found = messages(lib).filter((m) => /op plek 1 \(max 40%\)/.test(m));
		expect(found).toHaveLength(BANDS.length);
		expect(found[0]).toMatch(/^groep-3-4: de goede keuze staat in 3 van 5 .*\(60%\)/);
		expect(found[0]).toContain('groep-3-4/t-groep-3-4.yaml stap s0');
	});

	it('fail when the right option is the strictly longest in more than 40%', () => {
		const lib = fixtureLibrary({ ...balanced, longest: [true, true, true, false, false] });
		const found = messages(lib).filter((m) => /de langste \(max 40%\)/.test(m));
		expect(found).toHaveLength(BANDS.length);
		expect(found[0]).toMatch(/3 van 5 .*\(60%\)/);
	});

	it('count a tie for longest as not longest', () => {
		// "Gewoon doen." and "Niks zeggen." are 12 and 12 characters; a right option of 12 ties.
		const lib = fixtureLibrary({ ...balanced, longest: [false, false, false, false, false] });
		expect(libraryReport(lib).bias['vo-1-3'].longest.count).toBe(0);
	});

	it('fail when waar-niet-waar answers are not between 35% and 65% "waar"', () => {
		for (const waar of [
			[true, true, true, false],
			[false, false, false, true]
		]) {
			const found = messages(fixtureLibrary({ ...balanced, waar })).filter((m) =>
				/waar-niet-waar-vragen/.test(m)
			);
			expect(found).toHaveLength(BANDS.length);
			expect(found[0]).toMatch(/moet tussen 35% en 65%/);
		}
	});

	it('count quiz questions with the band, and skip scenarios with two options', () => {
		const lib = fixtureLibrary(balanced, () => [
			{
				id: 'twee',
				type: 'scenario',
				situation: 'Sam ziet een foto.',
				question: 'Wat doet Sam?',
				options: [
					{
						id: 'a',
						text: 'Eerst even vragen.',
						correct: true,
						feedback: 'Twee keuzes tellen niet mee.'
					},
					{ id: 'b', text: 'Doen.', correct: false, feedback: 'Hier staat iets anders als reden.' }
				]
			}
		]);
		expect(libraryReport(lib).bias['groep-7-8'].scenarios).toBe(5);
	});
});

describe('content lints', () => {
	const cases: Record<string, { band: (typeof BANDS)[number]; bad: string; clean: string }> = {
		'voorwaardelijk-niet-schuldig': {
			band: 'groep-7-8',
			bad: 'Het is niet jouw schuld. Hield jij je aan de afspraken? Dan heb jij niets fout gedaan.',
			clean: 'Ook als jij iets deed wat niet mocht: vertel het. Jij bent niet de schuldige.'
		},
		'juf-of-meester-in-vo': {
			band: 'vo-1-3',
			bad: 'Vertel het aan je juf of meester.',
			clean: 'Vertel het aan je mentor of een docent.'
		},
		'meteen-weg-zonder-bewijs': {
			band: 'groep-3-4',
			bad: 'Een gemeen bericht moet meteen weg.',
			clean: 'Laat het eerst aan een grote zien; de juf zorgt dat het weg gaat.'
		},
		'altijd-strafbaar': {
			band: 'vo-1-3',
			bad: 'Een dreigbericht is altijd strafbaar.',
			clean: 'Een dreigbericht kan strafbaar zijn.'
		}
	};

	it('has a case for every lint', () => {
		expect(Object.keys(cases).sort()).toEqual(LINTS.map((l) => l.id).sort());
	});

	for (const [id, c] of Object.entries(cases)) {
		it(`${id} fires on a bad sentence and not on a clean one`, () => {
			expect(lintText(c.bad, c.band).map((h) => h.lint.id)).toEqual([id]);
			expect(lintText(c.clean, c.band)).toEqual([]);
		});
	}

	it('also catches the "als je je aan de regels hield" form, and leaves plain rules alone', () => {
		const ids = (t: string) => lintText(t, 'groep-5-6').map((h) => h.lint.id);
		expect(ids('Als je je aan de regels hield, heb je niets fout gedaan.')).toEqual([
			'voorwaardelijk-niet-schuldig'
		]);
		expect(ids('Je houdt je aan de afspraken van de klas.')).toEqual([]);
		expect(ids('Kom je op een verkeerde site? Klik hem meteen weg en meld het.')).toEqual([]);
		expect(ids('Maak eerst een screenshot. Daarna moet het bericht meteen weg.')).toEqual([]);
		// Your own photo that should not exist is not evidence of what someone sent you.
		expect(ids('De foto meteen verwijderen. Fatima heeft er niet om gevraagd.')).toEqual([]);
		expect(ids('Verwijder het meteen, want het is een gemeen bericht.')).toEqual([
			'meteen-weg-zonder-bewijs'
		]);
	});

	it('leaves "juf of meester" alone in the primary bands', () => {
		expect(lintText('Vertel het aan je juf of meester.', 'groep-5-6')).toEqual([]);
	});

	it('name the file, the step and the reason in the check', () => {
		const lib = fixtureLibrary(balanced, (band) =>
			band === 'vo-1-3'
				? [{ id: 'hulp', type: 'uitleg', title: 'Hulp', text: 'Vraag het je juf of meester.' }]
				: []
		);
		expect(messages(lib)).toEqual([
			expect.stringMatching(
				/^vo-1-3\/t-vo-1-3\.yaml: stap hulp: "juf of meester": .*mentor.*docent/
			)
		]);
	});

	it('flag a feedback opener used by more than 10% of a band, not varied ones', () => {
		expect(opener('Dat snap ik, maar het mag niet.')).toBe('dat snap ik');
		const same = (band: string) =>
			band === 'groep-3-4'
				? [
						{
							id: 'sorteer',
							type: 'sorteer',
							instruction: 'Zet ze goed.',
							bins: [
								{ id: 'ja', label: 'Mag' },
								{ id: 'nee', label: 'Mag niet' }
							],
							items: ['a', 'b', 'c', 'd', 'e'].map((id) => ({
								id,
								text: 'Een foto.',
								bin: 'ja',
								feedback: 'Dat snap ik, maar vraag het eerst.'
							}))
						}
					]
				: [];
		const found = messages(fixtureLibrary(balanced, same)).filter((m) => /beginnen met/.test(m));
		expect(found).toEqual([
			expect.stringMatching(
				/^groep-3-4: 5 van 28 feedbackteksten \(18%\) beginnen met "dat snap ik"/
			)
		]);
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
			// An empty band would pass the checks below without checking anything.
			expect(ids.length).toBeGreaterThan(0);
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
