// A school's own protocol: stored in the database (protocol, protocol_rule), falling back to
// the file protocols in lessons/protocols/ (read-only templates). `schoolProtocol` is the one
// place that says which rules a school has now; everything that shows rules goes through it.
//
// Rules are versioned: an edit inserts the next version, never rewrites one. What a pupil saw
// is resolved by answer time: the version current when the answer was stored (`versionAt`).
// A school protocol may adopt a foundation protocol (base_id): the foundation's rules count
// unless the school has a version of the same rule id (an override, or a retirement).
import * as v from 'valibot';
import { parse, stringify } from 'yaml';
import type { DB } from './db/index.ts';
import type { Selectable } from 'kysely';
import type { ProtocolRuleTable, ProtocolTable } from './db/schema.ts';
import {
	bandProblem,
	GENERIC_PROTOCOL,
	hasOwnProtocol,
	lessonRulesForSchool,
	lessonTopics,
	protocolOf,
	ruleText,
	schoolRules,
	type LessonLibrary
} from './lessons.ts';
import type { StepInfo } from './dashboard/step-index.ts';
import {
	BANDS,
	ProtocolSchema,
	type Band,
	type Lesson,
	type Protocol,
	type Rule,
	type Topic
} from '../lessons/schema.ts';
import { slugify } from '../format.ts';

type ProtocolRow = Selectable<ProtocolTable>;
type RuleRow = Selectable<ProtocolRuleTable>;

export interface RuleVersion extends Rule {
	version: number;
	position: number;
	retired: boolean;
	createdAt: number;
	createdBy: number | null;
	/** From the foundation protocol the school adopted, not overridden by the school. */
	inherited: boolean;
}

/** What a school has now, as a Protocol, and where it comes from. */
export interface SchoolProtocol {
	protocol: Protocol;
	/** The school's own rules (stored or a school's file protocol), not the generic fallback. */
	own: boolean;
	/** Set when the rules come from the database: every version of every rule. */
	stored: StoredRules | null;
}

export interface StoredRules {
	id: number;
	liveAt: number | null;
	/** Per rule id, its versions in the order they were made (base and school merged). */
	history: Map<string, RuleVersion[]>;
	/** Current versions, retired ones included, in position order. */
	current: RuleVersion[];
	/** Rule ids per topic any of their versions had: what an answer on that topic may count for. */
	byTopic: Map<Topic, string[]>;
}

// ---------------------------------------------------------------- reading

function toVersion(row: RuleRow, inherited: boolean): RuleVersion {
	const textByBand = row.text_by_band ? (JSON.parse(row.text_by_band) as Rule['textByBand']) : null;
	const notApplicable = row.not_applicable
		? (JSON.parse(row.not_applicable) as Rule['notApplicable'])
		: null;
	return {
		id: row.rule_id,
		topic: row.topic as Topic,
		source: row.source,
		bands: JSON.parse(row.bands) as Band[],
		text: row.text,
		...(textByBand ? { textByBand } : {}),
		...(notApplicable ? { notApplicable } : {}),
		version: row.version,
		position: row.position,
		retired: row.retired === 1,
		createdAt: row.created_at,
		createdBy: row.created_by,
		inherited
	};
}

/** A plain Rule, as in the YAML files. */
export function plainRule(r: RuleVersion): Rule {
	return {
		id: r.id,
		topic: r.topic,
		source: r.source,
		bands: r.bands,
		text: r.text,
		...(r.textByBand ? { textByBand: r.textByBand } : {}),
		...(r.notApplicable ? { notApplicable: r.notApplicable } : {})
	};
}

export async function protocolRowOfSchool(db: DB, schoolId: number) {
	return db.selectFrom('protocol').selectAll().where('school_id', '=', schoolId).executeTakeFirst();
}

async function rulesOf(db: DB, row: ProtocolRow): Promise<StoredRules> {
	const ids = row.base_id ? [row.id, row.base_id] : [row.id];
	const rows = await db
		.selectFrom('protocol_rule')
		.selectAll()
		.where('protocol_id', 'in', ids)
		.orderBy('created_at')
		.orderBy('id')
		.execute();
	const own = new Set(rows.filter((r) => r.protocol_id === row.id).map((r) => r.rule_id));
	const history = new Map<string, RuleVersion[]>();
	for (const r of rows) {
		// A school's version of a foundation rule replaces the foundation's from then on.
		const inherited = r.protocol_id !== row.id;
		if (inherited && own.has(r.rule_id)) {
			const ownFirst = rows.find((x) => x.protocol_id === row.id && x.rule_id === r.rule_id)!;
			if (r.created_at >= ownFirst.created_at) continue;
		}
		const list = history.get(r.rule_id) ?? history.set(r.rule_id, []).get(r.rule_id)!;
		list.push(toVersion(r, inherited));
	}
	const current = [...history.values()]
		.map((list) => list.at(-1)!)
		.sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
	const byTopic = new Map<Topic, string[]>();
	for (const [id, list] of history)
		for (const topic of new Set(list.map((r) => r.topic)))
			byTopic.set(topic, [...(byTopic.get(topic) ?? []), id]);
	return { id: row.id, liveAt: row.live_at, history, current, byTopic };
}

function asProtocol(row: ProtocolRow, rules: StoredRules): Protocol {
	return {
		id: row.slug,
		name: row.name,
		description: row.description,
		document: row.document,
		rules: rules.current.filter((r) => !r.retired).map(plainRule)
	};
}

/**
 * The rules this school has now. Its stored protocol once it is live (or, with `draft`, also
 * before: for the editor's preview), otherwise the file protocol it chose, otherwise generiek.
 */
export async function schoolProtocol(
	db: DB,
	library: LessonLibrary,
	schoolId: number,
	options: { draft?: boolean } = {}
): Promise<SchoolProtocol> {
	const row = await protocolRowOfSchool(db, schoolId);
	if (row && (row.live_at !== null || options.draft)) {
		const stored = await rulesOf(db, row);
		return { protocol: asProtocol(row, stored), own: true, stored };
	}
	const school = await db
		.selectFrom('school')
		.select('protocol_id')
		.where('id', '=', schoolId)
		.executeTakeFirstOrThrow();
	return fileProtocol(library, school.protocol_id);
}

/** A file protocol as a SchoolProtocol (also for callers that still pass a protocol id). */
export function fileProtocol(library: LessonLibrary, protocolId: string): SchoolProtocol {
	return {
		protocol: protocolOf(library, protocolId),
		own: hasOwnProtocol(library, protocolId),
		stored: null
	};
}

/** The version of a rule a pupil saw at `at`, or undefined when it did not exist yet. */
export function versionAt(list: RuleVersion[], at: number): RuleVersion | undefined {
	let found: RuleVersion | undefined;
	for (const r of list) if (r.createdAt <= at) found = r;
	return found;
}

/**
 * The rules an answer counts for. File protocols: the step's rule ids. A stored protocol: every
 * rule whose version at the answer's time was live, not retired, for the step's band and about
 * a topic the step teaches. Answers from before the protocol went live count for none of them.
 */
export function rulesForAnswer(sp: SchoolProtocol, info: StepInfo, at: number): string[] {
	const stored = sp.stored;
	if (!stored) return info.rules;
	if (stored.liveAt === null || at < stored.liveAt) return [];
	const ids: string[] = [];
	for (const topic of info.topics)
		for (const id of stored.byTopic.get(topic) ?? []) {
			const seen = versionAt(stored.history.get(id)!, at);
			if (seen && !seen.retired && seen.topic === topic && seen.bands.includes(info.band))
				ids.push(id);
		}
	return ids;
}

/** Rules for the dashboard: the current ones, and retired ones that still have figures. */
export function dashboardRules(sp: SchoolProtocol): Rule[] {
	if (!sp.stored) return sp.protocol.rules;
	return sp.stored.current.map((r) =>
		r.retired ? plainRule(lastLive(sp.stored!.history.get(r.id)!) ?? r) : plainRule(r)
	);
}

function lastLive(list: RuleVersion[]): RuleVersion | undefined {
	return list.filter((r) => !r.retired).at(-1);
}

/** The "Op jouw school" card for a topic: the school's rules, or generiek's where it has none. */
export function cardRules(
	library: LessonLibrary,
	sp: SchoolProtocol,
	topic: Topic,
	band: Band
): { protocolName: string; rules: string[]; own: boolean } {
	if (!sp.stored) {
		const found = schoolRules(library, sp.protocol.id, topic, band);
		return {
			protocolName: found.protocol.name,
			rules: [...new Set(found.rules.map((r) => ruleText(r, band)))],
			own: sp.own && found.protocol.id === sp.protocol.id
		};
	}
	const own = sp.protocol.rules.filter((r) => r.topic === topic && r.bands.includes(band));
	if (own.length > 0)
		return {
			protocolName: sp.protocol.name,
			rules: [...new Set(own.map((r) => ruleText(r, band)))],
			own: true
		};
	const found = schoolRules(library, GENERIC_PROTOCOL, topic, band);
	return {
		protocolName: found.protocol.name,
		rules: [...new Set(found.rules.map((r) => ruleText(r, band)))],
		own: false
	};
}

/** The rules a lesson teaches, as the school words them (end screen, home summary). */
export function lessonRules(
	library: LessonLibrary,
	sp: SchoolProtocol,
	lesson: Lesson,
	band: Band
): string[] {
	if (!sp.stored) return lessonRulesForSchool(library, lesson.rules, sp.protocol.id, band);
	const topics = lessonTopics(library, lesson);
	const own = sp.protocol.rules.filter((r) => topics.includes(r.topic) && r.bands.includes(band));
	if (own.length === 0) return lessonRulesForSchool(library, lesson.rules, GENERIC_PROTOCOL, band);
	return [...new Set(own.map((r) => ruleText(r, band)))];
}

/** Per band, per rule: the lessons that teach its topic there (empty: not yet taught). */
export function coverage(
	library: LessonLibrary,
	rules: Rule[]
): Record<Band, { rule: Rule; lessons: { id: string; title: string }[] }[]> {
	const byBand = {} as Record<Band, { rule: Rule; lessons: { id: string; title: string }[] }[]>;
	for (const band of BANDS) {
		const lessons = library.order[band].map((id) => library.lessonById.get(id)!);
		const topics = new Map(lessons.map((l) => [l.id, lessonTopics(library, l)]));
		byBand[band] = rules
			.filter((r) => r.bands.includes(band))
			.map((rule) => ({
				rule,
				lessons: lessons
					.filter((l) => topics.get(l.id)!.includes(rule.topic))
					.map((l) => ({ id: l.id, title: l.title }))
			}));
	}
	return byBand;
}

// ---------------------------------------------------------------- checking a rule

export const TEMPLATE_EMPTY = 'leeg';

/** A rule as the editor or an import gives it, checked like the YAML files are. */
export function ruleProblem(rule: Rule): string | null {
	const missing = BANDS.find((b) => !rule.bands.includes(b) && !rule.notApplicable?.[b]?.trim());
	if (rule.text.trim() && rule.bands.length && missing)
		return `de regel geldt niet voor ${bandName(missing)}: vul in waarom niet`;
	const parsed = v.safeParse(ProtocolSchema.entries.rules.item, rule);
	if (!parsed.success) return issueText(parsed.issues[0]);
	const bands = bandProblem(rule);
	if (!bands) return null;
	return rule.bands.includes(bands.band)
		? `${bandName(bands.band)} staat aangevinkt en heeft toch een reden waarom de regel niet geldt`
		: `de regel geldt niet voor ${bandName(bands.band)}: vul in waarom niet`;
}

const bandName = (band: Band) =>
	({ 'groep-3-4': 'groep 3-4', 'groep-5-6': 'groep 5-6', 'groep-7-8': 'groep 7-8' })[
		band as 'groep-3-4'
	] ?? 'klas 1-3';

const FIELD_NAMES: Record<string, string> = {
	id: 'id',
	topic: 'onderwerp (topic)',
	source: 'bron (source)',
	bands: 'groepen (bands)',
	text: 'tekst (text)',
	textByBand: 'tekst per groep (textByBand)',
	notApplicable: 'reden waarom niet (notApplicable)',
	name: 'naam (name)',
	description: 'beschrijving (description)',
	document: 'document',
	rules: 'regels (rules)'
};

function issueText(issue: v.BaseIssue<unknown>): string {
	const path = (issue.path ?? []).map((p) => String(p.key));
	const at = path.findLastIndex((p) => FIELD_NAMES[p]);
	const field = at >= 0 ? path[at]! : (path.at(-1) ?? '');
	const rest = at >= 0 ? path.slice(at + 1).filter((p) => !/^\d+$/.test(p)) : [];
	const label = [FIELD_NAMES[field] ?? field, ...rest].join(' ');
	let message = issue.message;
	if (issue.kind === 'schema' && issue.type === 'picklist')
		message = `onbekende waarde ${JSON.stringify(issue.input)}`;
	else if (issue.type === 'strict_object' && issue.input !== undefined)
		message = `onbekend veld "${path.at(-1)}"`;
	else if (issue.input === undefined) message = 'ontbreekt';
	else if (/^Invalid/.test(message)) message = 'heeft een verkeerde vorm';
	return label ? `${label}: ${message}` : message;
}

// ---------------------------------------------------------------- writing

export interface RuleInput {
	topic: Topic;
	source: string;
	bands: Band[];
	text: string;
	textByBand?: Partial<Record<Band, string>>;
	notApplicable?: Partial<Record<Band, string>>;
}

export type SaveResult =
	| { ok: true; ruleId: string; version: number }
	| { ok: false; message: string; conflict?: RuleVersion };

async function insertVersion(
	db: DB,
	protocolId: number,
	rule: Rule,
	meta: { version: number; position: number; retired?: boolean; userId: number | null; now: number }
) {
	await db
		.insertInto('protocol_rule')
		.values({
			protocol_id: protocolId,
			rule_id: rule.id,
			version: meta.version,
			topic: rule.topic,
			source: rule.source,
			bands: JSON.stringify(BANDS.filter((b) => rule.bands.includes(b))),
			text: rule.text,
			text_by_band: nonEmpty(rule.textByBand),
			not_applicable: nonEmpty(rule.notApplicable),
			position: meta.position,
			retired: meta.retired ? 1 : 0,
			created_by: meta.userId,
			created_at: meta.now
		})
		.execute();
	await db
		.updateTable('protocol')
		.set({ updated_at: meta.now })
		.where('id', '=', protocolId)
		.execute();
}

function nonEmpty(record: Partial<Record<Band, string>> | undefined): string | null {
	if (!record) return null;
	const kept = Object.fromEntries(BANDS.flatMap((b) => (record[b] ? [[b, record[b]]] : [])));
	return Object.keys(kept).length ? JSON.stringify(kept) : null;
}

/** Makes the school's own protocol from a file template, from empty, or from its foundation's. */
export async function createSchoolProtocol(
	db: DB,
	library: LessonLibrary,
	input: { schoolId: number; from: string; userId: number | null },
	now = Date.now()
): Promise<{ ok: true; id: number } | { ok: false; message: string }> {
	const school = await db
		.selectFrom('school')
		.select(['name', 'foundation_id'])
		.where('id', '=', input.schoolId)
		.executeTakeFirstOrThrow();
	const template = library.protocols.find((p) => p.id === input.from);
	const foundation =
		input.from === 'stichting'
			? await db
					.selectFrom('protocol')
					.selectAll()
					.where('foundation_id', '=', school.foundation_id)
					.executeTakeFirst()
			: undefined;
	if (!template && input.from !== TEMPLATE_EMPTY && !foundation)
		return { ok: false, message: 'Kies een sjabloon uit de lijst.' };
	const slug = slugify(school.name) || `school-${input.schoolId}`;
	return db.transaction().execute(async (trx) => {
		if (await protocolRowOfSchool(trx, input.schoolId))
			return { ok: false as const, message: 'Deze school heeft al een eigen protocol.' };
		const { id } = await trx
			.insertInto('protocol')
			.values({
				school_id: input.schoolId,
				foundation_id: null,
				base_id: foundation?.id ?? null,
				slug,
				name: foundation?.name ?? school.name,
				description:
					foundation?.description ??
					(template
						? `Het protocol van ${school.name}, begonnen met het sjabloon "${template.name}".`
						: `Het protocol van ${school.name}.`),
				document: foundation?.document ?? template?.document ?? 'nog in te vullen',
				live_at: null,
				created_at: now,
				updated_at: now
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		const rules = template?.rules ?? [];
		for (const [i, rule] of rules.entries())
			await insertVersion(
				trx,
				id,
				{ ...rule, id: `${slug}.${rule.id.replace(/^[^.]*\./, '')}` },
				{ version: 1, position: (i + 1) * 10, userId: input.userId, now }
			);
		return { ok: true as const, id };
	});
}

/** Makes a draft live: from now on pupils, parents and the dashboard use it. */
export async function publishProtocol(db: DB, protocolId: number, now = Date.now()) {
	await db
		.updateTable('protocol')
		.set({ live_at: now, updated_at: now })
		.where('id', '=', protocolId)
		.where('live_at', 'is', null)
		.execute();
}

/** Removes a draft that never went live (a live protocol keeps its history). */
export async function discardDraft(db: DB, protocolId: number): Promise<boolean> {
	const result = await db
		.deleteFrom('protocol')
		.where('id', '=', protocolId)
		.where('live_at', 'is', null)
		.executeTakeFirst();
	return result.numDeletedRows > 0n;
}

export async function storedRules(db: DB, protocolId: number) {
	const row = await db
		.selectFrom('protocol')
		.selectAll()
		.where('id', '=', protocolId)
		.executeTakeFirstOrThrow();
	return { row, rules: await rulesOf(db, row) };
}

function newRuleId(slug: string, text: string, taken: Set<string>): string {
	const base = `${slug}.${slugify(text).split('-').slice(0, 4).join('-') || 'regel'}`;
	let id = base;
	for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
	return id;
}

/**
 * Adds a rule (no ruleId) or writes its next version. `expectedVersion` is the version the
 * admin started from: when someone else saved in between, nothing is written and their
 * version comes back, so the admin sees it (the unique version also catches a race).
 */
export async function saveRule(
	db: DB,
	input: { protocolId: number; ruleId?: string; expectedVersion?: number; rule: RuleInput },
	userId: number | null,
	now = Date.now()
): Promise<SaveResult> {
	return db.transaction().execute(async (trx): Promise<SaveResult> => {
		const { row, rules } = await storedRules(trx, input.protocolId);
		const current = input.ruleId ? rules.history.get(input.ruleId)?.at(-1) : undefined;
		if (input.ruleId && !current) return { ok: false, message: 'Deze regel bestaat niet.' };
		if (current && current.version !== input.expectedVersion)
			return {
				ok: false,
				message:
					'Iemand anders heeft deze regel intussen gewijzigd. Jouw tekst is niet opgeslagen: bekijk de nieuwe tekst en sla opnieuw op.',
				conflict: current
			};
		const id = input.ruleId ?? newRuleId(row.slug, input.rule.text, new Set(rules.history.keys()));
		const rule: Rule = { id, ...input.rule };
		const problem = ruleProblem(rule);
		if (problem) return { ok: false, message: `Niet opgeslagen: ${problem}.` };
		const position = current?.position ?? Math.max(0, ...rules.current.map((r) => r.position)) + 10;
		const version = (current?.version ?? 0) + 1;
		await insertVersion(trx, input.protocolId, rule, { version, position, userId, now });
		return { ok: true, ruleId: id, version };
	});
}

/** Retires a rule (or brings it back): a new version, so its past figures stay. */
export async function setRetired(
	db: DB,
	input: { protocolId: number; ruleId: string; expectedVersion: number; retired: boolean },
	userId: number | null,
	now = Date.now()
): Promise<SaveResult> {
	return db.transaction().execute(async (trx): Promise<SaveResult> => {
		const { rules } = await storedRules(trx, input.protocolId);
		const current = rules.history.get(input.ruleId)?.at(-1);
		if (!current) return { ok: false, message: 'Deze regel bestaat niet.' };
		if (current.version !== input.expectedVersion)
			return {
				ok: false,
				message: 'Iemand anders heeft deze regel intussen gewijzigd. Er is niets veranderd.',
				conflict: current
			};
		const version = current.version + 1;
		await insertVersion(trx, input.protocolId, plainRule(current), {
			version,
			position: current.position,
			retired: input.retired,
			userId,
			now
		});
		return { ok: true, ruleId: current.id, version };
	});
}

/** Moves a rule one place up or down among the rules in use (both get a new version). */
export async function moveRule(
	db: DB,
	input: { protocolId: number; ruleId: string; expectedVersion: number; direction: -1 | 1 },
	userId: number | null,
	now = Date.now()
): Promise<SaveResult> {
	return db.transaction().execute(async (trx): Promise<SaveResult> => {
		const { rules } = await storedRules(trx, input.protocolId);
		const active = rules.current.filter((r) => !r.retired);
		const i = active.findIndex((r) => r.id === input.ruleId);
		const current = active[i];
		if (!current) return { ok: false, message: 'Deze regel bestaat niet (meer).' };
		if (current.version !== input.expectedVersion)
			return {
				ok: false,
				message: 'Iemand anders heeft deze regel intussen gewijzigd. Er is niets verplaatst.',
				conflict: current
			};
		const other = active[i + input.direction];
		if (!other) return { ok: true, ruleId: current.id, version: current.version };
		// Equal positions (never made here, but possible by hand) would not move: spread them.
		const [a, b] =
			current.position === other.position
				? [other.position + input.direction, current.position]
				: [other.position, current.position];
		for (const [rule, position] of [
			[current, a],
			[other, b]
		] as const)
			await insertVersion(trx, input.protocolId, plainRule(rule), {
				version: rule.version + 1,
				position,
				userId,
				now
			});
		return { ok: true, ruleId: current.id, version: current.version + 1 };
	});
}

/** The school's current protocol (stored or file) as YAML in the lessons/protocols format. */
export function protocolYaml(protocol: Protocol): string {
	const ordered: Protocol = {
		id: protocol.id,
		name: protocol.name,
		description: protocol.description,
		document: protocol.document,
		rules: protocol.rules.map((r) => ({
			id: r.id,
			topic: r.topic,
			source: r.source,
			bands: BANDS.filter((b) => r.bands.includes(b)),
			text: r.text,
			...(r.textByBand ? { textByBand: r.textByBand } : {}),
			...(r.notApplicable ? { notApplicable: r.notApplicable } : {})
		}))
	};
	return stringify(ordered, { lineWidth: 0 });
}

/** Reads and checks a protocol file; a Dutch message naming the rule and field on error. */
export function parseProtocolYaml(
	text: string
): { ok: true; protocol: Protocol } | { ok: false; message: string } {
	let data: unknown;
	try {
		data = parse(text);
	} catch (error) {
		return { ok: false, message: `Het bestand is geen geldige YAML: ${(error as Error).message}` };
	}
	const parsed = v.safeParse(ProtocolSchema, data);
	if (!parsed.success) {
		const issue = parsed.issues[0];
		const path = (issue.path ?? []).map((p) => p.key);
		const where =
			path[0] === 'rules' && typeof path[1] === 'number'
				? ruleLabel(data, path[1])
				: 'In het protocol';
		return { ok: false, message: `${where}: ${issueText(issue)}.` };
	}
	const protocol = parsed.output;
	const seen = new Set<string>();
	for (const [i, rule] of protocol.rules.entries()) {
		if (seen.has(rule.id))
			return { ok: false, message: `Regel ${i + 1} (${rule.id}): id: komt twee keer voor.` };
		seen.add(rule.id);
		const problem = ruleProblem(rule);
		if (problem) return { ok: false, message: `Regel ${i + 1} (${rule.id}): ${problem}.` };
	}
	return { ok: true, protocol };
}

function ruleLabel(data: unknown, i: number): string {
	const rules = (data as { rules?: { id?: unknown }[] }).rules;
	const id = rules?.[i]?.id;
	return typeof id === 'string' ? `Regel ${i + 1} (${id})` : `Regel ${i + 1}`;
}

/**
 * Makes a protocol file the school's protocol, live at once. An existing stored protocol gets
 * new versions only for rules that changed; rules not in the file are retired. All or nothing.
 */
export async function importProtocol(
	db: DB,
	input: { schoolId: number; yaml: string; userId: number | null },
	now = Date.now()
): Promise<{ ok: true; id: number; changed: number } | { ok: false; message: string }> {
	const parsed = parseProtocolYaml(input.yaml);
	if (!parsed.ok) return parsed;
	const file = parsed.protocol;
	return db.transaction().execute(async (trx) => {
		let row = await protocolRowOfSchool(trx, input.schoolId);
		const meta = {
			slug: file.id,
			name: file.name,
			description: file.description,
			document: file.document,
			updated_at: now
		};
		if (row) await trx.updateTable('protocol').set(meta).where('id', '=', row.id).execute();
		else {
			const { id } = await trx
				.insertInto('protocol')
				.values({
					...meta,
					school_id: input.schoolId,
					foundation_id: null,
					base_id: null,
					live_at: now,
					created_at: now
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			row = { id } as ProtocolRow;
		}
		await trx
			.updateTable('protocol')
			.set({ live_at: now })
			.where('id', '=', row.id)
			.where('live_at', 'is', null)
			.execute();
		const { rules } = await storedRules(trx, row.id);
		let changed = 0;
		// Keep positions where the order stays, so an unchanged file writes nothing.
		let previous = 0;
		for (const rule of file.rules) {
			const current = rules.history.get(rule.id)?.at(-1);
			const position = current && current.position > previous ? current.position : previous + 10;
			previous = position;
			if (
				current &&
				!current.retired &&
				current.position === position &&
				protocolYaml({ ...file, rules: [plainRule(current)] }) ===
					protocolYaml({ ...file, rules: [rule] })
			)
				continue;
			await insertVersion(trx, row.id, rule, {
				version: (current?.version ?? 0) + 1,
				position,
				userId: input.userId,
				now
			});
			changed++;
		}
		const inFile = new Set(file.rules.map((r) => r.id));
		for (const r of rules.current)
			if (!inFile.has(r.id) && !r.retired) {
				await insertVersion(trx, row.id, plainRule(r), {
					version: r.version + 1,
					position: r.position,
					retired: true,
					userId: input.userId,
					now
				});
				changed++;
			}
		return { ok: true as const, id: row.id, changed };
	});
}

// ---------------------------------------------------------------- foundation

/** Shares the school's current rules with its foundation, for the other schools to adopt. */
export async function shareWithFoundation(
	db: DB,
	input: { schoolId: number; userId: number | null },
	now = Date.now()
): Promise<{ ok: true } | { ok: false; message: string }> {
	return db.transaction().execute(async (trx) => {
		const own = await protocolRowOfSchool(trx, input.schoolId);
		if (!own) return { ok: false as const, message: 'Maak eerst een eigen protocol.' };
		const { foundation_id } = await trx
			.selectFrom('school')
			.select('foundation_id')
			.where('id', '=', input.schoolId)
			.executeTakeFirstOrThrow();
		const { rules } = await storedRules(trx, own.id);
		let target = await trx
			.selectFrom('protocol')
			.selectAll()
			.where('foundation_id', '=', foundation_id)
			.executeTakeFirst();
		if (own.base_id && own.base_id === target?.id)
			return {
				ok: false as const,
				message: 'Deze school volgt het stichtingsprotocol al; pas dat niet via deze school aan.'
			};
		const meta = {
			slug: own.slug,
			name: own.name,
			description: own.description,
			document: own.document,
			updated_at: now
		};
		if (target) await trx.updateTable('protocol').set(meta).where('id', '=', target.id).execute();
		else
			target = await trx
				.insertInto('protocol')
				.values({
					...meta,
					school_id: null,
					foundation_id,
					base_id: null,
					live_at: now,
					created_at: now
				})
				.returningAll()
				.executeTakeFirstOrThrow();
		const existing = (await storedRules(trx, target.id)).rules;
		for (const r of rules.current) {
			const prev = existing.history.get(r.id)?.at(-1);
			await insertVersion(trx, target.id, plainRule(r), {
				version: (prev?.version ?? 0) + 1,
				position: r.position,
				retired: r.retired,
				userId: input.userId,
				now
			});
		}
		return { ok: true as const };
	});
}

/** The foundation's protocol a school of that foundation could adopt, if there is one. */
export async function foundationProtocolFor(db: DB, schoolId: number) {
	return db
		.selectFrom('school')
		.innerJoin('protocol', 'protocol.foundation_id', 'school.foundation_id')
		.select(['protocol.id', 'protocol.name', 'protocol.updated_at'])
		.where('school.id', '=', schoolId)
		.executeTakeFirst();
}

// ---------------------------------------------------------------- the editor

/** The rule form's fields: text, topic, source, and per band bands/text-<band>/reason-<band>. */
export function ruleFromForm(form: FormData): RuleInput {
	const str = (key: string) => String(form.get(key) ?? '').trim();
	const bands = form.getAll('bands').map(String);
	const textByBand: Partial<Record<Band, string>> = {};
	const notApplicable: Partial<Record<Band, string>> = {};
	for (const band of BANDS) {
		const applies = bands.includes(band);
		// A reason for a band that applies (or a wording for one that doesn't) is left over
		// from toggling the checkbox: what counts is the box.
		if (applies && str(`text-${band}`)) textByBand[band] = str(`text-${band}`);
		if (!applies && str(`reason-${band}`)) notApplicable[band] = str(`reason-${band}`);
		if (!applies && !str(`reason-${band}`)) notApplicable[band] = '';
	}
	return {
		topic: str('topic') as Topic,
		source: str('source'),
		bands: BANDS.filter((b) => bands.includes(b)),
		text: str('text'),
		...(Object.keys(textByBand).length ? { textByBand } : {}),
		...(Object.keys(notApplicable).length ? { notApplicable } : {})
	};
}

/** Per rule, the bands it applies to where no lesson teaches its topic. */
export function untaughtBands(library: LessonLibrary, rules: Rule[]): Map<string, Band[]> {
	const byBand = coverage(library, rules);
	const missing = new Map<string, Band[]>();
	for (const band of BANDS)
		for (const { rule, lessons } of byBand[band])
			if (lessons.length === 0) missing.set(rule.id, [...(missing.get(rule.id) ?? []), band]);
	return missing;
}

/** "concept" or "live" for the school page, or null without a stored protocol. */
export async function ownProtocolStatus(db: DB, schoolId: number): Promise<string | null> {
	const row = await protocolRowOfSchool(db, schoolId);
	if (!row) return null;
	return row.live_at === null ? 'concept, nog niet live' : 'live';
}

/**
 * The "Op jouw school" card per band as it would read with this rule saved (not saved): for
 * the editor's preview of an unsaved form. Parents read the same wording for their child's band.
 */
export function previewRule(
	library: LessonLibrary,
	sp: SchoolProtocol,
	rule: Rule
): { band: Band; protocolName: string; rules: string[]; own: boolean }[] {
	const rules = sp.protocol.rules.some((r) => r.id === rule.id)
		? sp.protocol.rules.map((r) => (r.id === rule.id ? rule : r))
		: [...sp.protocol.rules, rule];
	const edited: SchoolProtocol = {
		...sp,
		protocol: { ...sp.protocol, rules },
		stored: sp.stored ?? {
			id: 0,
			liveAt: null,
			history: new Map(),
			current: [],
			byTopic: new Map()
		}
	};
	return rule.bands.map((band) => ({ band, ...cardRules(library, edited, rule.topic, band) }));
}
