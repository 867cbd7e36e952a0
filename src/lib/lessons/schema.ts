// The lesson file format as a schema: lessons and quizzes, built from the shared fields
// (fields.ts) and the step schemas of the activity registry. No file system here: the player
// (browser) and the loader (server) share these types. Documented in lessons/README.md.
import * as v from 'valibot';
import { band, slug, text } from './fields.ts';
import { LESSON_PICTURES } from '../pictures.ts';
import { activities, stepSchemas, type Step } from '../activities/index.ts';

export * from './fields.ts';
export {
	isScored,
	SCORED_TYPES,
	type ScoredStep,
	type ScoredType,
	type Step,
	type StepOf,
	type StepType
} from '../activities/index.ts';

export const StepSchema = v.variant(
	'type',
	stepSchemas as unknown as [(typeof stepSchemas)[number], ...(typeof stepSchemas)[number][]]
) as unknown as v.GenericSchema<unknown, Step>;

export const LessonSchema = v.pipe(
	v.strictObject({
		id: slug,
		title: text,
		band: band,
		minutes: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(45)),
		/** The picture on the lesson's card in Mijn lessen: how a pupil who can't read yet
		 * tells the lessons apart (one of LESSON_PICTURES). */
		picture: v.optional(v.picklist(LESSON_PICTURES)),
		/** One sentence for teachers and parents: what this lesson is about. */
		summary: text,
		goals: v.pipe(v.array(slug), v.minLength(1)),
		rules: v.pipe(v.array(slug), v.minLength(1)),
		/** "Praat thuis over ...": shown to parents once the lesson is done. */
		homeTip: text,
		/** Prompts for the class talk, for the teacher. */
		discussion: v.pipe(v.array(text), v.minLength(1)),
		steps: v.pipe(v.array(StepSchema), v.minLength(3))
	}),
	v.check(
		(l) => new Set(l.steps.map((s) => s.id)).size === l.steps.length,
		'elke stap heeft een eigen id'
	),
	v.check(
		(l) => l.steps.at(-1)?.type === 'afsluiting',
		'de laatste stap is een afsluiting ("Klaar? Log uit")'
	)
);
export type LessonInput = v.InferOutput<typeof LessonSchema>;
/** A lesson as the app uses it: the file plus its content hash. */
export type Lesson = LessonInput & { version: string };

/** Quiz questions: the single-page question types. */
const QuestionSchema = v.variant('type', [
	activities.scenario.schema,
	activities.meerkeuze.schema,
	activities['waar-niet-waar'].schema
]);
export type QuizQuestion = v.InferOutput<typeof QuestionSchema>;

export const QuizSchema = v.pipe(
	v.strictObject({
		id: slug,
		title: text,
		band: band,
		/** Form a is the voortoets, form b the natoets: parallel forms, not the same items. */
		form: v.picklist(['a', 'b']),
		minutes: v.pipe(v.number(), v.integer(), v.minValue(5), v.maxValue(45)),
		/** Every question carries its own goals, so growth can be shown per kerndoel. */
		questions: v.pipe(
			v.array(
				v.pipe(
					QuestionSchema,
					v.check((q) => (q.goals?.length ?? 0) > 0, 'elke quizvraag heeft goals')
				)
			),
			v.minLength(10),
			v.maxLength(15)
		)
	}),
	v.check(
		(q) => new Set(q.questions.map((s) => s.id)).size === q.questions.length,
		'elke vraag heeft een eigen id'
	)
);
export type Quiz = v.InferOutput<typeof QuizSchema> & { version: string };
