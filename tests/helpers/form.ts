// Fills a step's answer form the way a pupil would, from a choice: the activity says which
// fields that choice is (choiceToForm); a field that is a button (DENK NA's decision) is
// pressed last, otherwise "Kijk na".
import type { Locator } from 'playwright-core';
import { choiceToForm, type Choice, type ScoredStep } from '../../src/lib/activities/index.ts';

export async function fillAndSubmit(form: Locator, step: ScoredStep, choice: Choice) {
	// Checkboxes from an earlier try stay ticked: start from an empty form.
	for (const box of await form.locator('input[type="checkbox"]').all()) await box.uncheck();
	let press: Locator | null = null;
	for (const [name, value] of choiceToForm(step, choice)) {
		const button = form.locator(`button[name="${name}"][value="${value}"]`);
		if (await button.count()) press = button;
		else await form.locator(`input[name="${name}"][value="${value}"]`).check({ force: true });
	}
	await (press ?? form.getByRole('button', { name: /Kijk na|Probeer opnieuw/ })).click();
}
