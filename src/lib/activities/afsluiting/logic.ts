// The last step of every lesson: what the pupil learned, the score and "Klaar? Log uit".
import * as v from 'valibot';
import { stepBase, text } from '../../lessons/fields.ts';
import { viewBase, type Activity } from '../types.ts';

export const schema = v.strictObject({
	...stepBase,
	type: v.literal('afsluiting'),
	title: v.optional(text),
	/** What the pupil learned, as short sentences. */
	summary: v.pipe(v.array(text), v.minLength(1))
});
export type AfsluitingStep = v.InferOutput<typeof schema>;
export interface AfsluitingView {
	type: 'afsluiting';
	id: string;
	picture?: string;
	title?: string;
	summary: string[];
}

export const afsluiting = {
	schema,
	publicView: (step) => ({
		...viewBase(step),
		title: step.title,
		summary: step.summary
	}),
	texts: (view) => [view.title ?? 'Goed gedaan!', ...view.summary],
	fileTexts: (step) => [step.title ?? '', ...step.summary]
} satisfies Activity<AfsluitingStep, AfsluitingView>;
