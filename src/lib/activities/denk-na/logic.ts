// DENK NA before posting: the six questions of the Prinses Julianaschool protocol, then the
// decision to place the post or not. Only the decision is scored; the six answers help think.
import * as v from 'valibot';
import { DENK_NA_QUESTIONS, feedback, stepBase, text } from '../../lessons/fields.ts';
import { formValue, isRecord, type ScoredActivity, viewBase } from '../types.ts';

const check = v.strictObject({ answer: v.picklist(['ja', 'nee']), why: feedback });
export const schema = v.strictObject({
	...stepBase,
	type: v.literal('denk-na'),
	situation: text,
	/** The post the pupil is about to place. */
	post: text,
	checks: v.strictObject(
		Object.fromEntries(DENK_NA_QUESTIONS.map((q) => [q.id, check])) as Record<
			(typeof DENK_NA_QUESTIONS)[number]['id'],
			typeof check
		>
	),
	/** The right decision after the six questions. */
	decision: v.picklist(['plaatsen', 'niet-plaatsen']),
	feedback: v.strictObject({ plaatsen: feedback, nietPlaatsen: feedback })
});
export type DenkNaStep = v.InferOutput<typeof schema>;
type Decision = DenkNaStep['decision'];
export type DenkNaChoice = {
	type: 'denk-na';
	decision: Decision;
	checks: Record<string, 'ja' | 'nee'>;
};
export interface DenkNaView {
	type: 'denk-na';
	id: string;
	picture?: string;
	situation: string;
	post: string;
	/** The six questions as this pupil reads them: simpler words for groep 3-4. */
	questions: { id: string; letter: string; label: string }[];
	/** The step's own submit buttons (instead of "Kijk na"): groep 3-4 sends a message, older
	 * pupils place a post. */
	submit: { name: 'decision'; value: Decision; label: string }[];
}

export const DECISION_LABELS: Record<Decision, string> = {
	plaatsen: 'Ik plaats het',
	'niet-plaatsen': 'Ik plaats het niet'
};
const YOUNG_DECISION_LABELS: Record<Decision, string> = {
	plaatsen: 'Ik stuur het',
	'niet-plaatsen': 'Ik stuur het niet'
};

function choiceOf(decision: unknown, answerOf: (id: string) => unknown): DenkNaChoice | null {
	if (decision !== 'plaatsen' && decision !== 'niet-plaatsen') return null;
	const checks: Record<string, 'ja' | 'nee'> = {};
	for (const q of DENK_NA_QUESTIONS) {
		const a = answerOf(q.id);
		if (a === 'ja' || a === 'nee') checks[q.id] = a;
	}
	return { type: 'denk-na', decision, checks };
}

const said = (step: DenkNaStep, decision: Decision) =>
	decision === 'plaatsen' ? step.feedback.plaatsen : step.feedback.nietPlaatsen;

export const denkNa = {
	schema,
	publicView(step, { band }) {
		const young = band === 'groep-3-4';
		return {
			...viewBase(step),
			situation: step.situation,
			post: step.post,
			questions: DENK_NA_QUESTIONS.map((q) => ({
				id: q.id,
				letter: q.letter,
				label: young ? q.simple : q.label
			})),
			submit: (['plaatsen', 'niet-plaatsen'] as const).map((value) => ({
				name: 'decision' as const,
				value,
				label: (young ? YOUNG_DECISION_LABELS : DECISION_LABELS)[value]
			}))
		};
	},
	texts: (view) => [view.situation, view.post, ...view.questions.map((q) => q.label)],
	fileTexts: (step) => [
		step.situation,
		step.post,
		...Object.values(step.checks).map((c) => c.why),
		step.feedback.plaatsen,
		step.feedback.nietPlaatsen
	],
	fromForm: (_step, form) =>
		choiceOf(formValue(form, 'decision'), (id) => formValue(form, `check.${id}`)),
	toForm: (choice) => [
		['decision', choice.decision],
		...Object.entries(choice.checks).map(([id, a]): [string, string] => [`check.${id}`, a])
	],
	fromJson(_step, value) {
		if (!isRecord(value) || value.type !== 'denk-na') return null;
		const checks = isRecord(value.checks) ? value.checks : {};
		return choiceOf(value.decision, (id) => checks[id]);
	},
	isCorrect: (step, choice) => choice.decision === step.decision,
	feedback(step, choice) {
		const correct = choice.decision === step.decision;
		return {
			correct,
			lines: [
				{ text: said(step, choice.decision), correct },
				...DENK_NA_QUESTIONS.map((q) => ({
					text: step.checks[q.id].why,
					correct: true,
					label: `${q.label} ${step.checks[q.id].answer === 'ja' ? 'Ja' : 'Nee'}`
				}))
			]
		};
	},
	feedbacks: (step) => [step.feedback.plaatsen, step.feedback.nietPlaatsen],
	incomplete: 'Kies eerst: plaats je het of niet?',
	question: (step) => `Plaatsen of niet? "${step.post.trim()}"`,
	counted: (step) =>
		(['plaatsen', 'niet-plaatsen'] as const).map((decision) => ({
			id: decision,
			label: DECISION_LABELS[decision],
			correct: step.decision === decision,
			feedback: said(step, decision),
			chosen: (c) => c.decision === decision
		})),
	rightChoice: (step) => ({
		type: 'denk-na',
		decision: step.decision,
		checks: Object.fromEntries(DENK_NA_QUESTIONS.map((q) => [q.id, step.checks[q.id].answer]))
	}),
	wrongChoices: (step) => [
		{
			type: 'denk-na',
			decision: step.decision === 'plaatsen' ? 'niet-plaatsen' : 'plaatsen',
			checks: {}
		}
	]
} satisfies ScoredActivity<DenkNaStep, DenkNaView, DenkNaChoice>;
