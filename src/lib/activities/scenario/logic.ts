// A situation and a question with one right option; every option says why.
import * as v from 'valibot';
import { OptionSchema, stepBase, text } from '../../lessons/fields.ts';
import { formValue, isRecord, viewBase, type ScoredActivity } from '../types.ts';

export const schema = v.pipe(
	v.strictObject({
		...stepBase,
		type: v.literal('scenario'),
		situation: text,
		question: text,
		options: v.pipe(v.array(OptionSchema), v.minLength(2), v.maxLength(5))
	}),
	v.check(
		(s) => s.options.filter((o) => o.correct).length === 1,
		'een scenario heeft precies één goede keuze (gebruik meerkeuze voor meer)'
	)
);
export type ScenarioStep = v.InferOutput<typeof schema>;
export type ScenarioChoice = { type: 'scenario'; option: string };

/** Scenario and meerkeuze look the same to the pupil before answering. */
export interface OptionsView<T extends 'scenario' | 'meerkeuze'> {
	type: T;
	id: string;
	picture?: string;
	situation?: string;
	question: string;
	options: { id: string; text: string }[];
}

/** A step with options, as the file has it: each option with its verdict and feedback. */
type WithOptions<T extends 'scenario' | 'meerkeuze'> = Omit<OptionsView<T>, 'options'> & {
	options: { id: string; text: string; correct: boolean; feedback: string }[];
};

export function optionsView<T extends 'scenario' | 'meerkeuze'>(
	step: WithOptions<T>
): OptionsView<T> {
	return {
		...viewBase(step),
		situation: step.situation,
		question: step.question,
		options: step.options.map((o) => ({ id: o.id, text: o.text }))
	};
}

/** Statistics count each option; `picked` says whether a choice picked this option id. */
export function countedByOption<C>(
	step: WithOptions<'scenario' | 'meerkeuze'>,
	picked: (choice: C, id: string) => boolean
) {
	return step.options.map((o) => ({
		id: o.id,
		label: o.text,
		correct: o.correct,
		feedback: o.feedback,
		chosen: (c: C) => picked(c, o.id)
	}));
}

export const optionsFileTexts = (step: WithOptions<'scenario' | 'meerkeuze'>) => [
	step.situation ?? '',
	step.question,
	...step.options.flatMap((o) => [o.text, o.feedback])
];

export const optionsTexts = (view: OptionsView<'scenario' | 'meerkeuze'>) => [
	view.situation ?? '',
	view.question,
	...view.options.map((o) => o.text)
];

const known = (step: ScenarioStep, id: string | null) =>
	id !== null && step.options.some((o) => o.id === id);

export const scenario = {
	schema,
	publicView: (step) => optionsView(step),
	texts: optionsTexts,
	arrange: (step, order) => ({ ...step, options: order(step.options) }),
	fileTexts: optionsFileTexts,
	fromForm(step, form) {
		const option = formValue(form, 'choice');
		return option !== null && known(step, option) ? { type: 'scenario', option } : null;
	},
	toForm: (choice) => [['choice', choice.option]],
	fromJson(step, value) {
		if (!isRecord(value) || value.type !== 'scenario' || typeof value.option !== 'string')
			return null;
		return known(step, value.option) ? { type: 'scenario', option: value.option } : null;
	},
	isCorrect: (step, choice) => step.options.some((o) => o.id === choice.option && o.correct),
	feedback(step, choice) {
		const option = step.options.find((o) => o.id === choice.option);
		return {
			correct: !!option?.correct,
			lines: option ? [{ text: option.feedback, correct: option.correct }] : []
		};
	},
	feedbacks: (step) => step.options.map((o) => o.feedback),
	incomplete: 'Kies eerst een antwoord.',
	question: (step) => step.question,
	counted: (step) => countedByOption<ScenarioChoice>(step, (c, id) => c.option === id),
	rightChoice: (step) => ({ type: 'scenario', option: step.options.find((o) => o.correct)!.id }),
	wrongChoices: (step) =>
		step.options.filter((o) => !o.correct).map((o) => ({ type: 'scenario', option: o.id }))
} satisfies ScoredActivity<ScenarioStep, OptionsView<'scenario'>, ScenarioChoice>;
