// A groep 3-4 pupil on a Chromebook: from the class link to the end of a lesson with one tap
// per answer, big targets everywhere, focus that never falls to <body> after an answer, one
// live region that is there before the answer, and pages that reflow at 320 px.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { tapPictureCode } from '../helpers/login.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { expectAccessible, launch, screenshot, skipE2E } from '../helpers/browser.ts';
import { expectBigTargets, expectNoSidewaysScroll } from '../helpers/young.ts';
import { playLessonInBrowser } from '../helpers/play.ts';
import { fillAndSubmit } from '../helpers/form.ts';
import { isScored, type Lesson } from '../../src/lib/lessons/schema.ts';
import { answersInOneTap } from '../../src/lib/player/lesson-player.svelte.ts';
import { rightChoice, wrongChoices, choiceToForm } from '../../src/lib/activities/index.ts';

let server: TestServer;
let browser: Browser;
let school: SchoolFixture;
let lesson: Lesson;

async function logIn(page: Page, pupilIndex = 0) {
	const pupil = school.classA.pupils[pupilIndex]!;
	await page.goto(`${server.url}/klas/${school.classA.token}`);
	await page.getByRole('link', { name: pupil.name }).click();
	await page.locator('.grid button').first().waitFor();
	return pupil;
}

const tapCode = (page: Page, code: readonly string[]) => tapPictureCode(page, server.url, code);

describe.skipIf(skipE2E)('a groep 3-4 pupil', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
		// The groep 3-4 lesson with the most one-tap questions.
		lesson = realLibrary()
			.lessons.filter((l) => l.band === 'groep-3-4')
			.sort(
				(a, b) =>
					b.steps.filter((s) => answersInOneTap(b.band, s.type)).length -
					a.steps.filter((s) => answersInOneTap(a.band, s.type)).length
			)[0]!;
		school = await seedSchool(server.db, { lessonA: lesson.id, bandA: 'groep-3-4' });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('plays a lesson with one tap per answer', { timeout: 180_000 }, async () => {
		const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
		const page = await context.newPage();
		await logIn(page);
		await expectBigTargets(page);
		await expectAccessible(page);
		await tapCode(page, school.classA.pupils[0]!.code);
		await expectBigTargets(page);
		// Mijn lessen: this week's lesson first and biggest, with its picture, state and voice.
		const first = page.locator('ul.lessons > li').first();
		expect(await first.getAttribute('class')).toContain('featured');
		expect(await first.locator(`a[href="/leerling/les/${lesson.id}"] img`).count()).toBe(2);
		expect(await first.innerText()).toContain('Nieuw');
		expect(await first.getByRole('button', { name: `Lees voor: ${lesson.title}` }).count()).toBe(1);
		expect(
			await page
				.locator('ul.lessons > li')
				.evaluateAll((cards) => cards.every((c) => c.querySelector('a img[src^="/pictures/"]')))
		).toBe(true);
		await expectAccessible(page);
		await screenshot(page, 'young-mijn-lessen');
		await page.goto(`${server.url}/leerling/les/${lesson.id}`);
		await page.locator('[data-player="js"]').waitFor({ state: 'attached' });

		let checkedWrong = false;
		for (;;) {
			const stepId = await page.locator('article.step').getAttribute('data-step');
			const index = lesson.steps.findIndex((s) => s.id === stepId);
			const step = lesson.steps[index]!;
			await expectBigTargets(page);
			if (step.type === 'afsluiting') break;
			if (isScored(step)) {
				// The live region is there, empty, before the pupil answers.
				const live = page.locator('form#answer [role="status"]#feedback');
				await expect.poll(() => live.count()).toBe(1);
				expect((await live.innerText()).trim()).toBe('');
				if (answersInOneTap(lesson.band, step.type)) {
					expect(await page.getByRole('button', { name: /Kijk na/ }).count()).toBe(0);
					const tap = async (choice: Parameters<typeof choiceToForm>[1]) => {
						const [, value] = choiceToForm(step, choice)[0]!;
						await page.locator(`button[name="choice"][value="${value}"]`).click();
					};
					if (!checkedWrong && wrongChoices(step).length) {
						const wrong = wrongChoices(step)[0]!;
						await tap(wrong);
						await expect.poll(() => live.innerText()).toContain('Nog niet goed');
						// The wrong option stays marked, focus went to the explanation.
						const [, value] = choiceToForm(step, wrong)[0]!;
						await expect
							.poll(() => page.locator(`button[value="${value}"]`).innerText())
							.toContain('dit koos jij');
						expect(await page.evaluate(() => document.activeElement?.id)).toBe('feedback');
						await expectAccessible(page);
						await screenshot(page, 'young-wrong');
						checkedWrong = true;
					}
					await tap(rightChoice(step));
					await expect.poll(() => live.innerText()).toContain('Goed zo');
					// One tap answered it: focus waits on "Verder".
					await expect
						.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim()))
						.toContain('Verder');
				} else {
					await playOne(page, step);
					await expect.poll(() => live.innerText()).toContain('Goed zo');
					expect(await page.evaluate(() => document.activeElement?.tagName)).not.toBe('BODY');
				}
				await expectAccessible(page);
			}
			await page.getByRole('button', { name: /Verder/ }).click();
			await page.locator(`article.step[data-step="${lesson.steps[index + 1]!.id}"]`).waitFor();
		}
		expect(checkedWrong).toBe(true);
		await expectAccessible(page);
		await context.close();
	});

	it('needs no sideways scroll at 320 px', { timeout: 180_000 }, async () => {
		const context = await browser.newContext({ viewport: { width: 320, height: 640 } });
		const page = await context.newPage();
		await logIn(page, 1);
		await expectNoSidewaysScroll(page);
		await page.goto(`${server.url}/klas/${school.classA.token}`);
		await expectNoSidewaysScroll(page);
		await page.getByRole('link', { name: school.classA.pupils[1]!.name }).click();
		await tapCode(page, school.classA.pupils[1]!.code);
		await expectNoSidewaysScroll(page);
		// An answer the server refuses is said in the status line, not dropped in silence.
		await page.evaluate(
			({ key, lessonId }) =>
				localStorage.setItem(
					key,
					JSON.stringify([
						{
							kind: 'answer',
							clientId: crypto.randomUUID(),
							lessonId,
							stepId: 'bestaat-niet',
							choice: { type: 'scenario', option: 'x' }
						}
					])
				),
			{ key: `denkna-outbox:${school.classA.pupils[1]!.id}`, lessonId: lesson.id }
		);
		await page.reload();
		await expect
			.poll(() => page.locator('header .save').innerText())
			.toContain('1 antwoord kon niet worden opgeslagen');
		await expectNoSidewaysScroll(page);
		await page.goto(`${server.url}/leerling/les/${lesson.id}`);
		await page.locator('[data-player="js"]').waitFor({ state: 'attached' });
		await playLessonInBrowser(page, lesson, {
			axe: false,
			onStep: async () => expectNoSidewaysScroll(page)
		});
		await screenshot(page, 'young-320-end');
		await context.close();
	});
});

async function playOne(page: Page, step: Parameters<typeof rightChoice>[0]) {
	await fillAndSubmit(page.locator('form#answer'), step, rightChoice(step));
}
