// A short explanation: nothing to answer.
import * as v from 'valibot';
import { stepBase, text } from '../../lessons/fields.ts';
import { viewBase, type Activity } from '../types.ts';

export const schema = v.strictObject({
	...stepBase,
	type: v.literal('uitleg'),
	title: text,
	text: text
});
export type UitlegStep = v.InferOutput<typeof schema>;
export interface UitlegView {
	type: 'uitleg';
	id: string;
	picture?: string;
	title: string;
	text: string;
}

export const uitleg = {
	schema,
	publicView: (step) => ({
		...viewBase(step),
		title: step.title,
		text: step.text
	}),
	texts: (view) => [view.title, view.text],
	fileTexts: (step) => [step.title, step.text]
} satisfies Activity<UitlegStep, UitlegView>;
