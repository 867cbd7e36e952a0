// What each stored answer is about: per lesson step and per quiz question, the kerndoelen
// and rules it checks (the step's own, else the lesson's). Built once per library.
import { isScored, type ScoredStep } from '../../activities/index.ts';
import type { Band, QuizQuestion, Topic } from '../../lessons/schema.ts';
import { lessonTopics, type LessonLibrary } from '../lessons.ts';

export interface StepInfo {
	goals: string[];
	rules: string[];
	/** What the step teaches, for a school's own rules (which lessons don't name by id). */
	topics: Topic[];
	band: Band;
	step: ScoredStep;
	lessonId: string;
}

export interface QuestionInfo {
	goals: string[];
	rules: string[];
	question: QuizQuestion;
}

const lessonIndexes = new WeakMap<LessonLibrary, Map<string, StepInfo>>();
const quizIndexes = new WeakMap<LessonLibrary, Map<string, QuestionInfo>>();

export const stepKey = (lessonId: string, stepId: string) => `${lessonId}\u0000${stepId}`;

/** Scored lesson steps, keyed by stepKey(lesson id, step id). */
export function stepIndex(library: LessonLibrary): Map<string, StepInfo> {
	let index = lessonIndexes.get(library);
	if (index) return index;
	index = new Map();
	for (const lesson of library.lessons) {
		const topics = lessonTopics(library, lesson);
		for (const step of lesson.steps)
			if (isScored(step))
				index.set(stepKey(lesson.id, step.id), {
					goals: step.goals ?? lesson.goals,
					rules: step.rules ?? lesson.rules,
					topics: step.rules
						? [...new Set(step.rules.flatMap((id) => library.ruleById.get(id)?.topic ?? []))]
						: topics,
					band: lesson.band,
					step,
					lessonId: lesson.id
				});
	}
	lessonIndexes.set(library, index);
	return index;
}

/** Quiz questions, keyed by stepKey(quiz id, question id). */
export function questionIndex(library: LessonLibrary): Map<string, QuestionInfo> {
	let index = quizIndexes.get(library);
	if (index) return index;
	index = new Map();
	for (const quiz of library.quizzes)
		for (const question of quiz.questions)
			index.set(stepKey(quiz.id, question.id), {
				goals: question.goals ?? [],
				rules: question.rules ?? [],
				question
			});
	quizIndexes.set(library, index);
	return index;
}
