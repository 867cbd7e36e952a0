// Reads lessons/ once, validates every file against the schema and the cross-references
// between files, and indexes the result. A bad file stops start-up naming the file and field.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as v from 'valibot';
import { parse } from 'yaml';
import {
	BANDS,
	GoalsFileSchema,
	LessonSchema,
	ProtocolSchema,
	QuizSchema,
	type Band,
	type Goal,
	type Lesson,
	type Protocol,
	type Quiz,
	type Rule,
	type Topic
} from '../lessons/schema.ts';

export class LessonFileError extends Error {
	constructor(
		readonly file: string,
		readonly field: string,
		problem: string
	) {
		super(`${file}: ${field ? `${field}: ` : ''}${problem}`);
		this.name = 'LessonFileError';
	}
}

export interface RuleEntry extends Rule {
	protocol: string;
}

export interface LessonLibrary {
	dir: string;
	goals: Goal[];
	protocols: Protocol[];
	lessons: Lesson[];
	quizzes: Quiz[];
	goalById: Map<string, Goal>;
	ruleById: Map<string, RuleEntry>;
	lessonById: Map<string, Lesson>;
	quizById: Map<string, Quiz>;
	/** Lesson ids per band in the recommended order (order.yaml, then the rest by file name). */
	order: Record<Band, string[]>;
}

function readYaml(dir: string, file: string): unknown {
	const full = path.join(dir, file);
	try {
		return parse(fs.readFileSync(full, 'utf8'));
	} catch (error) {
		throw new LessonFileError(file, '', `kan niet gelezen worden: ${(error as Error).message}`);
	}
}

function validate<T extends v.GenericSchema>(schema: T, data: unknown, file: string) {
	const result = v.safeParse(schema, data);
	if (!result.success) {
		const issue = result.issues[0];
		const field = v.getDotPath(issue) ?? '';
		throw new LessonFileError(file, field, issue.message);
	}
	return result.output as v.InferOutput<T>;
}

function contentVersion(data: unknown): string {
	return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 12);
}

function yamlFiles(dir: string, sub: string): string[] {
	const full = path.join(dir, sub);
	if (!fs.existsSync(full)) return [];
	return fs
		.readdirSync(full)
		.filter((f) => /\.ya?ml$/.test(f))
		.sort()
		.map((f) => path.join(sub, f));
}

export function loadLessonLibrary(dir: string): LessonLibrary {
	const goals = validate(GoalsFileSchema, readYaml(dir, 'goals.yaml'), 'goals.yaml').goals;
	const goalById = new Map(goals.map((g) => [g.id, g]));

	const protocols: Protocol[] = [];
	const ruleById = new Map<string, RuleEntry>();
	for (const file of yamlFiles(dir, 'protocols')) {
		const protocol = validate(ProtocolSchema, readYaml(dir, file), file);
		if (protocols.some((p) => p.id === protocol.id))
			throw new LessonFileError(file, 'id', `protocol "${protocol.id}" bestaat al`);
		protocol.rules.forEach((rule, i) => {
			if (ruleById.has(rule.id))
				throw new LessonFileError(file, `rules.${i}.id`, `regel "${rule.id}" bestaat al`);
			const problem = bandProblem(rule);
			if (problem)
				throw new LessonFileError(
					file,
					`rules.${i}.notApplicable.${problem.band}`,
					problem.message
				);
			ruleById.set(rule.id, { ...rule, protocol: protocol.id });
		});
		protocols.push(protocol);
	}
	if (!protocols.some((p) => p.id === GENERIC_PROTOCOL))
		throw new LessonFileError('protocols/generiek.yaml', '', 'het generieke protocol ontbreekt');

	const checkRefs = (file: string, field: string, goalIds: string[], ruleIds: string[]) => {
		goalIds.forEach((id, i) => {
			if (!goalById.has(id))
				throw new LessonFileError(file, `${field}goals.${i}`, `onbekend kerndoel "${id}"`);
		});
		ruleIds.forEach((id, i) => {
			if (!ruleById.has(id))
				throw new LessonFileError(file, `${field}rules.${i}`, `onbekende regel "${id}"`);
		});
	};

	const lessons: Lesson[] = [];
	const lessonById = new Map<string, Lesson>();
	for (const band of BANDS) {
		for (const file of yamlFiles(dir, band)) {
			const data = readYaml(dir, file);
			const lesson = validate(LessonSchema, data, file);
			if (lesson.band !== band)
				throw new LessonFileError(
					file,
					'band',
					`de les staat in map ${band} maar zegt ${lesson.band}`
				);
			if (path.basename(file).replace(/\.ya?ml$/, '') !== lesson.id)
				throw new LessonFileError(file, 'id', `de bestandsnaam moet ${lesson.id}.yaml zijn`);
			if (lessonById.has(lesson.id))
				throw new LessonFileError(file, 'id', `les "${lesson.id}" bestaat al`);
			checkRefs(file, '', lesson.goals, lesson.rules);
			lesson.steps.forEach((step, i) =>
				checkRefs(file, `steps.${i}.`, step.goals ?? [], step.rules ?? [])
			);
			const full = { ...lesson, version: contentVersion(data) };
			lessons.push(full);
			lessonById.set(lesson.id, full);
		}
	}

	const quizzes: Quiz[] = [];
	const quizById = new Map<string, Quiz>();
	for (const file of yamlFiles(dir, 'quizzes')) {
		const data = readYaml(dir, file);
		const quiz = validate(QuizSchema, data, file);
		if (quizById.has(quiz.id) || lessonById.has(quiz.id))
			throw new LessonFileError(file, 'id', `id "${quiz.id}" bestaat al`);
		if (quizzes.some((q) => q.band === quiz.band && q.form === quiz.form))
			throw new LessonFileError(file, 'form', `${quiz.band} heeft al een vorm ${quiz.form}`);
		quiz.questions.forEach((q, i) =>
			checkRefs(file, `questions.${i}.`, q.goals ?? [], q.rules ?? [])
		);
		const full = { ...quiz, version: contentVersion(data) };
		quizzes.push(full);
		quizById.set(quiz.id, full);
	}

	const order = readOrder(dir, lessons, lessonById);

	return {
		dir,
		goals,
		protocols,
		lessons,
		quizzes,
		goalById,
		ruleById,
		lessonById,
		quizById,
		order
	};
}

const OrderFileSchema = v.strictObject(
	Object.fromEntries(BANDS.map((b) => [b, v.optional(v.array(v.string()))])) as Record<
		Band,
		v.OptionalSchema<v.ArraySchema<v.StringSchema<undefined>, undefined>, undefined>
	>
);

/** order.yaml: every id must be a lesson of that band, once. Unlisted lessons go last. */
function readOrder(
	dir: string,
	lessons: Lesson[],
	lessonById: Map<string, Lesson>
): Record<Band, string[]> {
	const file = 'order.yaml';
	const data = fs.existsSync(path.join(dir, file))
		? validate(OrderFileSchema, readYaml(dir, file) ?? {}, file)
		: {};
	const order = {} as Record<Band, string[]>;
	for (const band of BANDS) {
		const listed = (data as Partial<Record<Band, string[]>>)[band] ?? [];
		listed.forEach((id, i) => {
			if (lessonById.get(id)?.band !== band)
				throw new LessonFileError(file, `${band}.${i}`, `"${id}" is geen les van ${band}`);
			if (listed.indexOf(id) !== i)
				throw new LessonFileError(file, `${band}.${i}`, `"${id}" staat er twee keer in`);
		});
		const rest = lessons.filter((l) => l.band === band && !listed.includes(l.id)).map((l) => l.id);
		order[band] = [...listed, ...rest];
	}
	return order;
}

/** A rule must say why it does not apply to each band it leaves out, and only to those. */
export function bandProblem(rule: Rule): { band: Band; message: string } | null {
	for (const band of BANDS) {
		const applies = rule.bands.includes(band);
		const exempt = rule.notApplicable?.[band];
		if (!applies && !exempt)
			return { band, message: `regel "${rule.id}" geldt niet voor ${band}: zeg waarom` };
		if (applies && exempt)
			return {
				band,
				message: `regel "${rule.id}" geldt voor ${band} en heeft toch een reden van niet`
			};
	}
	return null;
}

/** The topics a lesson teaches: its "Op jouw school" cards and the topics of its rules. */
export function lessonTopics(library: LessonLibrary, lesson: Lesson): Topic[] {
	const topics = new Set<Topic>();
	for (const step of lesson.steps) if (step.type === 'op-jouw-school') topics.add(step.topic);
	for (const id of lesson.rules) {
		const rule = library.ruleById.get(id);
		if (rule) topics.add(rule.topic);
	}
	return [...topics];
}

/** The rule text a pupil of this band reads. */
export function ruleText(rule: Rule, band: Band): string {
	return rule.textByBand?.[band] ?? rule.text;
}

/** The protocol every school without its own falls back to. */
export const GENERIC_PROTOCOL = 'generiek';

export function genericProtocol(library: LessonLibrary): Protocol {
	return library.protocols.find((p) => p.id === GENERIC_PROTOCOL)!;
}

/** The school's chosen protocol, or the generic one when it is unknown. */
export function protocolOf(library: LessonLibrary, protocolId: string): Protocol {
	return library.protocols.find((p) => p.id === protocolId) ?? genericProtocol(library);
}

/** Whether the school has a protocol of its own (not the generic one). */
export function hasOwnProtocol(library: LessonLibrary, protocolId: string): boolean {
	return protocolId !== GENERIC_PROTOCOL && library.protocols.some((p) => p.id === protocolId);
}

/** Rules for a topic from the school's protocol, falling back to the generic protocol. */
export function schoolRules(
	library: LessonLibrary,
	protocolId: string,
	topic: Topic,
	band: Band
): { protocol: Protocol; rules: Rule[] } {
	const pick = (p: Protocol | undefined) =>
		p?.rules.filter((r) => r.topic === topic && r.bands.includes(band)) ?? [];
	const own = library.protocols.find((p) => p.id === protocolId);
	const ownRules = pick(own);
	if (own && ownRules.length > 0) return { protocol: own, rules: ownRules };
	const generic = genericProtocol(library);
	return { protocol: generic, rules: pick(generic) };
}

/**
 * The rule texts a lesson teaches, as the pupil's school words them: the school's own
 * protocol where the lesson covers it, otherwise the generic one; each text once.
 */
export function lessonRulesForSchool(
	library: LessonLibrary,
	ruleIds: string[],
	protocolId: string,
	band: Band
): string[] {
	const rules = ruleIds.map((id) => library.ruleById.get(id)).filter((r) => !!r);
	const own = rules.filter((r) => r.protocol === protocolId);
	const chosen = own.length ? own : rules.filter((r) => r.protocol === GENERIC_PROTOCOL);
	return [...new Set(chosen.map((r) => ruleText(r, band)))];
}

let cached: LessonLibrary | undefined;

/** The app's lesson library: `LESSONS_DIR`, or ./lessons. Loaded once per process. */
export function getLibrary(): LessonLibrary {
	cached ??= loadLessonLibrary(path.resolve(process.env.LESSONS_DIR || 'lessons'));
	return cached;
}
