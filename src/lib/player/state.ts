// The lesson player's state, the same in the browser and on the server: where the pupil is
// and, per question, how their tries went. The browser updates it locally (so a pupil can go
// on while the Wi-Fi is down) and the server rebuilds it from the database.
import { isScored, type Step } from '../lessons/schema.ts';
import type { Choice } from '../activities/index.ts';

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

/**
 * Where a move from `stepId` leads: the same rule in the browser (which moves at once) and on
 * the server (which follows the outbox). A move that doesn't start from the current step (a
 * resent "verder") stays put, as does "verder" on an unsolved question or past the end.
 */
export function nextIndex(
	steps: readonly Step[],
	index: number,
	move: { stepId: string; direction: 1 | -1; solved?: boolean }
): number {
	const step = steps[index];
	if (!step || step.id !== move.stepId) return index;
	if (move.direction === -1) return Math.max(index - 1, 0);
	if (isScored(step) && !move.solved) return index;
	return Math.min(index + 1, steps.length - 1);
}

export function score(steps: Step[], states: Record<string, StepState>) {
	const scored = steps.filter(isScored);
	return {
		correct: scored.filter((s) => states[s.id]?.firstCorrect === true).length,
		scored: scored.length
	};
}
