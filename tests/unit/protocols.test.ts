// The protocols repository on a real database: foundation protocols adopted and overridden per
// school, which answers count for a school rule (topic, band, time), ordering, and a race of two
// admins on the same version.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { freshDatabase, realLibrary } from '../helpers/db.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { answerLesson } from '../helpers/answers.ts';
import type { DB } from '../../src/lib/server/db/index.ts';
import {
	cardRules,
	coverage,
	createSchoolProtocol,
	lessonRules,
	moveRule,
	protocolRowOfSchool,
	publishProtocol,
	saveRule,
	schoolProtocol,
	setRetired,
	shareWithFoundation,
	storedRules,
	type RuleInput
} from '../../src/lib/server/protocols.ts';
import { classDashboard } from '../../src/lib/server/dashboard/class.ts';
import { schoolOverview } from '../../src/lib/server/dashboard/school.ts';
import { rightChoice } from '../../src/lib/activities/index.ts';

let db: DB;
let dir: string;
let a: SchoolFixture;
let b: SchoolFixture;
const library = realLibrary();

const phoneRule = (text: string): RuleInput => ({
	topic: 'telefoon',
	source: 'Schoolgids 2026, paragraaf 4',
	bands: ['groep-5-6'],
	text,
	notApplicable: {
		'groep-3-4': 'Nog geen telefoon.',
		'groep-7-8': 'Eigen afspraak.',
		'vo-1-3': 'Basisschool.'
	}
});

beforeAll(async () => {
	({ db, dir } = await freshDatabase());
	a = await seedSchool(db, { tag: 'ua' });
	b = await seedSchool(db, { tag: 'ub' });
	// Both schools belong to one foundation.
	const { foundation_id } = await db
		.selectFrom('school')
		.select('foundation_id')
		.where('id', '=', a.schoolId)
		.executeTakeFirstOrThrow();
	await db.updateTable('school').set({ foundation_id }).where('id', '=', b.schoolId).execute();
});
afterAll(async () => {
	await db.destroy();
	fs.rmSync(dir, { recursive: true, force: true });
});

async function protocolId(schoolId: number) {
	return (await protocolRowOfSchool(db, schoolId))!.id;
}

describe('a school rule in lessons, cards and the dashboard', () => {
	it('counts answers to lessons on its topic in its band, only once the protocol is live', async () => {
		await createSchoolProtocol(db, library, { schoolId: a.schoolId, from: 'leeg', userId: null });
		const id = await protocolId(a.schoolId);
		const saved = await saveRule(
			db,
			{ protocolId: id, rule: phoneRule('Telefoon in de tas.') },
			null
		);
		expect(saved.ok).toBe(true);
		const lesson = library.lessonById.get('g56-telefoon-en-schermtijd')!;
		const pupil = a.classA.pupils[0]!.id;
		const klas = { id: a.classA.id, band: 'groep-5-6' as const };

		await answerLesson(db, pupil, lesson, (step) => rightChoice(step), Date.now() - 60_000);
		await publishProtocol(db, id);
		let sp = await schoolProtocol(db, library, a.schoolId);
		let row = (await classDashboard(db, library, klas, sp)).rules.find(
			(r) => r.title === 'Telefoon in de tas.'
		);
		expect(row?.total).toBe(0); // answered while the protocol was a draft

		await db.deleteFrom('answer').where('pupil_id', '=', pupil).execute();
		await db.deleteFrom('lesson_progress').where('pupil_id', '=', pupil).execute();
		await answerLesson(db, pupil, lesson, (step) => rightChoice(step), Date.now() + 1000);
		sp = await schoolProtocol(db, library, a.schoolId);
		row = (await classDashboard(db, library, klas, sp)).rules.find(
			(r) => r.title === 'Telefoon in de tas.'
		);
		expect(row!.total).toBeGreaterThan(0);
		expect(row!.right).toBe(row!.total);
		const overview = await schoolOverview(db, library, {
			id: a.schoolId,
			protocolId: 'generiek',
			protocol: sp
		});
		expect(overview.rules.find((r) => r.title === 'Telefoon in de tas.')!.total).toBe(row!.total);

		expect(cardRules(library, sp, 'telefoon', 'groep-5-6')).toEqual({
			protocolName: 'School ua',
			rules: ['Telefoon in de tas.'],
			own: true
		});
		// No school rule on privacy: the generic rules, and not marked as the school's own.
		const privacy = cardRules(library, sp, 'privacy', 'groep-5-6');
		expect(privacy.own).toBe(false);
		expect(privacy.rules.length).toBeGreaterThan(0);
		expect(lessonRules(library, sp, lesson, 'groep-5-6')).toEqual(['Telefoon in de tas.']);
		// Groep 7-8 is left out with a reason: its card falls back to the generic rule.
		expect(cardRules(library, sp, 'telefoon', 'groep-7-8').own).toBe(false);
	});

	it('coverage names the lessons that teach a rule and finds a topic no lesson teaches in a band', () => {
		const rule = {
			id: 'x.ai',
			topic: 'ai',
			source: 's',
			bands: ['groep-3-4'],
			text: 'AI-regel.'
		} as const;
		const taught = coverage(library, [{ ...rule, topic: 'telefoon', bands: ['groep-5-6'] }]);
		expect(taught['groep-5-6'][0]!.lessons.map((l) => l.id)).toContain(
			'g56-telefoon-en-schermtijd'
		);
		const lessonsOnAi = library.lessons.filter(
			(l) =>
				l.band === 'groep-3-4' &&
				l.steps.some((s) => s.type === 'op-jouw-school' && s.topic === 'ai')
		);
		const ai = coverage(library, [{ ...rule, bands: ['groep-3-4'] }])['groep-3-4'][0]!;
		expect(ai.lessons.length === 0).toBe(
			lessonsOnAi.length === 0 &&
				!library.lessons.some(
					(l) =>
						l.band === 'groep-3-4' && l.rules.some((r) => library.ruleById.get(r)?.topic === 'ai')
				)
		);
	});
});

describe('editing', () => {
	it("two admins saving from the same version: the second gets the first one's text, nothing lost silently", async () => {
		const id = await protocolId(a.schoolId);
		const { rules } = await storedRules(db, id);
		const rule = rules.current[0]!;
		const [one, two] = await Promise.all([
			saveRule(
				db,
				{
					protocolId: id,
					ruleId: rule.id,
					expectedVersion: rule.version,
					rule: phoneRule('Versie van Anna.')
				},
				null
			),
			saveRule(
				db,
				{
					protocolId: id,
					ruleId: rule.id,
					expectedVersion: rule.version,
					rule: phoneRule('Versie van Bram.')
				},
				null
			)
		]);
		expect(one.ok).toBe(true);
		expect(two.ok).toBe(false);
		expect(!two.ok && two.conflict?.text).toBe('Versie van Anna.');
	});

	it('moves a rule up and keeps the order', async () => {
		const id = await protocolId(a.schoolId);
		await saveRule(db, { protocolId: id, rule: phoneRule('Tweede regel.') }, null);
		let { rules } = await storedRules(db, id);
		expect(rules.current.map((r) => r.text)).toEqual(['Versie van Anna.', 'Tweede regel.']);
		const second = rules.current[1]!;
		const moved = await moveRule(
			db,
			{ protocolId: id, ruleId: second.id, expectedVersion: second.version, direction: -1 },
			null
		);
		expect(moved.ok).toBe(true);
		({ rules } = await storedRules(db, id));
		expect(rules.current.map((r) => r.text)).toEqual(['Tweede regel.', 'Versie van Anna.']);
	});
});

describe('a foundation protocol', () => {
	it('another school adopts it, overrides and retires rules for itself, and keeps getting the others', async () => {
		expect(await shareWithFoundation(db, { schoolId: a.schoolId, userId: null })).toEqual({
			ok: true
		});
		const created = await createSchoolProtocol(db, library, {
			schoolId: b.schoolId,
			from: 'stichting',
			userId: null
		});
		expect(created.ok).toBe(true);
		const idB = await protocolId(b.schoolId);
		await publishProtocol(db, idB);
		let sp = await schoolProtocol(db, library, b.schoolId);
		expect(sp.protocol.rules.map((r) => r.text)).toEqual(['Tweede regel.', 'Versie van Anna.']);

		const [first, second] = sp.stored!.current;
		await saveRule(
			db,
			{
				protocolId: idB,
				ruleId: first!.id,
				expectedVersion: first!.version,
				rule: phoneRule('Alleen op school ub.')
			},
			null
		);
		await setRetired(
			db,
			{ protocolId: idB, ruleId: second!.id, expectedVersion: second!.version, retired: true },
			null
		);
		sp = await schoolProtocol(db, library, b.schoolId);
		expect(sp.protocol.rules.map((r) => r.text)).toEqual(['Alleen op school ub.']);
		// School A (and the foundation) are untouched.
		expect(
			(await schoolProtocol(db, library, a.schoolId)).protocol.rules.map((r) => r.text)
		).toEqual(['Tweede regel.', 'Versie van Anna.']);

		// The foundation adds a rule later: school B gets it too.
		const idA = await protocolId(a.schoolId);
		await new Promise((r) => setTimeout(r, 5));
		await saveRule(db, { protocolId: idA, rule: phoneRule('Nieuw van de stichting.') }, null);
		await shareWithFoundation(db, { schoolId: a.schoolId, userId: null });
		sp = await schoolProtocol(db, library, b.schoolId);
		expect(sp.protocol.rules.map((r) => r.text)).toEqual([
			'Alleen op school ub.',
			'Nieuw van de stichting.'
		]);
		expect(sp.stored!.current.find((r) => r.text === 'Nieuw van de stichting.')!.inherited).toBe(
			true
		);
	});
});
