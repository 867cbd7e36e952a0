// Plays a lesson in the browser the way a pupil does: read, choose, "Kijk na", "Verder".
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { isScored, type Lesson, type ScoredStep } from '../../src/lib/lessons/schema.ts';
import { fillAndSubmit } from './form.ts';
import { rightChoice, wrongChoices } from '../../src/lib/activities/index.ts';
import type { Choice } from '../../src/lib/activities/index.ts';
import { expectAccessible } from './browser.ts';

async function choose(page: Page, step: ScoredStep, choice: Choice) {
	await fillAndSubmit(page.locator('form#answer'), step, choice);
}

/**
 * From the current step to the afsluiting. The first scored step is answered wrong first,
 * so the feedback path is exercised too. Runs axe on every step when `axe` is true.
 */
export async function playLessonInBrowser(
	page: Page,
	lesson: Lesson,
	opts: { axe: boolean; onStep?: (i: number) => Promise<void> }
) {
	let wrongDone = false;
	for (;;) {
		const article = page.locator('article.step');
		const stepId = await article.getAttribute('data-step');
		const index = lesson.steps.findIndex((s) => s.id === stepId);
		const step = lesson.steps[index]!;
		await opts.onStep?.(index);
		if (step.type === 'afsluiting') return;
		if (isScored(step)) {
			if (!wrongDone && wrongChoices(step).length) {
				await choose(page, step, wrongChoices(step)[0]!);
				await expect.poll(() => page.locator('.feedback').count()).toBe(1);
				await expect
					.poll(() => page.locator('.feedback .verdict').innerText())
					.toContain('Nog niet goed');
				if (opts.axe) await expectAccessible(page);
				wrongDone = true;
			}
			await choose(page, step, rightChoice(step));
			await expect.poll(() => page.locator('.feedback .verdict').innerText()).toContain('Goed zo');
		}
		if (opts.axe) await expectAccessible(page);
		await page.getByRole('button', { name: /Verder/ }).click();
		const next = lesson.steps[index + 1]!;
		await page.locator(`article.step[data-step="${next.id}"]`).waitFor();
	}
}
