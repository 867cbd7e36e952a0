// The distribution of first-try choices on one question: which options pupils chose, which
// wrong ones are misconceptions. Pure; each activity type says how its options are counted.
import { countedOptions, questionText, type Choice, type ScoredStep } from '../activities/index.ts';
import { MISCONCEPTION_SHARE } from './mastery.ts';

export interface OptionStat {
	id: string;
	label: string;
	correct: boolean;
	count: number;
	/** Share of the pupils who answered the question (first try). */
	share: number;
	/** What the pupil reads after choosing this option. */
	feedback: string;
	misconception: boolean;
}

export interface QuestionStat {
	stepId: string;
	type: ScoredStep['type'];
	question: string;
	/** The situation the question is about, when it has one. */
	situation: string | null;
	answered: number;
	rightFirst: number;
	options: OptionStat[];
}

/** A first try as stored: the choice, and whether it was right when the pupil gave it. */
export interface FirstTry {
	choice: Choice;
	correct: boolean;
}

export function questionStats(step: ScoredStep, firstTries: FirstTry[]): QuestionStat {
	const options = countedOptions(step);
	const answered = firstTries.length;
	const counts = options.map((o) => firstTries.filter((t) => o.chosen(t.choice)).length);
	return {
		stepId: step.id,
		type: step.type,
		question: questionText(step),
		situation: 'situation' in step && step.situation ? step.situation.trim() : null,
		answered,
		rightFirst: firstTries.filter((t) => t.correct).length,
		options: options.map((o, i) => {
			const share = answered ? counts[i]! / answered : 0;
			return {
				id: o.id,
				label: o.label,
				correct: o.correct,
				feedback: o.feedback,
				count: counts[i]!,
				share,
				misconception: !o.correct && answered > 0 && share >= MISCONCEPTION_SHARE
			};
		})
	};
}
