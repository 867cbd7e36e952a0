// The school's own protocol over real HTTP: made from a template, edited with a version check,
// retired, imported (bad files write nothing), exported and imported back unchanged, versions
// that keep old answers with the wording pupils saw, and who may read or change it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startServer, type TestServer } from '../helpers/server.ts';
import { PASSWORD, seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import {
	protocolRowOfSchool,
	rulesForAnswer,
	schoolProtocol,
	storedRules,
	versionAt
} from '../../src/lib/server/protocols.ts';
import { classDashboard } from '../../src/lib/server/dashboard/class.ts';
import { stepIndex, stepKey } from '../../src/lib/server/dashboard/step-index.ts';

let server: TestServer;
let a: SchoolFixture;
let b: SchoolFixture;
let tmp: string;

beforeAll(async () => {
	server = await startServer();
	tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'denkna-protocols-'));
	a = await seedSchool(server.db, { tag: 'pa' });
	b = await seedSchool(server.db, { tag: 'pb' });
});
afterAll(async () => {
	await server?.stop();
	fs.rmSync(tmp, { recursive: true, force: true });
});

async function login(email: string) {
	const client = new Client(server.url);
	const res = await client.post('/login', { email, password: PASSWORD });
	expect(res.status, `login ${email}`).toBe(303);
	return client;
}

async function ruleRows(schoolId: number) {
	const row = await protocolRowOfSchool(server.db, schoolId);
	if (!row) return [];
	return server.db
		.selectFrom('protocol_rule')
		.selectAll()
		.where('protocol_id', '=', row.id)
		.orderBy('id')
		.execute();
}

const ruleForm = (text: string, version: number, topic = 'telefoon') => ({
	text,
	topic,
	source: 'Protocol sociale media 2025, paragraaf 2',
	bands: ['groep-5-6'],
	version: String(version),
	'reason-groep-3-4': 'Deze groep heeft nog geen telefoon.',
	'reason-groep-7-8': 'Daar geldt de telefoonregel van de bovenbouw.',
	'reason-vo-1-3': 'Wij zijn een basisschool.'
});

function yamlFile(text: string) {
	const form = new FormData();
	form.append('file', new Blob([text], { type: 'text/yaml' }), 'protocol.yaml');
	return form;
}

describe('create from a template and edit', () => {
	it('makes a draft from the Juliana template; pupils still see the old protocol', async () => {
		const admin = await login(a.admin.email);
		const res = await admin.post('/docent/school/protocol?/create', { from: 'juliana' });
		expect(res.status).toBe(200);
		const juliana = realLibrary().protocols.find((p) => p.id === 'juliana')!;
		const rows = await ruleRows(a.schoolId);
		expect(rows).toHaveLength(juliana.rules.length);
		expect(rows.every((r) => r.version === 1)).toBe(true);
		expect(rows[0]!.text).toBe(juliana.rules[0]!.text);
		const live = await schoolProtocol(server.db, realLibrary(), a.schoolId);
		expect(live.stored).toBeNull();
		const page = await (await admin.get('/docent/school/protocol')).text();
		expect(page).toContain('Concept.');
		expect(page).toContain(juliana.rules[0]!.text);
	});

	it('a second protocol for the same school is refused', async () => {
		const admin = await login(a.admin.email);
		const res = await admin.post('/docent/school/protocol?/create', { from: 'generiek' });
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('Deze school heeft al een eigen protocol.');
	});

	it('an edit adds version 2 and leaves version 1 as it was', async () => {
		const admin = await login(a.admin.email);
		const [first] = await ruleRows(a.schoolId);
		const res = await admin.post(
			`/docent/school/protocol/regel/${first!.rule_id}?/save`,
			ruleForm('Je telefoon gaat uit en in je tas.', 1)
		);
		expect(res.status).toBe(303);
		const versions = (await ruleRows(a.schoolId)).filter((r) => r.rule_id === first!.rule_id);
		expect(versions.map((r) => [r.version, r.text])).toEqual([
			[1, first!.text],
			[2, 'Je telefoon gaat uit en in je tas.']
		]);
		expect(versions[1]!.created_by).toBe(a.admin.id);
	});

	it('a save from an old version is refused with the other text shown, and nothing is written', async () => {
		const admin = await login(a.admin.email);
		const [first] = await ruleRows(a.schoolId);
		const before = (await ruleRows(a.schoolId)).length;
		const res = await admin.post(
			`/docent/school/protocol/regel/${first!.rule_id}?/save`,
			ruleForm('Mijn eigen versie van de regel.', 1)
		);
		expect(res.status).toBe(409);
		const html = await res.text();
		expect(html).toContain('Iemand anders heeft deze regel intussen gewijzigd');
		expect(html).toContain('Je telefoon gaat uit en in je tas.');
		expect(html).toContain('Mijn eigen versie van de regel.');
		expect((await ruleRows(a.schoolId)).length).toBe(before);
	});

	it('a rule without a reason for a band it leaves out is refused in Dutch', async () => {
		const admin = await login(a.admin.email);
		const before = (await ruleRows(a.schoolId)).length;
		const form: Record<string, string | string[]> = ruleForm('Een nieuwe regel.', 0);
		delete form['reason-vo-1-3'];
		const res = await admin.post('/docent/school/protocol/regel/nieuw?/save', form);
		expect(res.status).toBe(400);
		expect(await res.text()).toContain('de regel geldt niet voor klas 1-3: vul in waarom niet');
		expect((await ruleRows(a.schoolId)).length).toBe(before);
	});

	it('the preview of an unsaved rule shows the card per band and saves nothing', async () => {
		const admin = await login(a.admin.email);
		const before = await ruleRows(a.schoolId);
		const res = await admin.post(
			'/docent/school/protocol/regel/nieuw?/preview',
			ruleForm('De telefoon gaat in de telefoontas.', 0)
		);
		expect(res.status).toBe(200);
		const html = await res.text();
		expect(html).toContain('Voorbeeld (nog niet opgeslagen)');
		expect(html).toContain('Zo ziet een leerling van groep 5-6 dit');
		expect(html).not.toContain('Zo ziet een leerling van groep 3-4 dit');
		expect(html).toContain('De telefoon gaat in de telefoontas.');
		expect(await ruleRows(a.schoolId)).toEqual(before);
	});

	it('retiring a rule keeps its versions and takes it out of what pupils see', async () => {
		const admin = await login(a.admin.email);
		const rows = await ruleRows(a.schoolId);
		const target = rows.find((r) => r.rule_id.endsWith('.uitloggen'))!;
		const res = await admin.post('/docent/school/protocol?/retire', {
			rule: target.rule_id,
			version: String(target.version),
			retired: '1'
		});
		expect(res.status).toBe(200);
		const versions = (await ruleRows(a.schoolId)).filter((r) => r.rule_id === target.rule_id);
		expect(versions.map((r) => r.retired)).toEqual([0, 1]);
		const draft = await schoolProtocol(server.db, realLibrary(), a.schoolId, { draft: true });
		expect(draft.protocol.rules.some((r) => r.id === target.rule_id)).toBe(false);
		expect(await (await admin.get('/docent/school/protocol')).text()).toContain(
			'Uit gebruik sinds'
		);
	});
});

describe('versions and answers', () => {
	it('an answer given under the old wording keeps that rule version, also once the rule is retired', async () => {
		const library = realLibrary();
		const admin = await login(a.admin.email);
		const { id: protocolId } = (await protocolRowOfSchool(server.db, a.schoolId))!;
		expect((await admin.post('/docent/school/protocol?/publish', {})).status).toBe(200);
		expect((await schoolProtocol(server.db, library, a.schoolId)).stored?.liveAt).toBeTypeOf(
			'number'
		);
		// A step of a groep 5-6 lesson that teaches "telefoon".
		const [key, info] = [...stepIndex(library)].find(
			([, i]) => i.band === 'groep-5-6' && i.topics.includes('telefoon')
		)!;
		const { rules } = await storedRules(server.db, protocolId);
		const rule = rules.current.find(
			(r) => r.topic === 'telefoon' && !r.retired && r.bands.includes('groep-5-6')
		)!;
		const oldText = rule.text;
		const answeredAt = Date.now() + 1;
		await server.db
			.insertInto('answer')
			.values({
				client_id: 'versioned-1',
				pupil_id: a.classA.pupils[0]!.id,
				lesson_id: info.lessonId,
				lesson_version: library.lessonById.get(info.lessonId)!.version,
				step_id: key.split('\u0000')[1]!,
				choice: '"x"',
				correct: 1,
				attempt: 1,
				created_at: answeredAt
			})
			.execute();
		await new Promise((r) => setTimeout(r, 5));
		const res = await admin.post(
			`/docent/school/protocol/regel/${rule.id}?/save`,
			ruleForm('Nieuwe woorden voor de telefoonregel.', rule.version, 'privacy')
		);
		expect(res.status).toBe(303);
		const sp = await schoolProtocol(server.db, library, a.schoolId);
		const seen = versionAt(sp.stored!.history.get(rule.id)!, answeredAt)!;
		expect(seen.text).toBe(oldText);
		expect(seen.topic).toBe('telefoon');
		expect(rulesForAnswer(sp, info, answeredAt)).toContain(rule.id);
		// Now a privacy rule: a telefoon step answered from now on no longer counts for it.
		expect(rulesForAnswer(sp, info, Date.now() + 10)).not.toContain(rule.id);

		const latest = (await storedRules(server.db, protocolId)).rules.history.get(rule.id)!.at(-1)!;
		await admin.post('/docent/school/protocol?/retire', {
			rule: rule.id,
			version: String(latest.version),
			retired: '1'
		});
		const klas = { id: a.classA.id, band: 'groep-5-6' as const };
		const dash = await classDashboard(
			server.db,
			library,
			klas,
			await schoolProtocol(server.db, library, a.schoolId)
		);
		const row = dash.rules.find((r) => r.id === rule.id)!;
		expect(row.total).toBe(1);
		expect(stepKey(info.lessonId, key.split('\u0000')[1]!)).toBe(key);
	});
});

describe('who may read and change', () => {
	it('a teacher reads the protocol but cannot change it', async () => {
		const teacher = await login(a.teacherA.email);
		const page = await teacher.get('/docent/school/protocol');
		expect(page.status).toBe(200);
		const html = await page.text();
		expect(html).toContain('Regels (');
		expect(html).not.toContain('Bewerken');
		const before = await ruleRows(a.schoolId);
		const [first] = before;
		for (const [path, fields] of [
			['/docent/school/protocol?/retire', { rule: first!.rule_id, version: '1', retired: '1' }],
			[`/docent/school/protocol/regel/${first!.rule_id}?/save`, ruleForm('Van de leraar.', 9)],
			['/docent/school/protocol/regel/nieuw?/save', ruleForm('Van de leraar.', 0)]
		] as const) {
			const res = await teacher.post(path, fields);
			expect(res.status, path).toBe(403);
		}
		expect((await teacher.get(`/docent/school/protocol/regel/${first!.rule_id}`)).status).toBe(403);
		expect(await ruleRows(a.schoolId)).toEqual(before);
	});

	it("another school's admin can neither read nor change it", async () => {
		const other = await login(b.admin.email);
		const before = await ruleRows(a.schoolId);
		const first = before.find((r) => r.text === 'Je telefoon gaat uit en in je tas.');
		const page = await (await other.get('/docent/school/protocol')).text();
		expect(page).not.toContain(first!.text);
		expect(await (await other.get('/docent/school/protocol/export')).text()).not.toContain(
			first!.rule_id
		);
		await other.post('/docent/school/protocol?/create', { from: 'leeg' });
		expect((await other.get(`/docent/school/protocol/regel/${first!.rule_id}`)).status).toBe(404);
		const res = await other.post(
			`/docent/school/protocol/regel/${first!.rule_id}?/save`,
			ruleForm('Gekaapt.', 99)
		);
		expect(res.status).toBe(404);
		expect(await res.text()).toContain('Deze regel staat niet in het protocol van jouw school.');
		for (const action of ['retire', 'move'])
			await other.post(`/docent/school/protocol?/${action}`, {
				rule: first!.rule_id,
				version: String(first!.version),
				retired: '1',
				direction: 'up'
			});
		expect(await ruleRows(a.schoolId)).toEqual(before);
	});
});

describe('import and export', () => {
	it('a bad file is refused naming the rule and field, and nothing is written', async () => {
		const admin = await login(a.admin.email);
		const before = await ruleRows(a.schoolId);
		const rowBefore = await protocolRowOfSchool(server.db, a.schoolId);
		const yaml = await (await admin.get('/docent/school/protocol/export')).text();
		const broken = yaml.replace(/topic: wachtwoorden/, 'topic: schoolreis');
		expect(broken).not.toBe(yaml);
		const res = await admin.postMultipart('/docent/school/protocol?/import', yamlFile(broken));
		expect(res.status).toBe(400);
		const html = await res.text();
		expect(html).toMatch(
			/Niets geïmporteerd\. Regel \d+ \([a-z0-9.-]+\.eigen-moo\): onderwerp \(topic\): onbekende waarde/
		);
		expect(await ruleRows(a.schoolId)).toEqual(before);
		const row = await protocolRowOfSchool(server.db, a.schoolId);
		expect(row!.updated_at).toBe(rowBefore!.updated_at);
	});

	it('export then import (editor and CLI) changes nothing', async () => {
		const admin = await login(a.admin.email);
		const yaml = await (await admin.get('/docent/school/protocol/export')).text();
		const res = await admin.postMultipart('/docent/school/protocol?/import', yamlFile(yaml));
		expect(res.status).toBe(200);
		expect(await res.text()).toContain('0 regels nieuw of gewijzigd');
		expect(await (await admin.get('/docent/school/protocol/export')).text()).toBe(yaml);

		const env = { ...process.env, ...server.env };
		const cli = (args: string[]) =>
			execFileSync('npx', ['tsx', 'scripts/protocols.ts', ...args], { env, encoding: 'utf8' });
		const printed = cli(['export', '--school', String(a.schoolId)]);
		expect(printed).toBe(yaml);
		const file = `${tmp}/export.yaml`;
		fs.writeFileSync(file, printed);
		expect(cli(['import', file, '--school', String(a.schoolId)])).toContain('0 regels');
		expect(cli(['export', '--school', String(a.schoolId)])).toBe(yaml);
	});

	it('the CLI refuses a bad file with a Dutch message and writes nothing', async () => {
		const before = await ruleRows(b.schoolId);
		const rowBefore = await protocolRowOfSchool(server.db, b.schoolId);
		const file = `${tmp}/bad.yaml`;
		fs.writeFileSync(
			file,
			'id: x\nname: X\ndescription: X\ndocument: x.pdf\nrules:\n  - id: x.een\n    topic: telefoon\n    source: x\n    bands: [groep-5-6]\n    text: ""\n'
		);
		let message = '';
		try {
			execFileSync(
				'npx',
				['tsx', 'scripts/protocols.ts', 'import', file, '--school', String(b.schoolId)],
				{
					env: { ...process.env, ...server.env },
					encoding: 'utf8',
					stdio: 'pipe'
				}
			);
		} catch (error) {
			message = String((error as { stderr: string }).stderr);
		}
		expect(message).toContain(
			'niets geïmporteerd. Regel 1 (x.een): tekst (text): mag niet leeg zijn.'
		);
		expect(await ruleRows(b.schoolId)).toEqual(before);
		expect(await protocolRowOfSchool(server.db, b.schoolId)).toEqual(rowBefore);
	});
});
