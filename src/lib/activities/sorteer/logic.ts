// Put every item in the right bin (two or three bins); each item says why it goes there.
import * as v from 'valibot';
import { feedback, slug, stepBase, text } from '../../lessons/fields.ts';
import { formValue, isRecord, type ScoredActivity, viewBase } from '../types.ts';

export const schema = v.pipe(
	v.strictObject({
		...stepBase,
		type: v.literal('sorteer'),
		instruction: text,
		bins: v.pipe(
			v.array(v.strictObject({ id: slug, label: text })),
			v.minLength(2),
			v.maxLength(3)
		),
		items: v.pipe(
			v.array(v.strictObject({ id: slug, text: text, bin: slug, feedback: feedback })),
			v.minLength(3),
			v.maxLength(8)
		)
	}),
	v.check(
		(s) => s.items.every((i) => s.bins.some((b) => b.id === i.bin)),
		'elk item moet in een bestaande bak horen'
	)
);
export type SorteerStep = v.InferOutput<typeof schema>;
export type SorteerChoice = { type: 'sorteer'; placement: Record<string, string> };
export interface SorteerView {
	type: 'sorteer';
	id: string;
	picture?: string;
	instruction: string;
	bins: { id: string; label: string }[];
	items: { id: string; text: string }[];
}

/** Every item placed in a known bin, or null. */
function placementOf(step: SorteerStep, binOf: (itemId: string) => unknown): SorteerChoice | null {
	const placement: Record<string, string> = {};
	for (const item of step.items) {
		const bin = binOf(item.id);
		if (typeof bin !== 'string' || !step.bins.some((b) => b.id === bin)) return null;
		placement[item.id] = bin;
	}
	return { type: 'sorteer', placement };
}

const isCorrect = (step: SorteerStep, choice: SorteerChoice) =>
	step.items.every((i) => choice.placement[i.id] === i.bin);

export const sorteer = {
	schema,
	publicView: (step) => ({
		...viewBase(step),
		instruction: step.instruction,
		bins: step.bins,
		items: step.items.map((i) => ({ id: i.id, text: i.text }))
	}),
	arrange: (step, order) => ({ ...step, items: order(step.items) }),
	texts: (view) => [view.instruction, ...view.items.map((i) => i.text)],
	fileTexts: (step) => [
		step.instruction,
		...step.bins.map((b) => b.label),
		...step.items.flatMap((i) => [i.text, i.feedback])
	],
	fromForm: (step, form) => placementOf(step, (id) => formValue(form, `item.${id}`)),
	toForm: (choice) => Object.entries(choice.placement).map(([item, bin]) => [`item.${item}`, bin]),
	fromJson: (step, value) => {
		if (!isRecord(value) || value.type !== 'sorteer' || !isRecord(value.placement)) return null;
		const placement = value.placement;
		return placementOf(step, (id) => placement[id]);
	},
	isCorrect,
	feedback(step, choice) {
		const correct = isCorrect(step, choice);
		const lines = step.items
			.filter((i) => correct || choice.placement[i.id] !== i.bin)
			.map((i) => ({ text: i.feedback, correct: choice.placement[i.id] === i.bin, label: i.text }));
		return { correct, lines };
	},
	feedbacks: (step) => step.items.map((i) => i.feedback),
	incomplete: 'Zet eerst alles in een bak.',
	question: (step) => step.instruction,
	counted: (step) =>
		step.items.flatMap((item) =>
			step.bins.map((bin) => ({
				id: `${item.id}:${bin.id}`,
				label: `${item.text} → ${bin.label}`,
				correct: item.bin === bin.id,
				feedback: item.feedback,
				chosen: (c: SorteerChoice) => c.placement[item.id] === bin.id
			}))
		),
	rightChoice: (step) => ({
		type: 'sorteer',
		placement: Object.fromEntries(step.items.map((i) => [i.id, i.bin]))
	}),
	wrongChoices(step) {
		const other = (bin: string) => step.bins.find((b) => b.id !== bin)!.id;
		return step.items.map((wrong) => ({
			type: 'sorteer',
			placement: Object.fromEntries(
				step.items.map((i) => [i.id, i === wrong ? other(i.bin) : i.bin])
			)
		}));
	}
} satisfies ScoredActivity<SorteerStep, SorteerView, SorteerChoice>;
