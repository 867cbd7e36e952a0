// Bad school Wi-Fi: the network drops for a minute in the middle of a lesson. The pupil goes
// on, answers wait in the browser, and once the network is back every answer is stored once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { pupilSignIn } from '../helpers/login.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { launch, screenshot, skipE2E } from '../helpers/browser.ts';
import { playLessonInBrowser } from '../helpers/play.ts';
import { isScored, type Lesson } from '../../src/lib/lessons/schema.ts';
import { firstTryScores } from '../../src/lib/server/progress.ts';

const OFFLINE_MS = 60_000;
let server: TestServer;
let browser: Browser;
let school: SchoolFixture;
let lesson: Lesson;

describe.skipIf(skipE2E)('a minute without network in the middle of a lesson', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
		lesson = realLibrary().lessons.find(
			(l) => l.band === 'groep-5-6' && l.steps.filter(isScored).length >= 4
		)!;
		school = await seedSchool(server.db, { lessonA: lesson.id });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('loses no answer and stores none twice', { timeout: 180_000 }, async () => {
		const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
		const page = await context.newPage();
		const pupil = school.classA.pupils[0]!;
		await pupilSignIn(page, server.url, school.classA.token, pupil);
		await page.goto(`${server.url}/leerling/les/${lesson.id}`);
		await page.locator('[data-player="js"]').waitFor({ state: 'attached' });

		// Online for the first step, then the Wi-Fi drops.
		const first = lesson.steps[0]!;
		expect(isScored(first)).toBe(false);
		await page.getByRole('button', { name: /Verder/ }).click();
		await page.locator(`article.step[data-step="${lesson.steps[1]!.id}"]`).waitFor();
		await context.setOffline(true);
		const offlineAt = Date.now();

		await playLessonInBrowser(page, lesson, { axe: false });
		await expect
			.poll(() => page.getByRole('status').first().innerText())
			.toContain('Geen internet');
		await screenshot(page, 'pupil-offline');

		// Logging out now would lose the answers: the player waits instead.
		await page.getByRole('button', { name: 'Klaar? Log uit' }).click();
		await expect
			.poll(() => page.locator('main').innerText(), { timeout: 20_000 })
			.toContain('nog niet opgeslagen');
		expect(
			await server.db.selectFrom('answer').selectAll().where('pupil_id', '=', pupil.id).execute()
		).toEqual([]);

		await page.waitForTimeout(Math.max(0, OFFLINE_MS - (Date.now() - offlineAt)));
		await context.setOffline(false);
		await page.waitForURL(`**/klas/${school.classA.token}?uitgelogd=1`, { timeout: 60_000 });

		const answers = await server.db
			.selectFrom('answer')
			.select(['step_id', 'attempt', 'correct', 'client_id'])
			.where('pupil_id', '=', pupil.id)
			.where('lesson_id', '=', lesson.id)
			.orderBy('id')
			.execute();
		const scored = lesson.steps.filter(isScored);
		// playLessonInBrowser answers the first question wrong once, every question right once.
		expect(answers).toHaveLength(scored.length + 1);
		expect(new Set(answers.map((a) => a.client_id)).size).toBe(answers.length);
		for (const step of scored) {
			const rows = answers.filter((a) => a.step_id === step.id);
			const expected =
				step === scored[0]
					? [
							{ attempt: 1, correct: 0 },
							{ attempt: 2, correct: 1 }
						]
					: [{ attempt: 1, correct: 1 }];
			expect(
				rows.map(({ attempt, correct }) => ({ attempt, correct })),
				step.id
			).toEqual(expected);
		}
		const progress = await server.db
			.selectFrom('lesson_progress')
			.selectAll()
			.where('pupil_id', '=', pupil.id)
			.where('lesson_id', '=', lesson.id)
			.executeTakeFirstOrThrow();
		expect(progress.step_index).toBe(lesson.steps.length - 1);
		expect(progress.completed_at).not.toBeNull();
		const scores = await firstTryScores(server.db, [pupil.id], [lesson]);
		expect(scores.get(`${pupil.id}:${lesson.id}`)?.correct).toBe(scored.length - 1);
		// And the session really ended.
		expect(
			await server.db.selectFrom('session').selectAll().where('pupil_id', '=', pupil.id).execute()
		).toEqual([]);
		await context.close();
	});
});
