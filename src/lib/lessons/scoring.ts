// What a pupil chose for a scored step, whether it is right, and what to tell them.
// Shared by the server (which decides) and the player (which shows the result).
import { DENK_NA_QUESTIONS, type ScoredStep } from './schema.ts';

export type Choice =
	| { type: 'scenario'; option: string }
	| { type: 'meerkeuze'; options: string[] }
	| { type: 'waar-niet-waar'; value: boolean }
	| { type: 'sorteer'; placement: Record<string, string> }
	| {
			type: 'denk-na';
			decision: 'plaatsen' | 'niet-plaatsen';
			checks: Record<string, 'ja' | 'nee'>;
	  };

export interface Feedback {
	correct: boolean;
	/** One or more explanations of why, in the order the pupil should read them. */
	lines: { text: string; correct: boolean; label?: string }[];
}

/** Reads a choice from form fields; null when the pupil did not answer completely. */
export function choiceFromForm(step: ScoredStep, form: FormData): Choice | null {
	const one = (name: string) => {
		const value = form.get(name);
		return typeof value === 'string' && value !== '' ? value : null;
	};
	switch (step.type) {
		case 'scenario': {
			const option = one('choice');
			return option && step.options.some((o) => o.id === option)
				? { type: 'scenario', option }
				: null;
		}
		case 'meerkeuze': {
			const options = form
				.getAll('choice')
				.filter((v): v is string => typeof v === 'string' && step.options.some((o) => o.id === v));
			return options.length ? { type: 'meerkeuze', options: [...new Set(options)] } : null;
		}
		case 'waar-niet-waar': {
			const value = one('choice');
			return value === 'waar' || value === 'niet-waar'
				? { type: 'waar-niet-waar', value: value === 'waar' }
				: null;
		}
		case 'sorteer': {
			const placement: Record<string, string> = {};
			for (const item of step.items) {
				const bin = one(`item.${item.id}`);
				if (!bin || !step.bins.some((b) => b.id === bin)) return null;
				placement[item.id] = bin;
			}
			return { type: 'sorteer', placement };
		}
		case 'denk-na': {
			const decision = one('decision');
			if (decision !== 'plaatsen' && decision !== 'niet-plaatsen') return null;
			const checks: Record<string, 'ja' | 'nee'> = {};
			for (const q of DENK_NA_QUESTIONS) {
				const a = one(`check.${q.id}`);
				if (a === 'ja' || a === 'nee') checks[q.id] = a;
			}
			return { type: 'denk-na', decision, checks };
		}
	}
}

/**
 * A choice object from outside (the player's outbox), checked against the step and rebuilt
 * from its known fields only; null when it does not fit.
 */
export function parseChoice(step: ScoredStep, choice: unknown): Choice | null {
	if (!choice || typeof choice !== 'object' || (choice as Choice).type !== step.type) return null;
	const form = new FormData();
	const c = choice as Choice;
	if (c.type === 'scenario') form.set('choice', String(c.option));
	else if (c.type === 'meerkeuze' && Array.isArray(c.options))
		c.options.forEach((o) => form.append('choice', String(o)));
	else if (c.type === 'waar-niet-waar')
		form.set('choice', c.value === true ? 'waar' : c.value === false ? 'niet-waar' : '');
	else if (c.type === 'sorteer' && c.placement && typeof c.placement === 'object')
		for (const [k, val] of Object.entries(c.placement)) form.set(`item.${k}`, String(val));
	else if (c.type === 'denk-na') {
		form.set('decision', String(c.decision));
		for (const [k, val] of Object.entries(c.checks ?? {})) form.set(`check.${k}`, String(val));
	}
	return choiceFromForm(step, form);
}

export function isCorrect(step: ScoredStep, choice: Choice): boolean {
	switch (step.type) {
		case 'scenario':
			return (
				choice.type === 'scenario' && step.options.some((o) => o.id === choice.option && o.correct)
			);
		case 'meerkeuze': {
			if (choice.type !== 'meerkeuze') return false;
			const right = step.options.filter((o) => o.correct).map((o) => o.id);
			return (
				right.length === choice.options.length && right.every((id) => choice.options.includes(id))
			);
		}
		case 'waar-niet-waar':
			return choice.type === 'waar-niet-waar' && choice.value === step.answer;
		case 'sorteer':
			return choice.type === 'sorteer' && step.items.every((i) => choice.placement[i.id] === i.bin);
		case 'denk-na':
			return choice.type === 'denk-na' && choice.decision === step.decision;
	}
}

export function feedbackFor(step: ScoredStep, choice: Choice): Feedback {
	const correct = isCorrect(step, choice);
	switch (step.type) {
		case 'scenario': {
			const option = step.options.find((o) => choice.type === 'scenario' && o.id === choice.option);
			return { correct, lines: option ? [{ text: option.feedback, correct: option.correct }] : [] };
		}
		case 'meerkeuze': {
			const chosen = choice.type === 'meerkeuze' ? choice.options : [];
			// Explain every option the pupil got wrong: ticked but wrong, or right but not ticked.
			const lines = step.options
				.filter((o) => chosen.includes(o.id) !== o.correct || (correct && o.correct))
				.map((o) => ({ text: o.feedback, correct: o.correct, label: o.text }));
			return { correct, lines };
		}
		case 'waar-niet-waar': {
			const saidTrue = choice.type === 'waar-niet-waar' && choice.value;
			return {
				correct,
				lines: [{ text: saidTrue ? step.feedback.waar : step.feedback.nietWaar, correct }]
			};
		}
		case 'sorteer': {
			const placement = choice.type === 'sorteer' ? choice.placement : {};
			const lines = step.items
				.filter((i) => correct || placement[i.id] !== i.bin)
				.map((i) => ({ text: i.feedback, correct: placement[i.id] === i.bin, label: i.text }));
			return { correct, lines };
		}
		case 'denk-na': {
			const decision = choice.type === 'denk-na' ? choice.decision : 'plaatsen';
			return {
				correct,
				lines: [
					{
						text: decision === 'plaatsen' ? step.feedback.plaatsen : step.feedback.nietPlaatsen,
						correct
					},
					...DENK_NA_QUESTIONS.map((q) => ({
						text: step.checks[q.id].why,
						correct: true,
						label: `${q.label} ${step.checks[q.id].answer === 'ja' ? 'Ja' : 'Nee'}`
					}))
				]
			};
		}
	}
}
