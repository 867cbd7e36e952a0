// The option order is decided per pupil on the server: the same pupil sees the same order
// after a reload and without JavaScript; another pupil usually sees another order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';
import { realLibrary } from '../helpers/db.ts';
import { launch, skipE2E } from '../helpers/browser.ts';
import { advance, startLesson } from '../../src/lib/server/progress.ts';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session.ts';
import type { Lesson, StepOf } from '../../src/lib/lessons/schema.ts';

let server: TestServer;
let browser: Browser;
let school: SchoolFixture;
let lesson: Lesson;
let scenario: StepOf<'scenario'>;

/** A context logged in as this pupil, with or without JavaScript. */
async function pupilContext(index: number, javaScriptEnabled: boolean): Promise<BrowserContext> {
	const token = generateSessionToken();
	await createSession(server.db, token, { pupilId: school.classA.pupils[index]!.id });
	const context = await browser.newContext({
		viewport: { width: 1366, height: 768 },
		javaScriptEnabled
	});
	await context.addCookies([{ name: 'denkna_session', value: token, url: server.url }]);
	return context;
}

async function optionOrder(context: BrowserContext, reload = false): Promise<string[]> {
	const page = await context.newPage();
	await page.goto(`${server.url}/leerling/les/${lesson.id}`);
	if (reload) await page.reload();
	await page.locator(`article.step[data-step="${scenario.id}"]`).waitFor();
	const order = await page
		.locator('article.step input[name="choice"]')
		.evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
	await page.close();
	return order;
}

describe.skipIf(skipE2E)('option order per pupil', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
		lesson = realLibrary().lessons.find(
			(l) =>
				l.band === 'groep-5-6' &&
				l.steps.some((s) => s.type === 'scenario' && s.options.length >= 3)
		)!;
		scenario = lesson.steps.find(
			(s): s is StepOf<'scenario'> => s.type === 'scenario' && s.options.length >= 3
		)!;
		school = await seedSchool(server.db, { lessonA: lesson.id });
		// Every pupil of class A stands at that scenario.
		for (const pupil of school.classA.pupils) {
			await startLesson(server.db, pupil.id, lesson);
			for (const step of lesson.steps.slice(0, lesson.steps.indexOf(scenario)))
				await advance(server.db, pupil.id, lesson, step.id);
		}
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it('is the same for one pupil after a reload and without JavaScript', async () => {
		const js = await pupilContext(0, true);
		const first = await optionOrder(js);
		expect([...first].sort()).toEqual(scenario.options.map((o) => o.id).sort());
		expect(await optionOrder(js, true)).toEqual(first);
		const noJs = await pupilContext(0, false);
		expect(await optionOrder(noJs)).toEqual(first);
		await js.close();
		await noJs.close();
	});

	it('differs between pupils of the class, in the HTML the server sends', async () => {
		const orders = new Set<string>();
		for (const index of school.classA.pupils.keys()) {
			const context = await pupilContext(index, false);
			orders.add((await optionOrder(context)).join(','));
			await context.close();
		}
		expect(orders.size).toBeGreaterThan(1);
	});
});
