// The login sets: each class sees its own pictures, but a stored code names places in the
// grid, so switching sets never locks a pupil out.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	AVATARS,
	avatarFor,
	CODE_PICTURES,
	codePictureFor,
	codePictures,
	LOGIN_THEMES,
	type LoginTheme
} from '../../src/lib/pictures.ts';
import {
	addPupils,
	createClass,
	defaultLoginTheme,
	setLoginTheme
} from '../../src/lib/server/classes.ts';
import { loginWithPictureCode } from '../../src/lib/server/auth/login.ts';
import type { DB } from '../../src/lib/server/db/index.ts';
import { freshDatabase } from '../helpers/db.ts';
import { seedSchool, type SchoolFixture } from '../helpers/fixtures.ts';

const avatarsOf = (theme: LoginTheme) => AVATARS.map((a) => avatarFor(theme, a.id)!);

describe('login sets', () => {
	it.each(LOGIN_THEMES)(
		'%s: nine code pictures and an avatar per place, all told apart',
		(theme) => {
			const codes = codePictures(theme);
			expect(codes.map((p) => p.id)).toEqual(CODE_PICTURES.map((p) => p.id));
			const avatars = avatarsOf(theme);
			expect(avatars).toHaveLength(AVATARS.length);
			const icons = [...codes, ...avatars].map((p) => p.icon);
			const labels = [...codes, ...avatars].map((p) => p.label);
			// No picture twice: a code picture never doubles as someone's avatar either.
			expect(new Set(icons).size).toBe(icons.length);
			expect(new Set(labels).size).toBe(labels.length);
			for (const icon of icons) expect(fs.existsSync(`static/pictures/${icon}.svg`)).toBe(true);
		}
	);

	it('the neutral set shows other pictures at the same places', () => {
		const speels = codePictures('speels');
		const neutraal = codePictures('neutraal');
		expect(speels.map((p) => p.icon)).toEqual(CODE_PICTURES.map((p) => p.icon));
		for (const [i, picture] of neutraal.entries()) {
			expect(picture.id).toBe(speels[i]!.id);
			expect(codePictureFor('neutraal', picture.id)).toEqual({
				label: picture.label,
				icon: picture.icon
			});
		}
		const playful = new Set([...speels, ...avatarsOf('speels')].map((p) => p.icon));
		for (const p of [...neutraal, ...avatarsOf('neutraal')])
			expect(playful.has(p.icon)).toBe(false);
		expect(avatarFor('neutraal', AVATARS[0].id)).not.toEqual(avatarFor('speels', AVATARS[0].id));
	});

	it('a stored code is the same taps on the same places in every set', () => {
		const code = ['zon', 'appel', 'bloem'];
		const places = (theme: LoginTheme) =>
			code.map((id) =>
				codePictures(theme).findIndex((p) => p.icon === codePictureFor(theme, id)!.icon)
			);
		expect(places('speels')).toEqual([6, 0, 8]);
		expect(places('neutraal')).toEqual(places('speels'));
		expect(codePictureFor('neutraal', 'geen-plaatje')).toBeUndefined();
		expect(avatarFor('neutraal', 'geen-dier')).toBeUndefined();
	});

	it('a new class gets the set of its age', () => {
		expect(defaultLoginTheme('groep-3-4')).toBe('speels');
		expect(defaultLoginTheme('groep-7-8')).toBe('speels');
		expect(defaultLoginTheme('vo-1-3')).toBe('neutraal');
	});
});

describe('switching a class to another set', () => {
	let db: DB;
	let school: SchoolFixture;
	beforeAll(async () => {
		({ db } = await freshDatabase());
		school = await seedSchool(db, { tag: 'thema' });
	});
	afterAll(() => db.destroy());

	const themeOf = async (classId: number) =>
		(
			await db
				.selectFrom('class')
				.select('login_theme')
				.where('id', '=', classId)
				.executeTakeFirstOrThrow()
		).login_theme;

	it('starts vo classes neutral and keeps every code working after a switch', async () => {
		const vo = await createClass(db, {
			schoolId: school.schoolId,
			teacherId: school.teacherA.id,
			name: 'Brugklas',
			band: 'vo-1-3'
		});
		expect(await themeOf(vo)).toBe('neutraal');
		expect(await themeOf(school.classA.id)).toBe('speels');

		const [pupil] = await addPupils(db, vo, ['Noor V.']);
		const { picture_code } = await db
			.selectFrom('pupil')
			.select('picture_code')
			.where('id', '=', pupil!.id)
			.executeTakeFirstOrThrow();
		expect(await setLoginTheme(db, vo, 'speels')).toBe(true);
		expect(await themeOf(vo)).toBe('speels');
		const after = await loginWithPictureCode(
			db,
			vo,
			pupil!.id,
			picture_code.split(','),
			'10.9.9.9'
		);
		expect(after).toEqual({ ok: true, id: pupil!.id });
		expect(await setLoginTheme(db, 987654, 'neutraal')).toBe(false);
	});

	it('speaks to vo pupils about their docent when they are locked', async () => {
		const vo = await createClass(db, {
			schoolId: school.schoolId,
			teacherId: school.teacherA.id,
			name: 'Klas 2b',
			band: 'vo-1-3'
		});
		const [pupil] = await addPupils(db, vo, ['Daan K.']);
		let last = { ok: true } as Awaited<ReturnType<typeof loginWithPictureCode>>;
		for (let i = 0; i < 5; i++)
			last = await loginWithPictureCode(db, vo, pupil!.id, ['x', 'y', 'z'], '10.9.9.8');
		expect(last).toMatchObject({
			ok: false,
			locked: true,
			message: expect.stringContaining('je docent')
		});
		expect(JSON.stringify(last)).not.toContain('juf');
	});
});
