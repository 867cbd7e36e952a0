// The school admin makes the school's own protocol in the browser, from a template, adds a rule
// for groep 5-6 and puts it live; a pupil of that school reads it on the "Op jouw school" card
// and the parent on the home summary.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { signIn as signInAs, tapPictureCode } from '../helpers/login.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { expectAccessible, launch, screenshot, skipE2E } from '../helpers/browser.ts';

const viewport = { width: 1366, height: 768 };
const RULE = "Je telefoon gaat 's ochtends in de telefoontas bij de deur";
const LESSON = 'g56-telefoon-en-schermtijd';
let server: TestServer;
let browser: Browser;
let school: SchoolFixture;

describe.skipIf(skipE2E)('the protocol editor in Chromium', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
		school = await seedSchool(server.db, { tag: 'pe', lessonA: LESSON });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	const signIn = (page: Page, email: string) => signInAs(page, server.url, email);

	it('an admin makes the protocol from a template, adds a groep 5-6 rule and puts it live', async () => {
		const page = await browser.newPage({ viewport });
		const started = Date.now();
		await signIn(page, school.admin.email);
		await page.goto(`${server.url}/docent/school`);
		await page.getByRole('link', { name: 'Eigen protocol maken of bewerken' }).click();
		await page.getByLabel(/Algemene DenkNa-regels/).check();
		await page.getByRole('button', { name: 'Protocol maken' }).click();
		await page.getByRole('status').filter({ hasText: 'Het protocol is gemaakt' }).waitFor();
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Regel toevoegen' }).click();
		await page.getByLabel('De regel zoals een leerling hem leest').fill(RULE);
		await page.getByLabel('Onderwerp').selectOption('telefoon');
		await page.getByLabel('Bron: document en paragraaf').fill('Schoolgids 2026, telefoonafspraken');
		await page.getByRole('checkbox', { name: 'Groep 3-4' }).uncheck();
		await page.getByRole('checkbox', { name: 'Groep 7-8' }).uncheck();
		const reasons = page.getByLabel('Als de regel hier niet geldt: waarom niet?');
		await reasons.nth(0).fill('Groep 3-4 heeft geen telefoon mee.');
		await reasons.nth(2).fill('Groep 7-8 heeft een eigen telefoonafspraak.');
		await reasons.nth(3).fill('Wij zijn een basisschool.');
		await page.getByRole('button', { name: 'Voorbeeld zonder op te slaan' }).click();
		const preview = page.locator('section[aria-labelledby="preview"]');
		await preview
			.getByRole('heading', { name: 'Zo ziet een leerling van groep 5-6 dit' })
			.waitFor();
		await expect(preview.innerText()).resolves.toContain(RULE);
		await expectAccessible(page);
		await screenshot(page, 'protocol-rule-preview');
		await page.getByRole('button', { name: 'Opslaan', exact: true }).click();
		await page.waitForURL(`${server.url}/docent/school/protocol#**`);
		await page.locator('p.text', { hasText: RULE }).waitFor();

		await page.getByRole('link', { name: 'Voorbeeld: zo ziet een leerling dit' }).click();
		await page.getByRole('heading', { name: 'Zo ziet een leerling van groep 5-6 dit' }).waitFor();
		await expect(page.locator('main').innerText()).resolves.toContain(RULE);
		await expectAccessible(page);
		await screenshot(page, 'protocol-preview-pupil');
		await page.getByRole('link', { name: '← Terug naar het protocol' }).click();

		await page.getByRole('button', { name: 'Zet live' }).click();
		await page.getByRole('status').filter({ hasText: 'Het protocol staat live' }).waitFor();
		console.log(`admin: template to live protocol with a new rule in ${Date.now() - started} ms`);
		await screenshot(page, 'protocol-editor');

		await page.getByRole('link', { name: 'Welke lessen leren deze regels?' }).click();
		const band = page.getByRole('region', { name: 'Groep 5-6' });
		const item = band.getByRole('listitem').filter({ hasText: RULE });
		await expect(item.innerText()).resolves.toContain('Geleerd in: ');
		await expect(item.innerText()).resolves.toContain(realLibrary().lessonById.get(LESSON)!.title);
		await expectAccessible(page);
		await screenshot(page, 'protocol-coverage');
		await page.close();
	});

	it('a pupil of the school sees the rule on the Op jouw school card', async () => {
		const lesson = realLibrary().lessonById.get(LESSON)!;
		const index = lesson.steps.findIndex((s) => s.type === 'op-jouw-school');
		const pupil = school.classA.pupils[0]!;
		const now = Date.now();
		await server.db
			.insertInto('lesson_progress')
			.values({
				pupil_id: pupil.id,
				lesson_id: LESSON,
				lesson_version: lesson.version,
				step_index: index,
				started_at: now,
				completed_at: null,
				updated_at: now
			})
			.execute();
		const page = await browser.newPage({ viewport });
		await page.goto(`${server.url}/klas/${school.classA.token}`);
		await page.getByRole('link', { name: pupil.name }).click();
		await page.getByText('Tik jouw 3 plaatjes').waitFor();
		await tapPictureCode(page, server.url, pupil.code);
		await page.goto(`${server.url}/leerling/les/${LESSON}`);
		const card = page.locator(`article.step[data-step="${lesson.steps[index]!.id}"]`);
		await card.waitFor();
		await expect(card.innerText()).resolves.toContain(RULE);
		await expectAccessible(page);
		await screenshot(page, 'protocol-pupil-card');
		await page.close();
	});

	it('the parent sees it on the home summary', async () => {
		const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
		await signIn(page, school.parent.email);
		await page.goto(`${server.url}/ouder/kind/${school.classA.pupils[0]!.id}`);
		const rules = page.locator('section[aria-labelledby="rules"]');
		await expect(rules.innerText()).resolves.toContain(RULE);
		await screenshot(page, 'protocol-parent');
		await page.close();
	});
});
