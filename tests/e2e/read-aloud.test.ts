// Read-aloud for pupils who can't read well yet. Headless Chromium has no voices, so the
// browser's speechSynthesis is replaced by a Dutch test voice that records what it says.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pupilSignIn } from '../helpers/login.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { seedSchool, PASSWORD, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { expectAccessible, launch, skipE2E } from '../helpers/browser.ts';
import type { Lesson } from '../../src/lib/lessons/schema.ts';

let server: TestServer;
let browser: Browser;
let school: SchoolFixture;
let lesson: Lesson;

const fakeDutchVoice = () => {
	const w = window as unknown as Record<string, unknown>;
	const spoken: string[] = [];
	w.spoken = spoken;
	const voice = {
		lang: 'nl-NL',
		name: 'Test Nederlands',
		default: true,
		localService: true,
		voiceURI: 'test-nl'
	};
	w.SpeechSynthesisUtterance = class {
		text: string;
		constructor(text: string) {
			this.text = text;
		}
	};
	Object.defineProperty(window, 'speechSynthesis', {
		value: {
			getVoices: () => [voice],
			speak: (u: { text: string }) => spoken.push(u.text),
			cancel: () => {},
			addEventListener: () => {},
			removeEventListener: () => {}
		}
	});
};

async function pupilContext(
	index: number,
	voice: boolean
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
	if (voice) await context.addInitScript(fakeDutchVoice);
	const page = await context.newPage();
	const pupil = school.classA.pupils[index]!;
	await pupilSignIn(page, server.url, school.classA.token, pupil);
	await page.getByRole('link', { name: `Begin: ${lesson.title}` }).click();
	await page.locator('[data-player="js"]').waitFor({ state: 'attached' });
	return { context, page };
}

const spoken = (page: Page) =>
	page.evaluate(() => (window as unknown as { spoken: string[] }).spoken);

describe.skipIf(skipE2E)('read-aloud', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
		lesson = realLibrary().lessons.find(
			(l) =>
				l.band === 'groep-3-4' && l.steps[0]!.type === 'uitleg' && l.steps[1]!.type === 'scenario'
		)!;
		school = await seedSchool(server.db, { lessonA: lesson.id, bandA: 'groep-3-4' });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('groep 3-4 hears every step read aloud, and every option has its own button', async () => {
		const { context, page } = await pupilContext(0, true);
		const first = lesson.steps[0]!;
		if (first.type !== 'uitleg') throw new Error('fixture');
		await expect.poll(() => spoken(page)).toContain(first.title);
		await page.getByRole('button', { name: /Verder/ }).click();
		const second = lesson.steps[1]!;
		if (second.type !== 'scenario') throw new Error('fixture');
		await expect.poll(() => spoken(page)).toContain(second.question);
		await expectAccessible(page);

		const option = second.options[0]!;
		await page.getByRole('button', { name: `Lees voor: ${option.text}` }).click();
		expect((await spoken(page)).at(-1)).toBe(option.text);

		// Answering reads the feedback out too.
		// Groep 3-4 answers with one tap on the option.
		await page.locator(`button[name="choice"][value="${option.id}"]`).click();
		await expect.poll(() => spoken(page)).toContain(option.feedback);
		await page.getByRole('button', { name: 'Lees voor: uitleg' }).click();
		expect((await spoken(page)).at(-1)).toBe(option.feedback);
		await context.close();
	});

	it('the teacher can switch automatic reading off; the buttons stay', async () => {
		const teacher = await browser.newPage({ viewport: { width: 1366, height: 768 } });
		await teacher.goto(`${server.url}/login`);
		await teacher.getByLabel('E-mailadres').fill(school.teacherA.email);
		await teacher.getByLabel('Wachtwoord').fill(PASSWORD);
		await teacher.getByRole('button', { name: 'Inloggen' }).click();
		await teacher.waitForURL(`${server.url}/docent`);
		await teacher.goto(`${server.url}/docent/klas/${school.classA.id}`);
		// This browser has no Dutch voice: the class page says so and how to install one.
		await teacher.getByRole('heading', { name: 'Voorlezen werkt niet op deze computer' }).waitFor();
		expect(await teacher.locator('.no-voice').innerText()).toContain('Tekst-naar-spraak');
		await teacher.getByRole('button', { name: 'Zet uit' }).click();
		await teacher.getByText('Automatisch voorlezen staat uit.').waitFor();
		await teacher.close();

		const { context, page } = await pupilContext(1, true);
		await page.getByRole('button', { name: 'Lees voor', exact: true }).waitFor();
		await page.waitForTimeout(500);
		expect(await spoken(page)).toEqual([]);
		await context.close();
	});

	it('without a Dutch voice the read-aloud button stays, disabled, and says why', async () => {
		const { context, page } = await pupilContext(2, false);
		await page.locator('article.step').waitFor();
		const button = page.getByRole('button', { name: 'Lees voor', exact: true });
		await button.waitFor();
		expect(await button.isDisabled()).toBe(true);
		expect(await page.locator('article.step').innerText()).toContain('geen Nederlandse stem');
		await context.close();
	});
});
