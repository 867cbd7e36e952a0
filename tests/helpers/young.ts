// Checks for what a 6-year-old meets: tap targets big enough for small fingers, and pages
// that fit a narrow screen without sideways scrolling.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Every visible thing to tap (buttons, links, option cards, Ja/Nee and bin buttons). */
export async function smallTargets(page: Page, min = 48): Promise<string[]> {
	return page.evaluate((min) => {
		const targets = document.querySelectorAll<HTMLElement>(
			'button, a[href], label.option, .answer span, .bin span'
		);
		const small: string[] = [];
		for (const el of targets) {
			const box = el.getBoundingClientRect();
			if (box.width === 0 && box.height === 0) continue; // hidden
			if (box.width < min || box.height < min)
				small.push(
					`${el.tagName.toLowerCase()} "${(el.textContent ?? el.getAttribute('aria-label') ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`
				);
		}
		return small;
	}, min);
}

export async function expectBigTargets(page: Page) {
	expect(await smallTargets(page), `targets under 48 px on ${page.url()}`).toEqual([]);
}

/** WCAG 1.4.10: at 320 CSS px wide nothing needs a sideways scroll. */
export async function expectNoSidewaysScroll(page: Page) {
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width, `page width at 320 px on ${page.url()}`).toBeLessThanOrEqual(320);
}
