import { describe, expect, it } from 'vitest';
import { startOfTerm, startOfWeek } from '../../src/lib/server/home-summary.ts';
import { exportFileName, exportToCsv, type PupilExport } from '../../src/lib/server/pupil-data.ts';

describe('week and term for the home summary', () => {
	it('a week starts on Monday, also seen from a Sunday', () => {
		expect(startOfWeek(new Date(2026, 10, 22, 20, 0))).toEqual(new Date(2026, 10, 16));
		expect(startOfWeek(new Date(2026, 10, 16, 0, 0))).toEqual(new Date(2026, 10, 16));
		expect(startOfWeek(new Date(2026, 10, 18, 9, 30))).toEqual(new Date(2026, 10, 16));
	});
	it('terms start on 1 August, 1 January and 1 April', () => {
		expect(startOfTerm(new Date(2026, 10, 21))).toEqual(new Date(2026, 7, 1));
		expect(startOfTerm(new Date(2027, 1, 3))).toEqual(new Date(2027, 0, 1));
		expect(startOfTerm(new Date(2027, 5, 30))).toEqual(new Date(2027, 3, 1));
		expect(startOfTerm(new Date(2027, 7, 1))).toEqual(new Date(2027, 7, 1));
	});
});

describe('the CSV for Dutch Excel', () => {
	const data = {
		gemaaktOp: '2026-11-21T10:00:00.000Z',
		leerling: { naam: 'Zoë "Z" de B.', klas: '=HYPERLINK("x")', geblokkeerdSinds: null },
		voortgang: [],
		toetsen: [],
		antwoorden: [{ antwoord: { type: 'scenario', option: 'a;b' }, goed: true }],
		toetsantwoorden: [{ vraag: '\tq1', goed: false }],
		koppelingen: [],
		koppelcodes: [],
		sessies: [],
		inlogpogingen: []
	} as unknown as PupilExport;
	const csv = exportToCsv(data);
	const lines = csv.slice(1).trimEnd().split('\r\n');

	it('starts with a byte order mark and separates with semicolons', () => {
		expect(csv.charCodeAt(0)).toBe(0xfeff);
		expect(lines[0]).toBe('onderdeel;nummer;veld;waarde');
	});
	it('quotes what needs quoting and never starts a formula', () => {
		expect(lines).toContain('leerling;1;naam;"Zoë ""Z"" de B."');
		expect(lines).toContain(`leerling;1;klas;"'=HYPERLINK(""x"")"`);
		expect(lines).toContain('leerling;1;geblokkeerdSinds;');
		expect(lines).toContain('antwoorden;1;antwoord;"{""type"":""scenario"",""option"":""a;b""}"');
		expect(lines).toContain('antwoorden;1;goed;ja');
		expect(lines).toContain("toetsantwoorden;1;vraag;'\tq1");
	});
	it('gives the download a plain file name', () => {
		expect(exportFileName('Zoë de B.', 'csv', new Date('2026-11-21T10:00:00Z'))).toBe(
			'denkna-zoe-de-b-2026-11-21.csv'
		);
	});
});
