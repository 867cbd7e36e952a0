// Acknowledged means committed: the server is killed between collecting a batch of answers and
// committing it (the DENKNA_TEST_KILL_BEFORE_COMMIT hook). Every answer it acknowledged before
// dying is stored; the ones of the killed batch are not, are sent again, and stored once.
// 100 pupils, as the kill -9 test of the outbox (R1) asks.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase, onPostgres, realLibrary, type FreshDatabase } from '../helpers/db.ts';
import { seedSchool } from '../helpers/fixtures.ts';
import { addPupils } from '../../src/lib/server/classes.ts';
import { startLesson } from '../../src/lib/server/progress.ts';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session.ts';
import { isScored } from '../../src/lib/lessons/schema.ts';
import { choiceToForm, rightChoice, wrongChoices } from '../../src/lib/activities/index.ts';
import { assignQuiz, bandQuiz } from '../../src/lib/server/quizzes.ts';

const PUPILS = 100;
const ANSWERS_EACH = 6;
const children: ChildProcess[] = [];
afterAll(() => {
	for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGTERM');
});

async function freePort(): Promise<number> {
	return new Promise((resolve) => {
		const srv = net.createServer().listen(0, '127.0.0.1', () => {
			const { port } = srv.address() as net.AddressInfo;
			srv.close(() => resolve(port));
		});
	});
}

async function serve(database: FreshDatabase['env'], env: Record<string, string> = {}) {
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, ['build/index.js'], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			PORT: String(port),
			HOST: '127.0.0.1',
			...database,
			ORIGIN: url,
			...env
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	children.push(child);
	let log = '';
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const exited = new Promise<void>((r) => child.once('exit', () => r()));
	while (!log.includes('Listening on')) {
		if (child.exitCode !== null) throw new Error(`Server exited early:\n${log}`);
		await new Promise((r) => setTimeout(r, 50));
	}
	return { url, child, exited };
}

describe('group commit under a crash', () => {
	it('acknowledges only committed answers; the rest are resent and stored once', async () => {
		if (!fs.existsSync('build/index.js')) throw new Error('Run `npx vite build` first.');
		const fresh = await freshDatabase();
		const { db } = fresh;
		const school = await seedSchool(db);
		const lesson = realLibrary().lessons.find((l) => l.band === 'groep-5-6')!;
		const index = lesson.steps.findIndex(isScored);
		const step = lesson.steps[index]!;
		if (!isScored(step)) throw new Error('no scored step');
		const names = Array.from({ length: PUPILS }, (_, i) => `Kind${i} T.`);
		const pupils = await addPupils(db, school.classA.id, names);
		const outboxes = await Promise.all(
			pupils.map(async (p) => {
				await startLesson(db, p.id, lesson);
				await db
					.updateTable('lesson_progress')
					.set({ step_index: index })
					.where('pupil_id', '=', p.id)
					.execute();
				const token = generateSessionToken();
				await createSession(db, token, { pupilId: p.id });
				const items = Array.from({ length: ANSWERS_EACH }, (_, n) => ({
					kind: 'answer',
					clientId: `p${p.id}-answer-${n}`,
					lessonId: lesson.id,
					stepId: step.id,
					choice: n % 2 ? rightChoice(step) : wrongChoices(step)[0]
				}));
				return { token, pending: items, acked: new Set<string>() };
			})
		);

		// The outbox: oldest first, two at a time, until the server stops answering.
		async function drain(url: string) {
			await Promise.all(
				outboxes.map(async (box) => {
					while (box.pending.length) {
						const batch = box.pending.slice(0, 2);
						let res: Response;
						try {
							res = await fetch(`${url}/leerling/sync`, {
								method: 'POST',
								headers: {
									cookie: `denkna_session=${box.token}`,
									'content-type': 'application/json',
									origin: url
								},
								body: JSON.stringify({ items: batch })
							});
						} catch {
							return; // no acknowledgement: the items stay in the outbox
						}
						const body = (await res.json()) as { done: string[]; refused: unknown[] };
						expect(body.refused).toEqual([]);
						for (const id of body.done) box.acked.add(id);
						box.pending = box.pending.filter((i) => !box.acked.has(i.clientId));
					}
				})
			);
		}
		const stored = async () =>
			new Set(
				(await db.selectFrom('answer').select('client_id').execute()).map((r) => r.client_id)
			);

		// SQLite groups requests into batches: the 4th batch dies. On PostgreSQL every request is
		// its own transaction, so the count is of requests: the 150th of 300 dies, once many
		// acknowledgements have reached the pupils.
		const doomed = await serve(fresh.env, {
			DENKNA_TEST_KILL_BEFORE_COMMIT: onPostgres ? '150' : '4'
		});
		await drain(doomed.url);
		await doomed.exited;
		expect(doomed.child.signalCode).toBe('SIGKILL');
		const afterCrash = await stored();
		const acked = outboxes.flatMap((b) => [...b.acked]);
		const unacked = outboxes.flatMap((b) => b.pending.map((i) => i.clientId));
		expect(acked.length).toBeGreaterThan(0);
		for (const id of acked) expect(afterCrash.has(id), `acknowledged ${id} is stored`).toBe(true);
		// The killed batch held work that was collected but never committed.
		expect(unacked.filter((id) => !afterCrash.has(id)).length).toBeGreaterThan(0);

		const revived = await serve(fresh.env);
		await drain(revived.url);
		revived.child.kill('SIGTERM');
		await revived.exited;

		expect(outboxes.every((b) => b.pending.length === 0)).toBe(true);
		const rows = await db
			.selectFrom('answer')
			.select(['client_id', 'pupil_id', 'attempt'])
			.execute();
		expect(rows.length).toBe(PUPILS * ANSWERS_EACH);
		expect(new Set(rows.map((r) => r.client_id)).size).toBe(rows.length);
		for (const p of pupils) {
			const attempts = rows
				.filter((r) => r.pupil_id === p.id)
				.map((r) => r.attempt)
				.sort((a, b) => a - b);
			expect(attempts).toEqual(Array.from({ length: ANSWERS_EACH }, (_, n) => n + 1));
		}
		await fresh.drop();
	}, 120_000);

	it('acknowledges a quiz answer only once it is committed, and stores a resent one once', async () => {
		if (!fs.existsSync('build/index.js')) throw new Error('Run `npx vite build` first.');
		const fresh = await freshDatabase();
		const { db } = fresh;
		const school = await seedSchool(db);
		await assignQuiz(db, {
			classId: school.classA.id,
			kind: 'voortoets',
			userId: school.teacherA.id,
			week: null
		});
		const pupil = school.classA.pupils[0]!;
		const token = generateSessionToken();
		await createSession(db, token, { pupilId: pupil.id });
		const quiz = bandQuiz(realLibrary(), 'groep-5-6', 'voortoets')!;
		const question = quiz.questions[0]!;
		const clientId = 'quiz-answer-0001';
		const post = (url: string) =>
			fetch(`${url}/leerling/quiz/voortoets`, {
				method: 'POST',
				redirect: 'manual',
				headers: {
					cookie: `denkna_session=${token}`,
					'content-type': 'application/x-www-form-urlencoded',
					accept: 'text/html',
					origin: url
				},
				body: new URLSearchParams([
					['question', question.id],
					['clientId', clientId],
					...choiceToForm(question, rightChoice(question))
				]).toString()
			});
		const stored = async () =>
			(await db.selectFrom('quiz_answer').select('client_id').execute()).map((r) => r.client_id);

		// The server dies between running the answer's transaction and committing it: the pupil
		// gets no redirect, and nothing is stored.
		const doomed = await serve(fresh.env, { DENKNA_TEST_KILL_BEFORE_COMMIT: '1' });
		const outcome = await post(doomed.url).then(
			(res) => res.status,
			() => 'no answer'
		);
		await doomed.exited;
		expect(doomed.child.signalCode).toBe('SIGKILL');
		expect(outcome).toBe('no answer');
		expect(await stored()).toEqual([]);

		// Sent again (and once more, as a resent form would be): acknowledged, stored once.
		const revived = await serve(fresh.env);
		expect((await post(revived.url)).status).toBe(303);
		expect((await post(revived.url)).status).toBe(303);
		revived.child.kill('SIGTERM');
		await revived.exited;
		expect(await stored()).toEqual([clientId]);
		await fresh.drop();
	}, 60_000);
});
