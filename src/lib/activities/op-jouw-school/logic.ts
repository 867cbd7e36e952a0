// "Op jouw school": the rules of the pupil's own school on the step's topic. The lesson file
// names only the topic; the server fills in the school's rules (ViewContext.schoolRules).
import * as v from 'valibot';
import { stepBase, text, TOPICS } from '../../lessons/fields.ts';
import { viewBase, type Activity } from '../types.ts';

export const schema = v.strictObject({
	...stepBase,
	type: v.literal('op-jouw-school'),
	topic: v.picklist(TOPICS),
	intro: v.optional(text)
});
export type OpJouwSchoolStep = v.InferOutput<typeof schema>;
export interface OpJouwSchoolView {
	type: 'op-jouw-school';
	id: string;
	picture?: string;
	intro?: string;
	topicLabel: string;
	protocolName: string;
	rules: string[];
}

export const opJouwSchool = {
	schema,
	publicView: (step, { schoolRules }) => ({
		...viewBase(step),
		intro: step.intro,
		topicLabel: schoolRules?.topicLabel ?? '',
		protocolName: schoolRules?.protocolName ?? '',
		rules: schoolRules?.rules ?? []
	}),
	texts: (view) => [`Op jouw school: ${view.topicLabel}.`, view.intro ?? '', ...view.rules],
	// The rules themselves are the protocol's texts, checked with the protocol.
	fileTexts: (step) => [step.intro ?? '']
} satisfies Activity<OpJouwSchoolStep, OpJouwSchoolView>;
