// The school overview: mastery per kerndoel for every current class, and per rule of the
// school's protocol. Built for a foundation-sized school: one pass over first tries.
import type { DB } from '../db/index.ts';
import type { LessonLibrary } from '../lessons.ts';
import { dashboardRules, fileProtocol, rulesForAnswer, type SchoolProtocol } from '../protocols.ts';
import { sectorOf, type Band, type Goal } from '../../lessons/schema.ts';
import {
	groupFigure,
	MASTERY_LEVELS,
	masteryLevel,
	tally,
	type GroupFigure,
	type Tally
} from '../../dashboard/mastery.ts';
import { stepIndex, stepKey } from './step-index.ts';

export interface SchoolCell {
	right: number;
	total: number;
	/** Pupils per level, in MASTERY_LEVELS order. */
	levels: number[];
	/** The figure with its counts; no percentage on too few answers. */
	figure: GroupFigure;
}

export interface SchoolOverview {
	goals: { id: string; label: string; title: string }[];
	classes: { id: number; name: string; band: Band; pupils: number; cells: SchoolCell[] }[];
	school: SchoolCell[];
	rules: { id: string; title: string; right: number; total: number; figure: GroupFigure }[];
}

type RuleTally = Tally & { pupils: Set<number> };
const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);

/** Per pupil: right/total per goal as flat arrays (in library.goals order), for speed. */
interface PupilTally {
	classId: number;
	right: number[];
	total: number[];
}

export async function schoolOverview(
	db: DB,
	library: LessonLibrary,
	/** `protocol`: the school's (schoolProtocol); else the file protocol `protocolId`. */
	school: { id: number; protocolId: string; protocol?: SchoolProtocol }
): Promise<SchoolOverview> {
	const classes = await currentClasses(db, school.id);
	const own = school.protocol ?? fileProtocol(library, school.protocolId);
	const rules = dashboardRules(own);
	const ruleTally = new Map<string, RuleTally>(
		rules.map((r) => [r.id, { ...tally(), pupils: new Set<number>() }])
	);
	const perPupil = tallyPupils(library, await schoolFirstTries(db, school.id), ruleTally, own);
	const empty = (): SchoolCell[] =>
		library.goals.map(() => ({
			right: 0,
			total: 0,
			levels: MASTERY_LEVELS.map(() => 0),
			figure: groupFigure(0, 0, 0)
		}));
	const cellsByClass = new Map(classes.map((c) => [c.id, empty()]));
	const schoolCells = empty();
	// Pupils without answers count as "nog niet geoefend"; pupils with answers move up.
	for (const c of classes)
		for (let i = 0; i < library.goals.length; i++) {
			cellsByClass.get(c.id)![i]!.levels[0] = c.pupils;
			schoolCells[i]!.levels[0]! += c.pupils;
		}
	for (const p of perPupil.values()) {
		const cells = cellsByClass.get(p.classId);
		if (!cells) continue;
		for (let i = 0; i < library.goals.length; i++) {
			const level = MASTERY_LEVELS.indexOf(masteryLevel(p.right[i]!, p.total[i]!));
			for (const cell of [cells[i]!, schoolCells[i]!]) {
				cell.right += p.right[i]!;
				cell.total += p.total[i]!;
				cell.levels[0]!--;
				cell.levels[level]!++;
			}
		}
	}
	// Pupils at level 0 ("nog niet gemaakt") gave no answer on that goal.
	for (const cell of [...schoolCells, ...[...cellsByClass.values()].flat()])
		cell.figure = groupFigure(cell.right, cell.total, sum(cell.levels) - cell.levels[0]!);
	return {
		goals: library.goals.map((g) => ({
			id: g.id,
			label: schoolGoalCode(g, classes),
			title: g.title
		})),
		classes: classes.map((c) => ({ ...c, cells: cellsByClass.get(c.id)! })),
		school: schoolCells,
		rules: rules.map((r) => {
			const t = ruleTally.get(r.id)!;
			return {
				id: r.id,
				title: r.text,
				right: t.right,
				total: t.total,
				figure: groupFigure(t.right, t.total, t.pupils.size)
			};
		})
	};
}

async function currentClasses(db: DB, schoolId: number) {
	const rows = await db
		.selectFrom('class')
		.select((eb) => [
			'class.id',
			'class.name',
			'class.band',
			eb
				.selectFrom('pupil')
				.select(eb.fn.countAll<number>().as('n'))
				.whereRef('pupil.class_id', '=', 'class.id')
				.as('pupils')
		])
		.where('school_id', '=', schoolId)
		.where('archived_at', 'is', null)
		.orderBy('name')
		.execute();
	return rows.map((r) => ({ ...r, pupils: Number(r.pupils) }));
}

async function schoolFirstTries(db: DB, schoolId: number) {
	return db
		.selectFrom('class')
		.innerJoin('pupil', 'pupil.class_id', 'class.id')
		.innerJoin('answer', 'answer.pupil_id', 'pupil.id')
		.select([
			'pupil.class_id',
			'answer.pupil_id',
			'answer.lesson_id',
			'answer.step_id',
			'answer.correct',
			'answer.created_at'
		])
		.where('class.school_id', '=', schoolId)
		.where('class.archived_at', 'is', null)
		.where('answer.attempt', '=', 1)
		.execute();
}

function tallyPupils(
	library: LessonLibrary,
	rows: Awaited<ReturnType<typeof schoolFirstTries>>,
	ruleTally: Map<string, RuleTally>,
	school: SchoolProtocol
): Map<number, PupilTally> {
	const index = stepIndex(library);
	const goalPos = new Map(library.goals.map((g, i) => [g.id, i]));
	const zeros = () => library.goals.map(() => 0);
	const perPupil = new Map<number, PupilTally>();
	for (const row of rows) {
		const info = index.get(stepKey(row.lesson_id, row.step_id));
		if (!info) continue;
		let p = perPupil.get(row.pupil_id);
		if (!p)
			perPupil.set(row.pupil_id, (p = { classId: row.class_id, right: zeros(), total: zeros() }));
		const correct = row.correct === 1;
		for (const g of info.goals) {
			const i = goalPos.get(g)!;
			p.total[i]!++;
			if (correct) p.right[i]!++;
		}
		for (const r of rulesForAnswer(school, info, row.created_at)) {
			const t = ruleTally.get(r);
			if (!t) continue;
			t.pupils.add(row.pupil_id);
			t.total++;
			if (correct) t.right++;
		}
	}
	return perPupil;
}

/** A school is po or vo; a school with both shows both codes. */
function schoolGoalCode(goal: Goal, classes: { band: Band }[]): string {
	const sectors = [...new Set(classes.map((c) => sectorOf(c.band)))].sort();
	return (sectors.length ? sectors : (['po'] as const)).map((s) => goal.code[s]).join('/');
}
