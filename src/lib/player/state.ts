// The lesson player's state, the same in the browser and on the server: where the pupil is
// and, per question, how their tries went. The browser updates it locally (so a pupil can go
// on while the Wi-Fi is down) and the server rebuilds it from the database.
import { isScored, type Step } from '../lessons/schema.ts';
import { feedbackFor, type Choice, type Feedback } from '../activities/index.ts';

export interface StepState {
	attempts: number;
	solved: boolean;
	/** Whether the first try was right: what the score counts. */
	firstCorrect: boolean | null;
	last: Choice | null;
}

export const emptyStepState = (): StepState => ({
	attempts: 0,
	solved: false,
	firstCorrect: null,
	last: null
});

export function withAnswer(state: StepState, correct: boolean, choice: Choice): StepState {
	return {
		attempts: state.attempts + 1,
		solved: state.solved || correct,
		firstCorrect: state.attempts === 0 ? correct : state.firstCorrect,
		last: choice
	};
}

/** May the pupil go on from this step? A question must have been answered right. */
export function canAdvance(step: Step, state: StepState | undefined): boolean {
	return !isScored(step) || !!state?.solved;
}

export function feedbackOf(step: Step, state: StepState | undefined): Feedback | null {
	return isScored(step) && state?.last ? feedbackFor(step, state.last) : null;
}

export function score(steps: Step[], states: Record<string, StepState>) {
	const scored = steps.filter(isScored);
	return {
		correct: scored.filter((s) => states[s.id]?.firstCorrect === true).length,
		scored: scored.length
	};
}
