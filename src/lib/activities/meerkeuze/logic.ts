// A question with one or more right options: the pupil ticks every one that is right.
import * as v from 'valibot';
import { OptionSchema, stepBase, text } from '../../lessons/fields.ts';
import { isRecord, type ScoredActivity } from '../types.ts';
import {
	countedByOption,
	optionsFileTexts,
	optionsTexts,
	optionsView,
	type OptionsView
} from '../scenario/logic.ts';

export const schema = v.pipe(
	v.strictObject({
		...stepBase,
		type: v.literal('meerkeuze'),
		situation: v.optional(text),
		question: text,
		options: v.pipe(v.array(OptionSchema), v.minLength(3), v.maxLength(6))
	}),
	v.check(
		(s) => s.options.some((o) => o.correct) && s.options.some((o) => !o.correct),
		'meerkeuze heeft minstens één goede en één foute keuze'
	)
);
export type MeerkeuzeStep = v.InferOutput<typeof schema>;
export type MeerkeuzeChoice = { type: 'meerkeuze'; options: string[] };

function fromIds(step: MeerkeuzeStep, ids: unknown[]): MeerkeuzeChoice | null {
	const options = ids.filter(
		(id): id is string => typeof id === 'string' && step.options.some((o) => o.id === id)
	);
	return options.length ? { type: 'meerkeuze', options: [...new Set(options)] } : null;
}

const rightIds = (step: MeerkeuzeStep) => step.options.filter((o) => o.correct).map((o) => o.id);

function isCorrect(step: MeerkeuzeStep, choice: MeerkeuzeChoice): boolean {
	const right = rightIds(step);
	return right.length === choice.options.length && right.every((id) => choice.options.includes(id));
}

export const meerkeuze = {
	schema,
	publicView: (step) => optionsView(step),
	texts: optionsTexts,
	arrange: (step, order) => ({ ...step, options: order(step.options) }),
	fileTexts: optionsFileTexts,
	fromForm: (step, form) => fromIds(step, form.getAll('choice')),
	toForm: (choice) => choice.options.map((id) => ['choice', id]),
	fromJson: (step, value) =>
		isRecord(value) && value.type === 'meerkeuze' && Array.isArray(value.options)
			? fromIds(step, value.options)
			: null,
	isCorrect,
	feedback(step, choice) {
		const correct = isCorrect(step, choice);
		// Explain every option the pupil got wrong: ticked but wrong, or right but not ticked.
		const lines = step.options
			.filter((o) => choice.options.includes(o.id) !== o.correct || (correct && o.correct))
			.map((o) => ({ text: o.feedback, correct: o.correct, label: o.text }));
		return { correct, lines };
	},
	feedbacks: (step) => step.options.map((o) => o.feedback),
	incomplete: 'Kies eerst een antwoord.',
	question: (step) => step.question,
	counted: (step) => countedByOption<MeerkeuzeChoice>(step, (c, id) => c.options.includes(id)),
	rightChoice: (step) => ({ type: 'meerkeuze', options: rightIds(step) }),
	wrongChoices: (step) =>
		step.options
			.filter((o) => !o.correct)
			.map((o) => ({ type: 'meerkeuze', options: [...rightIds(step), o.id] }))
} satisfies ScoredActivity<MeerkeuzeStep, OptionsView<'meerkeuze'>, MeerkeuzeChoice>;
