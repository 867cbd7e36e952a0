// Logging in the way people do in the browser: pupils tap their name and three pictures,
// staff and parents type their e-mail and password.
import type { Page } from 'playwright-core';
import { codePictureFor, type LoginTheme } from '../../src/lib/pictures.ts';
import { PASSWORD } from './fixtures.ts';

/** On a pupil's code page: taps their three pictures, then waits for Mijn lessen. */
export async function tapPictureCode(
	page: Page,
	base: string,
	code: readonly string[],
	theme: LoginTheme = 'speels'
) {
	for (const id of code)
		await page.getByRole('button', { name: codePictureFor(theme, id)!.label, exact: true }).click();
	await page.waitForURL(`${base}/leerling`);
}

/** From the class link: the pupil taps their name, then their pictures. */
export async function pupilSignIn(
	page: Page,
	base: string,
	token: string,
	pupil: { name: string; code: readonly string[] },
	theme: LoginTheme = 'speels'
) {
	await page.goto(`${base}/klas/${token}`);
	await page.getByRole('link', { name: pupil.name }).click();
	await tapPictureCode(page, base, pupil.code, theme);
}

/** Staff or a parent on /login, with the fixtures' password. */
export async function signIn(page: Page, base: string, email: string) {
	await page.goto(`${base}/login`);
	await page.getByLabel('E-mailadres').fill(email);
	await page.getByLabel('Wachtwoord').fill(PASSWORD);
	await page.getByRole('button', { name: 'Inloggen' }).click();
	await page.waitForURL((url) => url.pathname !== '/login');
}
