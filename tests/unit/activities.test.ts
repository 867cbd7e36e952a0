// The activity registry: every registered type has everything, and every scored type
// round-trips a choice through form fields and JSON and scores its own answer key as right.
import { describe, expect, it } from 'vitest';
import {
	activities,
	arrangeSeed,
	arrangeStep,
	choiceFromForm,
	choiceFromJson,
	choiceToForm,
	countedOptions,
	feedbackFor,
	isCorrect,
	isScored,
	publicStep,
	rightChoice,
	SCORED_TYPES,
	stepTexts,
	wrongChoices,
	type ScoredStep,
	type Step,
	type StepType
} from '../../src/lib/activities/index.ts';
import { realLibrary } from '../helpers/db.ts';

const library = realLibrary();
const steps: Step[] = [
	...library.lessons.flatMap((l) => l.steps),
	...library.quizzes.flatMap((q) => q.questions)
];
const types = Object.keys(activities) as StepType[];

function form(fields: [string, string][]): FormData {
	const f = new FormData();
	for (const [k, v] of fields) f.append(k, v);
	return f;
}

describe('the activity registry', () => {
	it('has a Player.svelte next to every logic module, and the library uses every type', async () => {
		const fs = await import('node:fs');
		for (const type of types) {
			expect(fs.existsSync(`src/lib/activities/${type}/Player.svelte`), type).toBe(true);
			expect(
				steps.some((s) => s.type === type),
				`a lesson uses ${type}`
			).toBe(true);
		}
		expect([...SCORED_TYPES].sort()).toEqual([
			'denk-na',
			'meerkeuze',
			'scenario',
			'sorteer',
			'waar-niet-waar'
		]);
	});

	for (const type of types)
		it(`${type}: the public view keeps the type and gives nothing away`, () => {
			const step = steps.find((s) => s.type === type)!;
			const view = publicStep(step, {
				schoolRules: { topicLabel: 'Privacy', protocolName: 'Test', rules: ['Regel.'] },
				band: 'groep-3-4'
			});
			expect(view).toMatchObject({ type, id: step.id });
			expect(stepTexts(view).length).toBeGreaterThan(0);
			if (!isScored(step)) return;
			const sent = JSON.stringify(view);
			expect(sent).not.toContain('"correct"');
			for (const o of countedOptions(step)) expect(sent).not.toContain(o.feedback);
		});

	for (const type of SCORED_TYPES)
		it(`${type}: a choice round-trips through form fields and JSON; the key scores right`, () => {
			const all = steps.filter((s): s is ScoredStep => s.type === type);
			expect(all.length).toBeGreaterThan(0);
			for (const step of all) {
				const right = rightChoice(step);
				expect(choiceFromForm(step, form(choiceToForm(step, right)))).toEqual(right);
				expect(choiceFromJson(step, JSON.parse(JSON.stringify(right)))).toEqual(right);
				expect(isCorrect(step, right), step.id).toBe(true);
				expect(feedbackFor(step, right).correct).toBe(true);
				expect(feedbackFor(step, right).lines.length).toBeGreaterThan(0);
				const wrong = wrongChoices(step);
				expect(wrong.length, step.id).toBeGreaterThan(0);
				for (const w of wrong) {
					expect(isCorrect(step, w), step.id).toBe(false);
					expect(choiceFromJson(step, JSON.parse(JSON.stringify(w)))).toEqual(w);
				}
				// Counting: the right choice is counted at (at least) one right option.
				expect(countedOptions(step).some((o) => o.correct && o.chosen(right))).toBe(true);
			}
		});

	it('refuses a choice of another type, an unknown option and junk', () => {
		const scenario = steps.find((s): s is ScoredStep => s.type === 'scenario')!;
		const wnw = steps.find((s): s is ScoredStep => s.type === 'waar-niet-waar')!;
		expect(choiceFromJson(scenario, rightChoice(wnw))).toBeNull();
		expect(choiceFromJson(scenario, { type: 'scenario', option: 'bestaat-niet' })).toBeNull();
		for (const junk of [null, 'a', 3, [], { type: 'scenario' }])
			expect(choiceFromJson(scenario, junk)).toBeNull();
		expect(choiceFromForm(scenario, new FormData())).toBeNull();
		expect(isCorrect(scenario, rightChoice(wnw))).toBe(false);
	});
});

describe('option order per pupil', () => {
	const scenarios = steps.filter(
		(s): s is Extract<Step, { type: 'scenario' }> => s.type === 'scenario' && s.options.length >= 3
	);
	const ids = (s: Step) => ('options' in s ? s.options.map((o) => o.id).join(',') : '');

	it('is the same every time for one pupil and keeps every option', () => {
		for (const step of scenarios) {
			const seed = arrangeSeed(7, 'les', step.id);
			const once = arrangeStep(step, seed);
			expect(ids(arrangeStep(step, seed))).toBe(ids(once));
			expect([...ids(once).split(',')].sort()).toEqual(step.options.map((o) => o.id).sort());
			expect(step.options.map((o) => o.id).join(',')).toBe(ids(step)); // the file is untouched
		}
	});

	it('differs between pupils, and puts the right answer everywhere', () => {
		const step = scenarios.find((s) => s.options.length === 3)!;
		const orders = new Set(
			Array.from({ length: 40 }, (_, p) => ids(arrangeStep(step, arrangeSeed(p, 'les', step.id))))
		);
		expect(orders.size).toBeGreaterThan(3);
		const right = step.options.find((o) => o.correct)!.id;
		const positions = new Set(
			Array.from({ length: 40 }, (_, p) =>
				arrangeStep(step, arrangeSeed(p, 'les', step.id))
					.options.map((o) => o.id)
					.indexOf(right)
			)
		);
		expect(positions).toEqual(new Set([0, 1, 2]));
	});

	it('shuffles sort items but not the bins, and leaves other types alone', () => {
		const sort = steps.find((s): s is Extract<Step, { type: 'sorteer' }> => s.type === 'sorteer')!;
		const many = Array.from({ length: 20 }, (_, p) =>
			arrangeStep(sort, arrangeSeed(p, 'les', sort.id))
		);
		expect(new Set(many.map((s) => s.items.map((i) => i.id).join())).size).toBeGreaterThan(1);
		for (const s of many) expect(s.bins).toEqual(sort.bins);
		const wnw = steps.find((s) => s.type === 'waar-niet-waar')!;
		expect(arrangeStep(wnw, 'x')).toBe(wnw);
	});
});
