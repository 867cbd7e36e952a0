// The band quiz as voortoets and natoets, and the band diploma once every lesson is done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { pupilSignIn } from '../helpers/login.ts';
import { startServer, type TestServer } from '../helpers/server.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { expectAccessible, launch, screenshot, skipE2E } from '../helpers/browser.ts';
import type { Quiz, QuizQuestion } from '../../src/lib/lessons/schema.ts';
import { choiceToForm, rightChoice, wrongChoices } from '../../src/lib/activities/index.ts';
import type { Choice } from '../../src/lib/activities/index.ts';
import { playLesson, seededRandom } from '../../scripts/lib/seed.ts';
import { assignQuiz, bandQuiz, quizResults } from '../../src/lib/server/quizzes.ts';

let server: TestServer;
let browser: Browser;
let school: SchoolFixture;
let pre: Quiz;
let post: Quiz;

async function login(page: Page, index: number) {
	const pupil = school.classA.pupils[index]!;
	await pupilSignIn(page, server.url, school.classA.token, pupil);
	return pupil;
}

async function answer(page: Page, q: QuizQuestion, choice: Choice) {
	const form = page.locator(`form[data-question="${q.id}"]`);
	for (const [name, value] of choiceToForm(q, choice))
		await form.locator(`input[name="${name}"][value="${value}"]`).check();
	await form.getByRole('button', { name: /Volgende vraag/ }).click();
}

async function takeQuiz(page: Page, quiz: Quiz, wrongCount: number) {
	for (const [i, q] of quiz.questions.entries()) {
		await page.locator(`form[data-question="${q.id}"]`).waitFor();
		if (i === 0) await expectAccessible(page);
		await answer(page, q, i < wrongCount ? wrongChoices(q)[0]! : rightChoice(q));
	}
	await page.getByRole('heading', { name: /Klaar/ }).waitFor();
}

/** Every explanation a quiz can show: none of them may be on the voortoets pages. */
function explanations(quiz: Quiz): string[] {
	return quiz.questions.flatMap((q) =>
		q.type === 'waar-niet-waar'
			? [q.feedback.waar, q.feedback.nietWaar]
			: q.options.map((o) => o.feedback)
	);
}

describe.skipIf(skipE2E)('band quiz and diploma', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
		pre = bandQuiz(realLibrary(), 'groep-5-6', 'voortoets')!;
		post = bandQuiz(realLibrary(), 'groep-5-6', 'natoets')!;
		school = await seedSchool(server.db);
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('a quiz opens only when given; the voortoets shows no answers, the natoets is another form', async () => {
		const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
		const pupil = await login(page, 0);
		// Not given yet: no quiz on Mijn lessen, and the address says why.
		expect(await page.locator('main').innerText()).not.toContain('Voortoets');
		await page.goto(`${server.url}/leerling/quiz/voortoets`);
		await page.getByText('Deze toets staat nog niet voor je klaar.').waitFor();

		for (const kind of ['voortoets', 'natoets'] as const)
			await assignQuiz(server.db, {
				classId: school.classA.id,
				kind,
				userId: school.teacherA.id,
				week: null
			});
		// The natoets waits for the voortoets.
		await page.goto(`${server.url}/leerling/quiz/natoets`);
		await page.getByText('Doe eerst de voortoets.').first().waitFor();

		await page.getByRole('link', { name: 'Doe de voortoets' }).click();
		const seen: string[] = [];
		page.on('response', async (r) => {
			if (r.url().includes('/leerling/quiz/')) seen.push(await r.text().catch(() => ''));
		});
		await takeQuiz(page, pre, 5);
		const total = pre.questions.length;
		const done = await page.locator('main').innerText();
		expect(done).toContain('Klaar, dank je!');
		expect(done).not.toContain('van de');
		// Nothing the voortoets pages sent holds an explanation of a right or wrong answer.
		const sent = [...seen, await page.content()].join('\n');
		for (const text of explanations(pre)) expect(sent).not.toContain(text.trim());
		await expectAccessible(page);

		await page.getByRole('link', { name: 'Naar mijn lessen' }).click();
		await page.getByRole('link', { name: 'Doe de natoets' }).click();
		expect(post.id).not.toBe(pre.id);
		await takeQuiz(page, post, 1);
		const text = await page.locator('main').innerText();
		expect(text).toContain(`Je had ${post.questions.length - 1} van de ${post.questions.length}`);
		expect(text).toContain(
			`Bij de voortoets had je er ${total - 5} goed. Nu ${post.questions.length - 1}.`
		);
		expect(text).toContain('Zo ging het');
		await screenshot(page, 'pupil-natoets');

		const results = (await quizResults(server.db, [pupil.id])).get(pupil.id)!;
		expect(results.voortoets).toMatchObject({
			quizId: pre.id,
			done: true,
			right: total - 5,
			answered: total
		});
		expect(results.natoets).toMatchObject({
			quizId: post.id,
			done: true,
			right: post.questions.length - 1,
			answered: post.questions.length
		});
		// Quiz answers live with the quiz, not under a made-up lesson id.
		const lessonRows = await server.db
			.selectFrom('answer')
			.select('lesson_id')
			.where('pupil_id', '=', pupil.id)
			.execute();
		expect(lessonRows).toEqual([]);
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
