// The activity registry: every step type of the lesson format and everything about it.
// A new type is a folder `<type>/` with its Player.svelte and logic.ts, plus one line here;
// `satisfies` refuses a module that lacks a function. Everything that depends on a step's
// type (scoring, feedback, the answer-free view, read-aloud texts, statistics, the answer
// key) goes through the functions below, on the server and in the browser alike.
import type * as v from 'valibot';
import type { Activity, CountedOption, Feedback, ScoredActivity, ViewContext } from './types.ts';
import { orderFor } from './arrange.ts';
import { uitleg } from './uitleg/logic.ts';
import { scenario } from './scenario/logic.ts';
import { meerkeuze } from './meerkeuze/logic.ts';
import { waarNietWaar } from './waar-niet-waar/logic.ts';
import { sorteer } from './sorteer/logic.ts';
import { denkNa } from './denk-na/logic.ts';
import { reflectie } from './reflectie/logic.ts';
import { opJouwSchool } from './op-jouw-school/logic.ts';
import { afsluiting } from './afsluiting/logic.ts';

export const activities = {
	uitleg,
	scenario,
	meerkeuze,
	'waar-niet-waar': waarNietWaar,
	sorteer,
	'denk-na': denkNa,
	reflectie,
	'op-jouw-school': opJouwSchool,
	afsluiting
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
} satisfies Record<string, Activity<any, any>>;

type Activities = typeof activities;
export type StepType = keyof Activities;
export type Step = { [T in StepType]: v.InferOutput<Activities[T]['schema']> }[StepType];
export type StepOf<T extends StepType> = Extract<Step, { type: T }>;

/** Types with a right answer: their module has isCorrect. */
export type ScoredType = {
	[T in StepType]: Activities[T] extends { isCorrect: unknown } ? T : never;
}[StepType];
export type ScoredStep = StepOf<ScoredType>;

export type Choice = {
	[T in ScoredType]: ReturnType<Activities[T]['rightChoice']>;
}[ScoredType];
export type ChoiceOf<T extends ScoredType> = Extract<Choice, { type: T }>;

export type PublicStep = { [T in StepType]: ReturnType<Activities[T]['publicView']> }[StepType];
export type PublicStepOf<T extends StepType> = Extract<PublicStep, { type: T }>;

export type { Feedback, SchoolRulesCard } from './types.ts';

export const SCORED_TYPES = (Object.keys(activities) as StepType[]).filter(
	(t) => 'isCorrect' in activities[t]
) as ScoredType[];

export function isScored(step: { type: string }): step is ScoredStep {
	return (SCORED_TYPES as string[]).includes(step.type);
}

// One cast per dispatch: TypeScript can't follow that activities[step.type] belongs to step.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = ScoredActivity<any, any, any>;
const scoredModule = (step: ScoredStep) => activities[step.type] as Loose;

export function publicStep(step: Step, context: ViewContext = {}): PublicStep {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return (activities[step.type] as Activity<any, any>).publicView(step, context);
}

/**
 * The step as this pupil sees it: options (and sort items) in an order fixed by `seed`
 * (pupil, lesson and step), or as the file has it for types without an order to hide.
 */
export function arrangeStep<S extends Step>(step: S, seed: string): S {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const arrange = (activities[step.type] as Activity<any, any>).arrange;
	return arrange ? (arrange(step, orderFor(seed)) as S) : step;
}

/** The seed for one pupil's order of one step. */
export const arrangeSeed = (pupilId: number, unitId: string, stepId: string) =>
	`${pupilId}:${unitId}:${stepId}`;

/** Everything on a step in reading order, then the feedback: what "Lees voor" reads. */
export function stepTexts(view: PublicStep, feedback: Feedback | null = null): string[] {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	const texts: string[] = (activities[view.type] as Activity<any, any>).texts(view);
	const said = feedback
		? feedback.lines.map((l) => (l.label ? `${l.label}: ${l.text}` : l.text))
		: [];
	return [...texts, ...said].filter(Boolean);
}

/** Everything of a step a pupil may read, as written in the file (readability, lints). */
export function fileTexts(step: Step): string[] {
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return (activities[step.type] as Activity<any, any>).fileTexts(step).filter(Boolean);
}

/** Reads a choice from form fields; null when the pupil did not answer completely. */
export function choiceFromForm(step: ScoredStep, form: FormData): Choice | null {
	return scoredModule(step).fromForm(step, form);
}

/** The form fields a Player would send for this choice (tests and tools fill forms with it). */
export function choiceToForm(step: ScoredStep, choice: Choice): [string, string][] {
	return scoredModule(step).toForm(choice);
}

/** A choice from outside (the outbox, a stored row), checked against the step; null if it
 * does not fit. */
export function choiceFromJson(step: ScoredStep, value: unknown): Choice | null {
	return scoredModule(step).fromJson(step, value);
}

/** A stored choice (JSON text) read back through the step's own parser. */
export function storedChoice(step: ScoredStep, json: string): Choice | null {
	try {
		return choiceFromJson(step, JSON.parse(json));
	} catch {
		return null;
	}
}

export function isCorrect(step: ScoredStep, choice: Choice): boolean {
	return choice.type === step.type && scoredModule(step).isCorrect(step, choice);
}

export function feedbackFor(step: ScoredStep, choice: Choice): Feedback {
	if (choice.type !== step.type) return { correct: false, lines: [] };
	return scoredModule(step).feedback(step, choice);
}

/** Every feedback text of a scored step, once per place in the file (the opener check). */
export function feedbackTexts(step: Step): string[] {
	return isScored(step) ? scoredModule(step).feedbacks(step) : [];
}

export function incompleteMessage(step: ScoredStep): string {
	return scoredModule(step).incomplete;
}

export function questionText(step: ScoredStep): string {
	return scoredModule(step).question(step);
}

export function countedOptions(step: ScoredStep): CountedOption<Choice>[] {
	return scoredModule(step)
		.counted(step)
		.map((o: CountedOption<Choice>) => ({
			...o,
			chosen: (c: Choice) => c.type === step.type && o.chosen(c)
		}));
}

export function rightChoice(step: ScoredStep): Choice {
	return scoredModule(step).rightChoice(step);
}

export function wrongChoices(step: ScoredStep): Choice[] {
	return scoredModule(step).wrongChoices(step);
}

/** The step's schemas, for the lesson format (schema.ts). */
export const stepSchemas = Object.values(activities).map((a) => a.schema);
