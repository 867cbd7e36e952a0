// Debian's Chromium driven by playwright-core, at a Chromebook's 1366×768, with axe-core.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const skipE2E = process.env.DENKNA_SKIP_E2E === '1';

export async function launch(): Promise<Browser> {
	if (!fs.existsSync(CHROMIUM_PATH))
		throw new Error(
			`Chromium not found at ${CHROMIUM_PATH}. Install it with "apt-get install -y chromium" ` +
				'(or set CHROMIUM_PATH), or set DENKNA_SKIP_E2E=1 to skip the browser tests.'
		);
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run'
		]
	});
}

const axeSource = fs.readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

/** axe-core on the current page: no serious or critical violation. */
export async function expectAccessible(page: Page) {
	// evaluate() is not subject to the page's CSP, so the app's strict policy stays on.
	await page.evaluate(axeSource);
	const violations = await page.evaluate(async () => {
		const w = window as unknown as {
			axe: {
				run: (
					ctx: Document,
					o: object
				) => Promise<{
					violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
				}>;
			};
		};
		const result = await w.axe.run(document, { resultTypes: ['violations'] });
		return result.violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map(
				(v) =>
					`${v.id} (${v.impact}): ${v.help} at ${v.nodes
						.map((n) => n.target.join(' '))
						.slice(0, 3)
						.join(', ')}`
			);
	});
	expect(violations, `axe on ${page.url()}`).toEqual([]);
}

export async function screenshot(page: Page, name: string) {
	fs.mkdirSync('test-results', { recursive: true });
	await page.screenshot({ path: `test-results/${name}.png` });
}
