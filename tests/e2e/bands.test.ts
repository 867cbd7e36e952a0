// What a pupil sees in the youngest and the oldest band, at a Chromebook's 1366×768:
// every kind of step in a lesson of each band passes axe, and screenshots are kept.
import { afterAll, beforeAll, describe, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServer, type TestServer } from '../helpers/server.ts';
import { realLibrary } from '../helpers/db.ts';
import { expectAccessible, launch, screenshot, skipE2E } from '../helpers/browser.ts';
import { playLessonInBrowser } from '../helpers/play.ts';
import { addPupils, assignLesson, createClass } from '../../src/lib/server/classes.ts';
import { setupSchool } from '../../src/lib/server/schools.ts';
import { createSession, generateSessionToken } from '../../src/lib/server/auth/session.ts';
import type { Band, Lesson } from '../../src/lib/lessons/schema.ts';

let server: TestServer;
let browser: Browser;

/** The lesson of the band with the most kinds of steps. */
function richest(band: Band): Lesson {
	return realLibrary()
		.lessons.filter((l) => l.band === band)
		.sort(
			(a, b) => new Set(b.steps.map((s) => s.type)).size - new Set(a.steps.map((s) => s.type)).size
		)[0]!;
}

describe.skipIf(skipE2E)('the player in each band', () => {
	beforeAll(async () => {
		browser = await launch();
		server = await startServer({ host: 'localhost' });
	});
	afterAll(async () => {
		await browser?.close();
		await server?.stop();
	});

	it.each(['groep-3-4', 'vo-1-3'] as const)('%s: every step is accessible', async (band) => {
		const lesson = richest(band);
		const { schoolId, adminId } = await setupSchool(server.db, {
			foundation: 'F',
			school: `School ${band}`,
			adminName: 'A',
			email: `a-${band}@school.test`,
			password: 'een goed wachtwoord',
			protocolId: 'groningen'
		});
		const classId = await createClass(server.db, {
			schoolId,
			teacherId: adminId,
			name: band,
			band
		});
		const [pupil] = await addPupils(server.db, classId, ['Sam B.']);
		await assignLesson(server.db, classId, lesson.id, adminId);
		const token = generateSessionToken();
		await createSession(server.db, token, { pupilId: pupil!.id });

		const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
		await context.addCookies([{ name: 'denkna_session', value: token, url: server.url }]);
		const page = await context.newPage();
		await page.goto(`${server.url}/leerling`);
		await expectAccessible(page);
		await page.goto(`${server.url}/leerling/les/${lesson.id}`);
		await page.locator('[data-player="js"]').waitFor({ state: 'attached' });
		let shot = false;
		await playLessonInBrowser(page, lesson, {
			axe: true,
			onStep: async (i) => {
				if (!shot && lesson.steps[i]!.type === 'scenario') {
					shot = true;
					await screenshot(page, `band-${band}-scenario`);
				}
			}
		});
		await expectAccessible(page);
		await screenshot(page, `band-${band}-end`);
		await context.close();
	});
});
