// The whole loop in a real browser: a pupil logs in with the picture code and finishes a
// lesson, the teacher sees it in the table, the parent sees it at home.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { tapPictureCode } from '../helpers/login.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { PASSWORD, seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { expectAccessible, launch, screenshot, skipE2E } from '../helpers/browser.ts';
import { playLessonInBrowser } from '../helpers/play.ts';
import { isScored, type Lesson } from '../../src/lib/lessons/schema.ts';

const viewport = { width: 1366, height: 768 };
let server: TestServer;
let browser: Browser;
let school: SchoolFixture;
let lesson: Lesson;

describe.skipIf(skipE2E)('pupil → teacher → parent in Chromium', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
		// The lesson with the most kinds of steps, so the player is exercised widely.
		lesson = realLibrary()
			.lessons.filter((l) => l.band === 'groep-5-6')
			.sort(
				(a, b) =>
					new Set(b.steps.map((s) => s.type)).size - new Set(a.steps.map((s) => s.type)).size
			)[0]!;
		school = await seedSchool(server.db, { lessonA: lesson.id });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	async function pupilLogin(page: Page, index: number, axe: boolean) {
		const pupil = school.classA.pupils[index]!;
		await page.goto(`${server.url}/klas/${school.classA.token}`);
		if (axe) await expectAccessible(page);
		await page.getByRole('link', { name: pupil.name }).click();
		await page.getByText('Tik jouw 3 plaatjes').waitFor();
		if (axe) await expectAccessible(page);
		await tapPictureCode(page, server.url, pupil.code);
		return pupil;
	}

	it('a pupil logs in with the picture code and finishes the lesson, then logs out for good', async () => {
		const page = await browser.newPage({ viewport });
		const pupil = await pupilLogin(page, 0, true);
		await expect.poll(() => page.locator('h1').innerText()).toBe('Mijn lessen');
		await expectAccessible(page);
		await screenshot(page, 'pupil-mijn-lessen');

		await page.getByRole('link', { name: `Begin: ${lesson.title}` }).click();
		await page.locator('article.step').waitFor();
		// A marker on the window survives client-side navigation, not a full page load.
		await page.evaluate(() => ((window as unknown as { denknaMarker: number }).denknaMarker = 42));
		await playLessonInBrowser(page, lesson, {
			axe: true,
			onStep: async (i) => {
				if (i === 1) await screenshot(page, 'pupil-step');
			}
		});
		// With JavaScript, every step changed without a full page load.
		expect(
			await page.evaluate(() => (window as unknown as { denknaMarker?: number }).denknaMarker)
		).toBe(42);

		const scored = lesson.steps.filter(isScored).length;
		await expect
			.poll(() => page.locator('article.step').innerText())
			.toContain(`${scored - 1} van de ${scored} vragen meteen goed`);
		await expectAccessible(page);
		await screenshot(page, 'pupil-end');

		await page.getByRole('button', { name: 'Klaar? Log uit' }).click();
		await page.waitForURL(`**/klas/${school.classA.token}?uitgelogd=1`);
		await expect.poll(() => page.getByRole('status').innerText()).toContain('Je bent uitgelogd');
		// Back and reload never show the previous pupil's page again.
		await page.goBack();
		await page.waitForLoadState();
		expect(page.url()).not.toContain('/leerling');
		expect(await page.content()).not.toContain('Klaar? Log uit');
		await page.goto(`${server.url}/leerling`);
		expect(page.url()).not.toContain('/leerling');
		expect(pupil.name).toBeTruthy();
		await page.close();
	});

	it('what someone types before the page has loaded its JavaScript is kept', async () => {
		const page = await browser.newPage({ viewport });
		// A slow school connection: the scripts arrive a second and a half after the page.
		await page.route('**/_app/immutable/**', async (route) => {
			await new Promise((r) => setTimeout(r, 1500));
			await route.continue();
		});
		await page.goto(`${server.url}/login`, { waitUntil: 'domcontentloaded' });
		await page.getByLabel('E-mailadres').fill(school.teacherA.email);
		await page.waitForLoadState('networkidle');
		expect(await page.getByLabel('E-mailadres').inputValue()).toBe(school.teacherA.email);
		await page.close();
	});

	it('the teacher sees the finished lesson in the progress table', async () => {
		const page = await browser.newPage({ viewport });
		await page.goto(`${server.url}/login`);
		await expectAccessible(page);
		await page.getByLabel('E-mailadres').fill(school.teacherA.email);
		await page.getByLabel('Wachtwoord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await page.waitForURL(`${server.url}/docent`);
		await expectAccessible(page);
		await page.getByRole('link', { name: 'Groep 5a' }).click();
		await page.waitForURL(`**/docent/klas/${school.classA.id}`);
		const row = page.getByRole('row', { name: new RegExp(school.classA.pupils[0]!.name) }).first();
		const scored = lesson.steps.filter(isScored).length;
		await expect.poll(() => row.innerText()).toContain(`Klaar · ${scored - 1}/${scored}`);
		const other = page
			.getByRole('row', { name: new RegExp(school.classA.pupils[1]!.name) })
			.first();
		expect(await other.innerText()).toContain('Niet begonnen');
		await expectAccessible(page);
		await screenshot(page, 'teacher-class');

		await page.getByRole('link', { name: 'Klaslink en inlogkaarten' }).click();
		await page.locator('.qr svg').waitFor();
		expect(await page.locator('.pupil-card').count()).toBe(school.classA.pupils.length);
		await expectAccessible(page);
		await screenshot(page, 'teacher-login-cards');
		await page.close();
	});

	it('the parent sees what their child finished, with the home tip', async () => {
		const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
		await page.goto(`${server.url}/login`);
		await page.getByLabel('E-mailadres').fill(school.parent.email);
		await page.getByLabel('Wachtwoord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await page.waitForURL(`${server.url}/ouder`);
		const text = await page.locator('main').innerText();
		expect(text).toContain(school.classA.pupils[0]!.name);
		expect(text).toContain(lesson.title);
		expect(text).toContain(lesson.homeTip);
		await expectAccessible(page);
		await screenshot(page, 'parent-home');
		await page.close();
	});

	it('without JavaScript a pupil can log in and finish the same lesson through forms', async () => {
		const context = await browser.newContext({ viewport, javaScriptEnabled: false });
		const page = await context.newPage();
		await pupilLogin(page, 1, false);
		await page.getByRole('link', { name: `Begin: ${lesson.title}` }).click();
		await page.locator('article.step').waitFor();
		await playLessonInBrowser(page, lesson, { axe: false });
		await expect.poll(() => page.locator('article.step').innerText()).toContain('Goed gedaan');
		const rows = await server.db
			.selectFrom('lesson_progress')
			.select(['completed_at'])
			.where('pupil_id', '=', school.classA.pupils[1]!.id)
			.where('lesson_id', '=', lesson.id)
			.executeTakeFirst();
		expect(rows?.completed_at).not.toBeNull();

		// Every kind of question works through forms, also the DENK NA check.
		const denkNa = realLibrary().lessons.find(
			(l) => l.band === 'groep-5-6' && l.steps.some((s) => s.type === 'denk-na')
		)!;
		await page.goto(`${server.url}/leerling/les/${denkNa.id}`);
		await playLessonInBrowser(page, denkNa, { axe: false });
		await expect.poll(() => page.locator('article.step').innerText()).toContain('Goed gedaan');
		await context.close();
	});
});
