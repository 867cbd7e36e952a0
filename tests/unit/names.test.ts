import { describe, expect, it } from 'vitest';
import { displayName, displayNameFromLine } from '../../src/lib/server/names.ts';

describe('pupil display names', () => {
	it('keeps the first name and the initial of the surname proper', () => {
		expect(displayNameFromLine('Emma de Vries')).toBe('Emma V.');
		expect(displayNameFromLine('Daan van der Berg')).toBe('Daan B.');
		expect(displayNameFromLine('Aya El Amrani')).toBe('Aya E.');
	});

	it('reads "Achternaam, Roepnaam" and spreadsheet rows', () => {
		expect(displayNameFromLine('Vries, Emma de')).toBe('Emma V.');
		expect(displayNameFromLine('Noah\tJansen')).toBe('Noah J.');
		expect(displayNameFromLine('Mila;van;Dijk')).toBe('Mila D.');
	});

	it('skips empty lines and keeps a lone first name', () => {
		expect(displayNameFromLine('   ')).toBeNull();
		expect(displayNameFromLine('sem')).toBe('Sem');
		expect(displayName('zoë', "in 't Veld")).toBe('Zoë V.');
	});
});
