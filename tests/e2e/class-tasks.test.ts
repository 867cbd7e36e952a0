// Class tasks in Chromium: rename a pupil, delete one after a confirmation (also without
// JavaScript), a co-teacher; and the teacher pages reflow at 320 px (WCAG 1.4.10).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { answerLesson } from '../helpers/answers.ts';
import { signIn } from '../helpers/login.ts';
import { expectAccessible, launch, screenshot, skipE2E } from '../helpers/browser.ts';
import { assignLesson } from '../../src/lib/server/classes.ts';
import { createKoppelcode } from '../../src/lib/server/parents.ts';
import { isScored } from '../../src/lib/lessons/schema.ts';

const viewport = { width: 1366, height: 768 };
let server: TestServer;
let browser: Browser;
let school: SchoolFixture;
let classUrl = '';

describe.skipIf(skipE2E)('class tasks in Chromium', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
		school = await seedSchool(server.db, { tag: 'taken' });
		classUrl = `${server.url}/docent/klas/${school.classA.id}`;
		const lesson = realLibrary().lessons.find(
			(l) => l.band === 'groep-5-6' && l.steps.some(isScored)
		)!;
		await assignLesson(server.db, school.classA.id, lesson.id, school.teacherA.id);
		for (const pupil of school.classA.pupils) await answerLesson(server.db, pupil.id, lesson);
		for (const pupil of school.classA.pupils.slice(1))
			await createKoppelcode(server.db, pupil.id, school.teacherA.id);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	async function teacherPage(email = school.teacherA.email, options = {}): Promise<Page> {
		const page = await browser.newPage({ viewport, ...options });
		await signIn(page, server.url, email);
		return page;
	}

	it('renames a pupil on the pupil page, with Dutch messages for an empty name and a clash', async () => {
		const page = await teacherPage();
		const noah = school.classA.pupils[1]!;
		await page.goto(`${classUrl}/leerling/${noah.id}`, { waitUntil: 'networkidle' });
		const field = page.getByLabel('Naam van de leerling');
		const save = page.getByRole('button', { name: 'Naam opslaan' });

		await field.fill('   ');
		await save.click();
		await expect
			.poll(() => page.getByRole('alert').innerText())
			.toBe('Vul de naam van de leerling in.');
		await field.fill(school.classA.pupils[2]!.name);
		await save.click();
		await expect
			.poll(() => page.getByRole('alert').innerText())
			.toContain(`Er zit al een leerling met de naam ${school.classA.pupils[2]!.name}`);
		await expectAccessible(page);

		await field.fill('Noah  Ja.');
		await save.click();
		await expect
			.poll(() => page.getByRole('status').innerText())
			.toBe(`${noah.name} heet nu Noah Ja.`);
		await expect.poll(() => page.locator('h1').innerText()).toContain('Noah Ja.');
		// Focus stays in the form, not on <body>.
		expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
		await page.close();
	});

	it('renames from the class page', async () => {
		const page = await teacherPage();
		const aya = school.classA.pupils[2]!;
		await page.goto(classUrl, { waitUntil: 'networkidle' });
		await page.getByText('Naam wijzigen', { exact: true }).first().click();
		// Rows are in Dutch order: Aya E. first.
		await page.getByLabel(`Nieuwe naam voor ${aya.name}`).fill('Aya E.A.');
		await page.getByRole('button', { name: 'Naam opslaan' }).first().click();
		await expect
			.poll(() => page.getByRole('status').first().innerText())
			.toBe(`${aya.name} heet nu Aya E.A.`);
		await page.close();
	});

	it('deletes a pupil after a confirmation naming them, without JavaScript too', async () => {
		const emma = school.classA.pupils[0]!;
		const confirmUrl = `${classUrl}/leerling/${emma.id}/verwijderen`;
		let page = await teacherPage();
		await page.goto(confirmUrl, { waitUntil: 'networkidle' });
		await expectAccessible(page);
		await page.close();

		page = await teacherPage(school.teacherA.email, { javaScriptEnabled: false });
		await page.goto(classUrl);
		await page.getByRole('link', { name: `Verwijderen: ${emma.name}` }).click();
		await page.waitForURL(confirmUrl);
		expect(await page.locator('h2').first().innerText()).toBe(
			`Weet je zeker dat je ${emma.name} en alles wat ${emma.name} deed wilt verwijderen?`
		);
		const text = await page.locator('main').innerText();
		expect(text).toMatch(/\d+ antwoorden in lessen/);
		expect(text).toContain('1 koppeling met ouders');
		await screenshot(page, 'class-tasks-delete-confirm');

		// Without the tick the server refuses (the browser's own check aside).
		const refused = await page.context().request.post(`${confirmUrl}?/delete`, {
			form: {},
			headers: { origin: server.url },
			maxRedirects: 0
		});
		expect(await refused.text()).toContain('Zet eerst een vinkje');
		expect(await pupilExists(emma.id)).toBe(true);

		await page.getByLabel(`Ja, verwijder ${emma.name} en alle gegevens`).check();
		await page.getByRole('button', { name: `Verwijder ${emma.name}` }).click();
		await page.waitForURL(`${classUrl}?verwijderd=1`);
		expect(await page.getByRole('status').first().innerText()).toContain('zijn verwijderd');
		expect(await page.locator('main').innerText()).not.toContain(emma.name);
		expect(await pupilExists(emma.id)).toBe(false);
		const answers = await server.db
			.selectFrom('answer')
			.select('id')
			.where('pupil_id', '=', emma.id)
			.execute();
		expect(answers).toHaveLength(0);
		await page.close();
	});

	it('a teacher of another class gets 404 on the delete page and cannot delete', async () => {
		const page = await teacherPage(school.teacherB.email);
		const noah = school.classA.pupils[1]!;
		const res = await page.goto(`${classUrl}/leerling/${noah.id}/verwijderen`);
		expect(res?.status()).toBe(404);
		await page.close();
		expect(await pupilExists(noah.id)).toBe(true);
	});

	it('adds a co-teacher of the school, who then sees the class, and removes them again', async () => {
		const page = await teacherPage();
		await page.goto(classUrl, { waitUntil: 'networkidle' });
		await page.getByLabel('Nog een leraar (duobaan)').selectOption({ label: 'Meester B' });
		await page.getByRole('button', { name: 'Voeg toe' }).click();
		await expect
			.poll(() => page.getByRole('status').first().innerText())
			.toBe('Meester B geeft nu ook les aan Groep 5a.');
		expect(await page.locator('p.hint').first().innerText()).toContain(
			'Leraren: Juf A en Meester B'
		);
		// Focus stays with the form that acted, not on <body>.
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Voeg toe');
		await expectAccessible(page);

		const coTeacher = await teacherPage(school.teacherB.email);
		expect((await coTeacher.goto(classUrl))?.status()).toBe(200);
		await coTeacher.close();

		await page.getByRole('button', { name: 'Haal van de klas: Meester B' }).click();
		await expect
			.poll(() => page.getByRole('status').first().innerText())
			.toBe('Meester B geeft geen les meer aan Groep 5a.');
		// The last teacher has no button to leave.
		expect(await page.getByRole('button', { name: 'Haal van de klas: Juf A' }).count()).toBe(0);
		await page.close();
	});

	it('the teacher pages reflow at 320 px: no sideways scrolling of the page', async () => {
		const page = await teacherPage(school.teacherA.email, {
			viewport: { width: 320, height: 640 }
		});
		const noah = school.classA.pupils[1]!;
		const pages = {
			klas: classUrl,
			dashboard: `${classUrl}/dashboard`,
			leerling: `${classUrl}/leerling/${noah.id}`,
			verwijderen: `${classUrl}/leerling/${noah.id}/verwijderen`,
			inlogkaarten: `${classUrl}/inlogkaarten`,
			ouders: `${classUrl}/ouders`,
			docent: `${server.url}/docent`
		};
		const widths: Record<string, number> = {};
		for (const [name, url] of Object.entries(pages)) {
			await page.goto(url, { waitUntil: 'networkidle' });
			widths[name] = await page.evaluate(() => document.documentElement.scrollWidth);
			await screenshot(page, `reflow-320-${name}`);
			await expectAccessible(page);
		}
		console.log('scrollWidth at 320 px:', widths);
		for (const [name, width] of Object.entries(widths))
			expect(width, name).toBeLessThanOrEqual(320);
		await page.close();
	});
});

async function pupilExists(id: number) {
	return !!(await server.db
		.selectFrom('pupil')
		.select('id')
		.where('id', '=', id)
		.executeTakeFirst());
}
