// The Wi-Fi drops and the pupil (or the teacher) reloads the page: the service worker shows
// the lesson where the pupil was, the answers still sync exactly once, "Uitloggen" explains
// that answers are waiting, and after logging out nothing of that pupil is left in the cache.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { tapPictureCode } from '../helpers/login.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { expectAccessible, launch, screenshot, skipE2E } from '../helpers/browser.ts';
import { fillAndSubmit } from '../helpers/form.ts';
import { isScored, type Lesson } from '../../src/lib/lessons/schema.ts';
import { rightChoice } from '../../src/lib/activities/index.ts';

let server: TestServer;
let browser: Browser;
let school: SchoolFixture;
let lesson: Lesson;

const currentStep = (page: Page) => page.locator('article.step').getAttribute('data-step');

/** Answers the current step right (if it is a question) and moves on. */
async function stepOn(page: Page) {
	const id = await currentStep(page);
	const index = lesson.steps.findIndex((s) => s.id === id);
	const step = lesson.steps[index]!;
	if (isScored(step)) {
		await fillAndSubmit(page.locator('form#answer'), step, rightChoice(step));
		await expect.poll(() => page.locator('.feedback .verdict').innerText()).toContain('Goed zo');
	}
	await page.getByRole('button', { name: /Verder/ }).click();
	await page.locator(`article.step[data-step="${lesson.steps[index + 1]!.id}"]`).waitFor();
}

/** Everything the service worker's caches and the page's storage hold. */
async function stored(page: Page) {
	return page.evaluate(async () => {
		const cached: string[] = [];
		for (const name of await caches.keys())
			for (const req of await (await caches.open(name)).keys()) cached.push(`${name} ${req.url}`);
		return { caches: await caches.keys(), cached, storage: Object.keys(localStorage) };
	});
}

describe.skipIf(skipE2E)('a reload without network', () => {
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

	it('shows the lesson, syncs once, and leaves nothing behind', { timeout: 180_000 }, async () => {
		const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
		const page = await context.newPage();
		const pupil = school.classA.pupils[0]!;
		await page.goto(`${server.url}/klas/${school.classA.token}`);
		// The worker installs on the first page and takes over the pages after it.
		await page.waitForFunction(() => !!navigator.serviceWorker.controller);
		await page.getByRole('link', { name: pupil.name }).click();
		await tapPictureCode(page, server.url, pupil.code);
		// Opened inside the app, the way a pupil does: from the card on Mijn lessen.
		await page.locator(`a[href="/leerling/les/${lesson.id}"]`).first().click();
		await page.locator('[data-player="js"]').waitFor({ state: 'attached' });
		expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
		await stepOn(page);
		await stepOn(page);
		// The worker keeps the opened lesson's page (fetched beside its __data.json).
		await expect
			.poll(async () =>
				(await stored(page)).cached.filter((c) => c.startsWith('denkna-pupil-')).join('\n')
			)
			.toContain(`/leerling/les/${lesson.id}`);

		await context.setOffline(true);
		await stepOn(page);
		await stepOn(page);
		const before = await currentStep(page);
		await page.reload();
		await page.locator('[data-player="js"]').waitFor({ state: 'attached' });
		expect(await currentStep(page)).toBe(before);
		await expectAccessible(page);
		await screenshot(page, 'offline-reload');
		// Mijn lessen works offline too.
		await page.goto(`${server.url}/leerling`);
		await page.getByRole('heading', { name: 'Mijn lessen' }).waitFor();
		await page.goto(`${server.url}/leerling/les/${lesson.id}`);
		await page.locator('[data-player="js"]').waitFor({ state: 'attached' });
		expect(await currentStep(page)).toBe(before);
		await stepOn(page);

		// Nothing reached the server yet; the status counts answers only.
		const waiting = await page.evaluate(
			(key) =>
				(JSON.parse(localStorage.getItem(key) ?? '[]') as { kind: string }[]).filter(
					(i) => i.kind === 'answer'
				).length,
			`denkna-outbox:${pupil.id}`
		);
		expect(waiting).toBeGreaterThan(0);
		await expect
			.poll(() => page.locator('header .save').innerText())
			.toContain(`${waiting} antwoord`);

		// "Uitloggen" offline says why it can't, and offers to wait.
		await page.getByRole('button', { name: 'Uitloggen' }).click();
		await page.getByText('Je kunt nog niet uitloggen').waitFor({ timeout: 15_000 });
		expect(await page.locator('.logout-wait').innerText()).toContain(
			waiting === 1 ? 'Er wacht nog 1 antwoord' : `Er wachten nog ${waiting} antwoorden`
		);
		await expectAccessible(page);
		await screenshot(page, 'offline-logout');
		await page.getByRole('button', { name: 'Wacht, en log dan uit' }).click();
		await context.setOffline(false);
		await page.waitForURL(`**/klas/${school.classA.token}?uitgelogd=1`, { timeout: 60_000 });

		const answers = await server.db
			.selectFrom('answer')
			.select(['step_id', 'attempt', 'client_id'])
			.where('pupil_id', '=', pupil.id)
			.execute();
		const answered = lesson.steps
			.slice(0, lesson.steps.findIndex((s) => s.id === before) + 1)
			.filter(isScored);
		expect(answers.map((a) => a.step_id).sort()).toEqual(answered.map((s) => s.id).sort());
		expect(answers.every((a) => a.attempt === 1)).toBe(true);

		// Nothing of the pupil is left: no pupil cache, no pupil page in any cache, no state.
		await expect
			.poll(async () => {
				const s = await stored(page);
				return [
					...s.caches.filter((c) => c.startsWith('denkna-pupil-')),
					...s.cached.filter((c) => c.includes('/leerling')),
					...s.storage.filter((k) => k.includes(`:${pupil.id}`))
				];
			})
			.toEqual([]);
		await context.close();
	});
});
