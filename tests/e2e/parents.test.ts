// Parents in a real browser: the teacher makes koppelcodes and prints letters, a parent links two
// children with two codes on a phone, sees both, and can't reach a third child by guessing URLs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn as signInAs } from '../helpers/login.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { expectAccessible, launch, screenshot, skipE2E } from '../helpers/browser.ts';
import { playLesson } from '../../scripts/lib/seed.ts';
import { lessonRulesForSchool, ruleText, schoolRules } from '../../src/lib/server/lessons.ts';
import { DENK_NA_QUESTIONS, isScored, type Lesson } from '../../src/lib/lessons/schema.ts';

const phone = { width: 390, height: 844 };
let server: TestServer;
let browser: Browser;
let school: SchoolFixture;
let lesson: Lesson;
const codes: string[] = [];

describe.skipIf(skipE2E)('parents in Chromium', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
		school = await seedSchool(server.db, { tag: 'e2e' });
		await server.db
			.updateTable('school')
			.set({ contact_point: 'Meester Tom (ICT), tom@school.test' })
			.where('id', '=', school.schoolId)
			.execute();
		lesson = realLibrary().lessons.find((l) => l.band === 'groep-5-6' && l.steps.some(isScored))!;
		// Noah finished a lesson a minute ago: it belongs in "Deze week".
		await playLesson(server.db, school.classA.pupils[1]!.id, lesson, {
			skill: 1,
			start: Date.now() - 120_000,
			random: () => 0.5
		});
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	const signIn = (page: Page, email: string) => signInAs(page, server.url, email);

	it('the teacher makes koppelcodes for the class and prints a letter per pupil', async () => {
		const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
		await signIn(page, school.teacherA.email);
		await page.goto(`${server.url}/docent/klas/${school.classA.id}`);
		await page.getByRole('link', { name: 'Ouders en koppelcodes' }).click();
		await page.waitForURL(`${server.url}/docent/klas/${school.classA.id}/ouders`);
		await page
			.getByRole('button', { name: 'Koppelcodes maken voor leerlingen zonder code' })
			.click();
		await page.getByRole('status').filter({ hasText: 'nieuwe koppelcode' }).waitFor();
		for (const pupil of [school.classA.pupils[1]!, school.classA.pupils[2]!]) {
			const row = page.getByRole('row', { name: new RegExp(pupil.name) });
			const code = (await row.locator('code').innerText()).trim();
			expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
			codes.push(code);
			const letter = page.getByRole('article', { name: `Brief voor de ouders van ${pupil.name}` });
			await expect(letter.innerText()).resolves.toContain(code);
			await expect(letter.innerText()).resolves.toContain(`${server.url}/koppelen`);
		}
		// Emma's parent is linked already, and the teacher sees it.
		const emma = page.getByRole('row', { name: new RegExp(school.classA.pupils[0]!.name) });
		expect(await emma.innerText()).toContain('Ouder');
		await expectAccessible(page);
		await screenshot(page, 'teacher-parents');
		await page.emulateMedia({ media: 'print' });
		await screenshot(page, 'teacher-parent-letter-print');
		await page.close();
	});

	let context: BrowserContext;
	let page: Page;

	it('a parent registers with one code on a phone and adds a second child with another', async () => {
		context = await browser.newContext({ viewport: phone });
		page = await context.newPage();
		await page.goto(`${server.url}/koppelen`);
		await expectAccessible(page);
		await page.getByLabel('Koppelcode').fill(codes[0]!);
		await page.getByLabel('Jouw naam').fill('Sanne Jansen');
		await page.getByLabel('E-mailadres').fill('sanne@thuis.test');
		await page.getByLabel('Wachtwoord').fill('een-lang-wachtwoord');
		await page.getByRole('button', { name: 'Account maken' }).click();
		await page.waitForURL(`${server.url}/ouder`);

		await page.getByRole('link', { name: 'Kind toevoegen' }).first().click();
		await page.waitForURL(`${server.url}/ouder/koppelen`);
		await expectAccessible(page);
		await page.getByLabel('Koppelcode').fill(codes[1]!.toLowerCase());
		await page.getByRole('button', { name: 'Koppelen' }).click();
		await page.waitForURL(`${server.url}/ouder`);

		const text = await page.locator('main').innerText();
		expect(text).toContain(school.classA.pupils[1]!.name);
		expect(text).toContain(school.classA.pupils[2]!.name);
		expect(text).not.toContain(school.classA.pupils[0]!.name);
		expect(text).toContain(lesson.title);
		await expectAccessible(page);
		await screenshot(page, 'parent-two-children');
	});

	it('the home summary of a child fits the phone and has all a parent needs', async () => {
		const noah = school.classA.pupils[1]!;
		await page.getByRole('link', { name: `Bekijk wat ${noah.name} leert` }).click();
		await page.waitForURL(`${server.url}/ouder/kind/${noah.id}`);
		const text = await page.locator('main').innerText();
		expect(text).toContain('Deze week');
		expect(text).toContain('1 les afgerond sinds maandag');
		expect(text).toContain(lesson.title);
		expect(text).toContain(lesson.homeTip);
		for (const rule of lessonRulesForSchool(realLibrary(), lesson.rules, 'juliana', lesson.band))
			expect(text).toContain(rule);
		expect(text).toContain('De afspraken van school');
		// The school's own phone rules are open; the other topics are one tap away.
		const rule = (topic: 'telefoon' | 'privacy') =>
			ruleText(schoolRules(realLibrary(), 'juliana', topic, lesson.band).rules[0]!, lesson.band);
		expect(text).toContain(rule('telefoon'));
		expect(text).not.toContain(rule('privacy'));
		await page.locator('summary', { hasText: 'Privacy' }).click();
		await expect(page.locator('main').innerText()).resolves.toContain(rule('privacy'));
		expect(text).toContain('Jonger dan 13');
		expect(text).toContain('Jonger dan 16');
		for (const q of DENK_NA_QUESTIONS) expect(text).toContain(q.label);
		expect(text).toContain('Meester Tom (ICT), tom@school.test');
		// Nothing about other children, and no scores or rankings.
		for (const other of [school.classA.pupils[0]!, school.classA.pupils[2]!])
			expect(text).not.toContain(other.name);
		const width = await page.evaluate(() => document.documentElement.scrollWidth);
		expect(width).toBeLessThanOrEqual(phone.width);
		await expectAccessible(page);
		await screenshot(page, 'parent-home-summary');
		await page.screenshot({ path: 'test-results/parent-home-summary-full.png', fullPage: true });
	});

	it('a third child stays out of reach, even by guessing URLs', async () => {
		const third = [school.classA.pupils[0]!, school.classB.pupils[0]!];
		for (const child of third) {
			const res = await page.goto(`${server.url}/ouder/kind/${child.id}`);
			expect(res?.status()).toBe(404);
			expect(await page.locator('body').innerText()).not.toContain(child.name);
			for (const file of ['gegevens.csv', 'gegevens.json']) {
				const download = await page.request.get(`${server.url}/ouder/kind/${child.id}/${file}`);
				expect(download.status(), file).toBe(404);
				expect(await download.text()).not.toContain(child.name);
			}
		}
		// Their own child's download works with the same session.
		const own = await page.request.get(
			`${server.url}/ouder/kind/${school.classA.pupils[1]!.id}/gegevens.json`
		);
		expect(own.status()).toBe(200);
		// A parent can't open the teacher's pages either.
		expect(
			(await page.goto(`${server.url}/docent/klas/${school.classA.id}/ouders`))?.status()
		).toBe(403);
	});

	it('the privacyverklaring names what is stored', async () => {
		await page.goto(`${server.url}/privacy`);
		const text = await page.locator('main').innerText();
		for (const table of ['pupil', 'answer', 'lesson_progress', 'parent_pupil', 'deletion_request'])
			expect(text).toContain(table);
		await expectAccessible(page);
		await context.close();
	});
});
