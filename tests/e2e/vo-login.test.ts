// A vo class (12-15) logs in with the neutral pictures and is spoken to as teenagers; the
// teacher can switch the class to the other set and every code keeps working.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { pupilSignIn, signIn } from '../helpers/login.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { expectAccessible, launch, screenshot, skipE2E } from '../helpers/browser.ts';
import { expectNoSidewaysScroll } from '../helpers/young.ts';
import { codePictures } from '../../src/lib/pictures.ts';

let server: TestServer;
let browser: Browser;
let school: SchoolFixture;

describe.skipIf(skipE2E)('a vo class', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
		school = await seedSchool(server.db, { bandA: 'vo-1-3', tag: 'vo' });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('logs in with the neutral pictures and its code', { timeout: 120_000 }, async () => {
		const pupil = school.classA.pupils[0]!;
		const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
		const page = await context.newPage();
		await page.goto(`${server.url}/klas/${school.classA.token}`);
		await page.getByText('Kies je naam.').waitFor();
		expect(await page.getByText('Tik op jouw naam').count()).toBe(0);
		await expectAccessible(page);
		await page.getByRole('link', { name: pupil.name }).click();
		await page.getByText('Kies je 3 plaatjes in de goede volgorde.').waitFor();
		const grid = page.getByRole('group', { name: /Kies je 3 plaatjes/ });
		expect(await grid.getByRole('button').evaluateAll((bs) => bs.map((b) => b.ariaLabel))).toEqual(
			codePictures('neutraal').map((p) => p.label)
		);
		expect(await page.getByRole('button', { name: 'appel', exact: true }).count()).toBe(0);
		await expectAccessible(page);
		await screenshot(page, 'vo-code-page');

		// A wrong code: the message asks the docent, not the juf or meester.
		for (const label of ['anker', 'anker', 'anker'])
			await page.getByRole('button', { name: label, exact: true }).click();
		await page.getByRole('alert').waitFor();
		expect(await page.getByRole('alert').innerText()).toContain('Dat was niet jouw code');

		await pupilSignIn(page, server.url, school.classA.token, pupil, 'neutraal');
		await page.getByRole('heading', { name: 'Van je docent' }).waitFor();
		expect(await page.locator('main').innerText()).not.toMatch(/juf of meester/);
		await expectAccessible(page);
		await context.close();
	});

	it('pages fit 320 px', async () => {
		const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
		const page = await context.newPage();
		await page.goto(`${server.url}/klas/${school.classA.token}`);
		await expectNoSidewaysScroll(page);
		await page.getByRole('link', { name: school.classA.pupils[1]!.name }).click();
		await page.getByText('Kies je 3 plaatjes in de goede volgorde.').waitFor();
		await expectNoSidewaysScroll(page);
		await context.close();
	});

	it('the teacher switches the set; the codes stay the same places', async () => {
		const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
		const page = await context.newPage();
		await signIn(page, server.url, school.teacherA.email);
		await page.goto(`${server.url}/docent/klas/${school.classA.id}`);
		const themes = page.getByRole('group', { name: 'Plaatjes om in te loggen' });
		expect(await themes.getByRole('radio', { name: /Neutraal/ }).isChecked()).toBe(true);
		await themes.getByRole('radio', { name: /Speels/ }).check();
		await page.getByRole('button', { name: 'Plaatjes opslaan' }).click();
		const done = page.getByRole('status').filter({ hasText: 'print nieuwe inlogkaarten' });
		await done.waitFor();
		await expectAccessible(page);
		await screenshot(page, 'vo-teacher-login-theme');
		await done.getByRole('link', { name: 'Print de inlogkaarten' }).click();
		await page.getByRole('heading', { name: 'Klaslink en inlogkaarten' }).waitFor();
		const pupil = school.classA.pupils[1]!;
		const card = page.getByLabel(`Code van ${pupil.name}`);
		const first = codePictures('speels').find((p) => p.id === pupil.code[0])!;
		expect(await card.innerText()).toContain(`1. ${first.label}`);
		await context.close();

		const pupilContext = await browser.newContext({ viewport: { width: 1366, height: 768 } });
		const pupilPage = await pupilContext.newPage();
		await pupilSignIn(pupilPage, server.url, school.classA.token, pupil, 'speels');
		await pupilContext.close();
	});
});
