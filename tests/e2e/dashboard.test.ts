// The teacher's side in a real browser: a class from a CSV export, login cards printed on A4,
// a lesson assigned; after the pupils answer, the misconception and the mastery per kerndoel.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { PASSWORD, seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { answerLesson } from '../helpers/answers.ts';
import { expectAccessible, launch, screenshot, skipE2E } from '../helpers/browser.ts';
import { wrongChoices } from '../../src/lib/activities/index.ts';
import { isScored, sectorOf, type Lesson, type StepOf } from '../../src/lib/lessons/schema.ts';

const viewport = { width: 1366, height: 768 };
let server: TestServer;
let browser: Browser;
let school: SchoolFixture;
let lesson: Lesson;
let classUrl = '';

const CSV =
	'\uFEFFLeerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum\r\n' +
	'2001;Fenna;van;Dijk;02-03-2016\r\n' +
	'2002;Omar;;Kaya;11-07-2016\r\n' +
	'2003;Lieke;de;Boer;23-09-2016\r\n' +
	'2004;Gijs;;Postma;30-12-2016\r\n';

describe.skipIf(skipE2E)('teacher dashboard in Chromium', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
		school = await seedSchool(server.db);
		lesson = realLibrary().lessons.find(
			(l) => l.band === 'groep-5-6' && l.steps.some((s) => s.type === 'scenario')
		)!;
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	async function login(page: Page, email: string) {
		// Wait for hydration: it would reset fields typed into the server-rendered form.
		await page.goto(`${server.url}/login`, { waitUntil: 'networkidle' });
		await page.getByLabel('E-mailadres').fill(email);
		await page.getByLabel('Wachtwoord').fill(PASSWORD);
		await page.getByRole('button', { name: 'Inloggen' }).click();
		await page.waitForURL(`${server.url}/docent`);
	}

	it('a teacher imports a class from CSV, prints login cards and assigns a lesson', async () => {
		let page = await browser.newPage({ viewport });
		await login(page, school.teacherA.email);
		await page.getByLabel('Naam').fill('Groep 6c');
		await page.getByLabel('Leeftijdsgroep').selectOption('groep-5-6');
		await page.getByRole('button', { name: 'Klas maken' }).click();
		await page.waitForURL(/\/docent\/klas\/\d+$/);
		classUrl = page.url();

		await page.getByLabel('Of lees een CSV-bestand in').setInputFiles({
			name: 'klaslijst.csv',
			mimeType: 'text/csv',
			buffer: Buffer.from(CSV, 'utf8')
		});
		await page.getByRole('button', { name: 'CSV inlezen' }).click();
		await expect
			.poll(() => page.getByRole('status').first().innerText())
			.toContain('4 leerlingen toegevoegd: Fenna D., Omar K., Lieke B., Gijs P.');
		// Only first name and initial are stored: nothing else from the file.
		const stored = await server.db
			.selectFrom('pupil')
			.innerJoin('class', 'class.id', 'pupil.class_id')
			.select('pupil.display_name')
			.where('class.name', '=', 'Groep 6c')
			.orderBy('pupil.display_name')
			.execute();
		expect(stored.map((p) => p.display_name)).toEqual([
			'Fenna D.',
			'Gijs P.',
			'Lieke B.',
			'Omar K.'
		]);
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Klaslink en inlogkaarten' }).click();
		await page.locator('.qr svg').waitFor();
		expect(await page.locator('.pupil-card').count()).toBe(4);
		await expectAccessible(page);
		// Printed on A4: the class card and four pupil cards fit on one sheet, without the menus.
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('header.bar').isVisible()).toBe(false);
		expect(await page.getByRole('button', { name: 'Printen' }).isVisible()).toBe(false);
		const pdf = await page.pdf({ format: 'A4', printBackground: true });
		const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? [];
		expect(pages.length).toBe(1);
		await page.emulateMedia({ media: 'screen' });
		await screenshot(page, 'teacher-csv-login-cards');

		await page.close();

		page = await browser.newPage({ viewport });
		await login(page, school.teacherA.email);
		await page.goto(classUrl);
		await page
			.locator('.lesson-list li', { hasText: lesson.title })
			.getByRole('button', { name: /Zet klaar/ })
			.click();
		await expect
			.poll(() => page.getByRole('status').first().innerText())
			.toContain('De les staat klaar voor de klas.');
		await page
			.locator('.lesson-list li', { hasText: lesson.title })
			.getByRole('button', { name: /Haal weg/ })
			.waitFor();
		await expectAccessible(page);
		await page.close();
	});

	it('after the pupils answer, the teacher sees the misconception and the mastery per kerndoel', async () => {
		const classId = Number(classUrl.split('/').at(-1));
		const pupils = await server.db
			.selectFrom('pupil')
			.select(['id', 'display_name'])
			.where('class_id', '=', classId)
			.orderBy('display_name')
			.execute();
		const scenario = lesson.steps.find((s) => s.type === 'scenario') as StepOf<'scenario'>;
		const wrong = wrongChoices(scenario)[0]!;
		const wrongOption = scenario.options.find(
			(o) => wrong.type === 'scenario' && o.id === wrong.option
		)!;
		// Two of four pick the same wrong option at the first scenario: 50%.
		for (const [i, pupil] of pupils.entries())
			await answerLesson(server.db, pupil.id, lesson, (step) =>
				i < 2 && step.id === scenario.id ? wrong : null
			);

		const page = await browser.newPage({ viewport });
		await login(page, school.teacherA.email);
		await page.goto(classUrl);
		await page.getByRole('link', { name: 'Wat begrijpt de klas?' }).click();
		await page.waitForURL(`${classUrl}/dashboard`);

		// The first screen (1366×768, no scrolling): who needs me, what went wrong, what next.
		for (const name of ['Wie heeft mij nodig?', 'Wat ging er mis?', 'Wat nu?']) {
			const box = await page.getByRole('heading', { name, level: 2 }).boundingBox();
			expect(box, name).not.toBeNull();
			expect(box!.y + box!.height, name).toBeLessThan(viewport.height);
		}
		const top = page.locator('section', {
			has: page.getByRole('heading', { name: 'Wat ging er mis?' })
		});
		const first = top.locator('article.misconception').first();
		await expect.poll(() => first.innerText()).toContain(wrongOption.text);
		const firstText = await first.innerText();
		expect(firstText).toContain('2 van 4 kozen');
		expect(firstText).toContain(wrongOption.feedback.trim());
		expect(firstText).toContain(lesson.discussion[0]!.trim());
		expect((await first.boundingBox())!.y).toBeLessThan(viewport.height);

		// All misconceptions, folded per lesson, with the lesson's prompts once.
		const group = page.locator(`details.lesson-group[data-lesson="${lesson.id}"]`);
		await group.locator('summary').click();
		const card = group.locator('article.misconception').first();
		const text = await card.innerText();
		expect(text).toContain('2 van 4');
		expect(text).toContain(wrongOption.feedback.trim());
		expect(await group.innerText()).toContain(lesson.discussion[0]!.trim());
		const prompts = await group.getByText(lesson.discussion[0]!.trim()).count();
		expect(prompts).toBe(1);
		const height = await page.evaluate(() => document.documentElement.scrollHeight);
		console.log(`dashboard height with one lesson group open: ${height} px`);

		const goal = realLibrary().goalById.get(scenario.goals?.[0] ?? lesson.goals[0]!)!;
		const row = page
			.locator('section', { has: page.getByRole('heading', { name: 'Per kerndoel', exact: true }) })
			.getByRole('row', { name: new RegExp(`${goal.code[sectorOf(lesson.band)]} `) })
			.first();
		expect(await row.innerText()).toContain(goal.title);
		expect(await page.getByText('Hoe DenkNa beheersing meet').count()).toBe(1);
		const scored = lesson.steps.filter(isScored).length;
		expect(await page.getByRole('img', { name: /Beheerst: \d+/ }).count()).toBeGreaterThan(0);
		expect(scored).toBeGreaterThan(0);
		await expectAccessible(page);
		await screenshot(page, 'teacher-dashboard');

		await group.getByRole('link', { name: 'Alle antwoorden in deze les' }).click();
		await page.getByRole('heading', { name: lesson.title, level: 1 }).waitFor();
		await expectAccessible(page);

		const download = page.waitForEvent('download');
		await page.goto(`${classUrl}/dashboard`);
		await page.getByRole('link', { name: 'CSV (Excel)', exact: true }).click();
		const file = await (await download).path();
		const { readFileSync } = await import('node:fs');
		const csv = readFileSync(file, 'utf8');
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(csv).toContain('Fenna D.;Klaar');
		await page.close();
	});

	it('the school admin sees the overview per kerndoel and chooses the protocol', async () => {
		const page = await browser.newPage({ viewport });
		await login(page, school.admin.email);
		await page.getByRole('link', { name: 'School', exact: true }).click();
		await page.getByRole('heading', { name: /Kerndoelen digitale geletterdheid/ }).waitFor();
		expect(await page.getByRole('link', { name: 'Groep 6c' }).count()).toBe(1);
		await expectAccessible(page);
		await page.getByLabel(/Algemene DenkNa-regels/).check();
		await page.getByRole('button', { name: 'Protocol opslaan' }).click();
		await expect
			.poll(() => page.getByRole('status').first().innerText())
			.toContain('De lessen tonen nu de regels van dit protocol.');
		const { protocol_id } = await server.db
			.selectFrom('school')
			.select('protocol_id')
			.where('id', '=', school.schoolId)
			.executeTakeFirstOrThrow();
		expect(protocol_id).toBe('generiek');

		await page.getByLabel('Leraar uitnodigen (e-mailadres)').fill('meester.nieuw@school.test');
		await page.getByRole('button', { name: 'Maak uitnodiging' }).click();
		const link = await page.locator('code.link').innerText();
		expect(link).toMatch(/\/uitnodiging\/[a-z2-7]+$/);
		await expectAccessible(page);
		await page.close();

		const invited = await browser.newPage({ viewport });
		await invited.goto(link, { waitUntil: 'networkidle' });
		await expectAccessible(invited);
		await invited.getByLabel(/Je naam/).fill('Meester Nieuw');
		await invited.getByLabel('Kies een wachtwoord').fill(PASSWORD);
		await invited.getByRole('button', { name: 'Account maken' }).click();
		await invited.waitForURL(`${server.url}/docent`);
		await invited.getByRole('heading', { name: 'Mijn klassen' }).waitFor();
		await invited.close();
	});
});
