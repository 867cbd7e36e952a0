// What every activity type provides. A type's folder holds its Player.svelte and a pure
// logic.ts that implements one of these; index.ts registers it. Nothing here touches the
// file system or the database: the player (browser) and the server share it.
import type * as v from 'valibot';
import type { Order } from './arrange.ts';

/** What the pupil reads after an answer: whether it was right, and why. */
export interface Feedback {
	correct: boolean;
	/** One or more explanations of why, in the order the pupil should read them. */
	lines: { text: string; correct: boolean; label?: string }[];
}

/** The school's own rules for an "Op jouw school" card, filled in by the server. */
export interface SchoolRulesCard {
	topicLabel: string;
	protocolName: string;
	rules: string[];
}

export interface ViewContext {
	schoolRules?: SchoolRulesCard;
	/** The pupil's band, where a type words things per age (DENK NA for groep 3-4). */
	band?: string;
}

/** One option as the dashboard counts it. */
export interface CountedOption<C> {
	/** Stable across option orders: statistics are kept by id, never by position. */
	id: string;
	label: string;
	correct: boolean;
	/** What a pupil reads after choosing it. */
	feedback: string;
	chosen(choice: C): boolean;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnySchema = v.GenericSchema<any, any>;

export interface Activity<S extends { type: string; id: string }, P extends { type: S['type'] }> {
	/** The step's part of the lesson file format. */
	schema: AnySchema;
	/** What the browser may know of the step before the pupil answers: no right answers. */
	publicView(step: S, context: ViewContext): P;
	/** Everything on the step in reading order: what "Lees voor" reads. */
	texts(view: P): string[];
	/** The step with its options in the pupil's order (types whose order can cue the answer). */
	arrange?(step: S, order: Order): S;
	/** Everything of the step a pupil may read, as the file has it (feedback included): the
	 * readability check and the content lints read this. */
	fileTexts(step: S): string[];
}

export interface ScoredActivity<
	S extends { type: string; id: string },
	P extends { type: S['type'] },
	C extends { type: S['type'] }
> extends Activity<S, P> {
	/** Reads a choice from the form fields its Player renders; null when incomplete. */
	fromForm(step: S, form: FormData): C | null;
	/** The form fields that fromForm reads back as this choice (its Player's field names). */
	toForm(choice: C): [name: string, value: string][];
	/** A choice from outside (the outbox, the database), rebuilt from known fields only. */
	fromJson(step: S, value: unknown): C | null;
	isCorrect(step: S, choice: C): boolean;
	feedback(step: S, choice: C): Feedback;
	/** Every feedback text the step holds, once per place it stands in the file. */
	feedbacks(step: S): string[];
	/** Said when the pupil sends an incomplete answer. */
	incomplete: string;
	/** The question as a teacher reads it on the dashboard. */
	question(step: S): string;
	/** The options as statistics count them. */
	counted(step: S): CountedOption<C>[];
	/** The answer key: used by the demo data, the benchmarks and the tests. */
	rightChoice(step: S): C;
	wrongChoices(step: S): C[];
}

/** What every public view starts with: the type, the id and the picture (if any). */
export function viewBase<T extends string>(step: { type: T; id: string; picture?: string }) {
	return { type: step.type, id: step.id, ...(step.picture ? { picture: step.picture } : {}) };
}

/** Form fields as strings; empty and missing are the same. */
export function formValue(form: FormData, name: string): string | null {
	const value = form.get(name);
	return typeof value === 'string' && value !== '' ? value : null;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return !!value && typeof value === 'object' && !Array.isArray(value);
}
