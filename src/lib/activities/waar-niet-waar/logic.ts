// A statement the pupil calls true or not true, with feedback for each answer.
import * as v from 'valibot';
import { feedback, stepBase, text } from '../../lessons/fields.ts';
import { formValue, isRecord, type ScoredActivity, viewBase } from '../types.ts';

export const schema = v.strictObject({
	...stepBase,
	type: v.literal('waar-niet-waar'),
	situation: v.optional(text),
	statement: text,
	answer: v.boolean(),
	feedback: v.strictObject({
		/** Shown when the pupil says "waar". */
		waar: feedback,
		/** Shown when the pupil says "niet waar". */
		nietWaar: feedback
	})
});
export type WaarNietWaarStep = v.InferOutput<typeof schema>;
export type WaarNietWaarChoice = { type: 'waar-niet-waar'; value: boolean };
export interface WaarNietWaarView {
	type: 'waar-niet-waar';
	id: string;
	picture?: string;
	situation?: string;
	statement: string;
}

const said = (step: WaarNietWaarStep, value: boolean) =>
	value ? step.feedback.waar : step.feedback.nietWaar;

export const waarNietWaar = {
	schema,
	publicView: (step) => ({
		...viewBase(step),
		situation: step.situation,
		statement: step.statement
	}),
	texts: (view) => [view.situation ?? '', view.statement, 'Is dat waar, of niet waar?'],
	fileTexts: (step) => [
		step.situation ?? '',
		step.statement,
		step.feedback.waar,
		step.feedback.nietWaar
	],
	fromForm(_step, form) {
		const value = formValue(form, 'choice');
		return value === 'waar' || value === 'niet-waar'
			? { type: 'waar-niet-waar', value: value === 'waar' }
			: null;
	},
	toForm: (choice) => [['choice', choice.value ? 'waar' : 'niet-waar']],
	fromJson: (_step, value) =>
		isRecord(value) && value.type === 'waar-niet-waar' && typeof value.value === 'boolean'
			? { type: 'waar-niet-waar', value: value.value }
			: null,
	isCorrect: (step, choice) => choice.value === step.answer,
	feedback(step, choice) {
		const correct = choice.value === step.answer;
		return { correct, lines: [{ text: said(step, choice.value), correct }] };
	},
	feedbacks: (step) => [step.feedback.waar, step.feedback.nietWaar],
	incomplete: 'Kies eerst een antwoord.',
	question: (step) => `Waar of niet waar: ${step.statement}`,
	counted: (step) =>
		[true, false].map((value) => ({
			id: value ? 'waar' : 'niet-waar',
			label: value ? 'Waar' : 'Niet waar',
			correct: step.answer === value,
			feedback: said(step, value),
			chosen: (c) => c.value === value
		})),
	rightChoice: (step) => ({ type: 'waar-niet-waar', value: step.answer }),
	wrongChoices: (step) => [{ type: 'waar-niet-waar', value: !step.answer }]
} satisfies ScoredActivity<WaarNietWaarStep, WaarNietWaarView, WaarNietWaarChoice>;
