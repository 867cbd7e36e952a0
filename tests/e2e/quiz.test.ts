// The band quiz as voortoets and natoets, and the band diploma once every lesson is done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { expectAccessible, launch, screenshot, skipE2E } from '../helpers/browser.ts';
import { codePictureById } from '../../src/lib/pictures.ts';
import type { Quiz, QuizQuestion } from '../../src/lib/lessons/schema.ts';
import { rightChoice, wrongChoices } from '../../src/lib/activities/index.ts';
import type { Choice } from '../../src/lib/activities/index.ts';
import { playLesson, seededRandom } from '../../scripts/lib/seed.ts';

let server: TestServer;
let browser: Browser;
let school: SchoolFixture;
let quiz: Quiz;

async function login(page: Page, index: number) {
	const pupil = school.classA.pupils[index]!;
	await page.goto(`${server.url}/klas/${school.classA.token}`);
	await page.getByRole('link', { name: pupil.name }).click();
	for (const id of pupil.code)
		await page.getByRole('button', { name: codePictureById.get(id)!.label, exact: true }).click();
	await page.waitForURL(`${server.url}/leerling`);
	return pupil;
}

async function answer(page: Page, q: QuizQuestion, choice: Choice) {
	const form = page.locator(`form[data-question="${q.id}"]`);
	if (choice.type === 'scenario') await form.locator(`input[value="${choice.option}"]`).check();
	if (choice.type === 'meerkeuze')
		for (const id of choice.options) await form.locator(`input[value="${id}"]`).check();
	if (choice.type === 'waar-niet-waar')
		await form.locator(`input[value="${choice.value ? 'waar' : 'niet-waar'}"]`).check();
	await form.getByRole('button', { name: /Volgende vraag/ }).click();
}

async function takeQuiz(page: Page, wrongCount: number) {
	for (const [i, q] of quiz.questions.entries()) {
		await page.locator(`form[data-question="${q.id}"]`).waitFor();
		if (i === 0) await expectAccessible(page);
		await answer(page, q, i < wrongCount ? wrongChoices(q)[0]! : rightChoice(q));
	}
	await page.getByText('Klaar!').waitFor();
}

describe.skipIf(skipE2E)('band quiz and diploma', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
		quiz = realLibrary().quizzes.find((q) => q.band === 'groep-5-6')!;
		school = await seedSchool(server.db);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('a pupil takes the voortoets, then the natoets, and sees the growth', async () => {
		const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
		const pupil = await login(page, 0);
		// The natoets waits for the voortoets.
		await page.goto(`${server.url}/leerling/quiz/natoets`);
		await page.getByText('Doe eerst de voortoets.').waitFor();

		await page.getByRole('link', { name: 'Doe de voortoets' }).click();
		await takeQuiz(page, 5);
		const total = quiz.questions.length;
		expect(await page.locator('main').innerText()).toContain(
			`Je had ${total - 5} van de ${total} vragen goed.`
		);
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Naar mijn lessen' }).click();
		await page.getByRole('link', { name: 'Doe de natoets' }).click();
		await takeQuiz(page, 1);
		const text = await page.locator('main').innerText();
		expect(text).toContain(`Bij de voortoets had je er ${total - 5} goed. Nu ${total - 1}.`);
		await screenshot(page, 'pupil-natoets');

		const attempts = await server.db
			.selectFrom('quiz_attempt')
			.selectAll()
			.where('pupil_id', '=', pupil.id)
			.orderBy('kind', 'desc')
			.execute();
		expect(attempts.map((a) => [a.kind, a.correct_first, a.completed_at !== null])).toEqual([
			['voortoets', total - 5, true],
			['natoets', total - 1, true]
		]);
		const answers = await server.db
			.selectFrom('answer')
			.select(['lesson_id', 'attempt'])
			.where('pupil_id', '=', pupil.id)
			.execute();
		expect(answers.filter((a) => a.lesson_id === `${quiz.id}:voortoets`)).toHaveLength(total);
		expect(answers.filter((a) => a.lesson_id === `${quiz.id}:natoets`)).toHaveLength(total);
		await page.close();
	});

	it('the diploma is there once every lesson of the band is done', async () => {
		const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
		const pupil = await login(page, 1);
		await page.goto(`${server.url}/leerling/diploma`);
		expect(page.url()).toBe(`${server.url}/leerling`);

		const random = seededRandom(1);
		for (const lesson of realLibrary().lessons.filter((l) => l.band === 'groep-5-6'))
			await playLesson(server.db, pupil.id, lesson, { skill: 1, start: Date.now(), random });
		await page.reload();
		await page.getByRole('link', { name: 'Bekijk je diploma' }).click();
		await page.getByRole('heading', { name: 'Diploma DenkNa' }).waitFor();
		expect(await page.locator('.diploma').innerText()).toContain(pupil.name);
		await expectAccessible(page);
		await screenshot(page, 'pupil-diploma');
		await page.close();
	});
});
