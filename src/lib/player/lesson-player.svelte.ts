// The lesson player's controller: where the pupil is and how their tries went, moved on
// locally so a pupil can go on while the Wi-Fi is down. The rules it follows are the server's
// (state.ts: withAnswer, nextIndex); the page only draws it and sends the outbox.
import {
	choiceFromForm,
	feedbackFor,
	incompleteMessage,
	isCorrect,
	isScored,
	type Choice,
	type Feedback,
	type ScoredStep,
	type Step
} from '../activities/index.ts';
import type { OutboxItem } from './outbox.svelte.ts';
import { emptyStepState, nextIndex, score, withAnswer, type StepState } from './state.ts';

/** Types where one tap is the whole answer: a single option to pick. */
const ONE_TAP_TYPES: ReadonlySet<string> = new Set(['scenario', 'waar-niet-waar']);

/**
 * Groep 3-4 answers with one tap (chosen and checked at once, like a quiz game): a
 * 6-year-old doesn't read "Kijk na". Older pupils choose first and then check, so they
 * may reconsider.
 */
export function answersInOneTap(band: string, type: string): boolean {
	return band === 'groep-3-4' && ONE_TAP_TYPES.has(type);
}

export class LessonPlayer {
	index = $state(0);
	states = $state<Record<string, StepState>>({});

	constructor(
		readonly steps: readonly Step[],
		index: number,
		states: Record<string, StepState>,
		readonly band = ''
	) {
		this.index = index;
		this.states = states;
	}

	get step(): Step {
		return this.steps[this.index]!;
	}
	get stepState(): StepState | undefined {
		return this.states[this.step.id];
	}
	get solved(): boolean {
		return isScored(this.step) && !!this.stepState?.solved;
	}
	get feedback(): Feedback | null {
		const step = this.step;
		const last = this.stepState?.last;
		return isScored(step) && last ? feedbackFor(step, last) : null;
	}
	/** Whether tapping an option answers at once (groep 3-4) instead of choose-then-check. */
	get oneTap(): boolean {
		return answersInOneTap(this.band, this.step.type);
	}
	get canGoOn(): boolean {
		return !isScored(this.step) || this.solved;
	}
	get score() {
		return score([...this.steps], this.states);
	}

	/** The pupil's answer from the form: recorded, or the message why it can't be. */
	answerFromForm(form: FormData): { choice: Choice } | { message: string } | null {
		const step = this.step;
		if (!isScored(step)) return null;
		const choice = choiceFromForm(step, form);
		if (!choice) return { message: incompleteMessage(step) };
		this.answer(choice);
		return { choice };
	}

	answer(choice: Choice) {
		const step = this.step;
		if (isScored(step)) this.record(step, choice);
	}

	/** One more try at a step, scored the way the server scores it. */
	private record(step: ScoredStep, choice: Choice) {
		this.states = {
			...this.states,
			[step.id]: withAnswer(
				this.states[step.id] ?? emptyStepState(),
				isCorrect(step, choice),
				choice
			)
		};
	}

	/** A move from the current step; false when the pupil may not move (unsolved question). */
	move(direction: 1 | -1): boolean {
		const next = nextIndex(this.steps, this.index, {
			stepId: this.step.id,
			direction,
			solved: this.solved
		});
		if (next === this.index) return false;
		this.index = next;
		return true;
	}

	/** Takes over where the pupil was (a kept state newer than the page's data). */
	restore(index: number, states: Record<string, StepState>) {
		if (index < 0 || index >= this.steps.length) return;
		this.index = index;
		this.states = states;
	}

	/** Answers and moves still waiting in the outbox (from before a reload), applied in order. */
	replay(items: OutboxItem[]) {
		for (const item of items) {
			if (item.kind === 'answer') {
				const step = this.steps.find((s) => s.id === item.stepId);
				if (step && isScored(step)) this.record(step, item.choice);
			} else {
				const solved = !!this.states[item.stepId]?.solved;
				this.index = nextIndex(this.steps, this.index, {
					stepId: item.stepId,
					direction: item.kind === 'advance' ? 1 : -1,
					solved
				});
			}
		}
	}
}
