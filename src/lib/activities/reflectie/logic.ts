// A question to think about or talk over in class: no right answer, nothing stored.
import * as v from 'valibot';
import { stepBase, text } from '../../lessons/fields.ts';
import { viewBase, type Activity } from '../types.ts';

export const schema = v.strictObject({
	...stepBase,
	type: v.literal('reflectie'),
	question: text,
	/** A hint for the pupil or the class talk. */
	hint: v.optional(text)
});
export type ReflectieStep = v.InferOutput<typeof schema>;
export interface ReflectieView {
	type: 'reflectie';
	id: string;
	picture?: string;
	question: string;
	hint?: string;
}

export const reflectie = {
	schema,
	publicView: (step) => ({
		...viewBase(step),
		question: step.question,
		hint: step.hint
	}),
	texts: (view) => [view.question, view.hint ?? ''],
	fileTexts: (step) => [step.question, step.hint ?? '']
} satisfies Activity<ReflectieStep, ReflectieView>;
