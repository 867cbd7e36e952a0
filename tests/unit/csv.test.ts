import { describe, expect, it } from 'vitest';
import { csvCell, parseCsv, pupilsFromCsv, toCsv } from '../../src/lib/server/csv.ts';

describe('reading a LAS export', () => {
	it('keeps only first name and initial from Roepnaam/Achternaam, with BOM and semicolons', () => {
		const text =
			'\uFEFFLeerlingnummer;Roepnaam;Tussenvoegsel;Achternaam;Geboortedatum;BSN\r\n' +
			'1001;Emma;de;Vries;01-02-2016;123456789\r\n' +
			'1002;Noah;;Jansen;03-04-2016;987654321\r\n\r\n';
		const result = pupilsFromCsv(text);
		expect(result).toEqual({ ok: true, names: ['Emma V.', 'Noah J.'] });
	});

	it('reads commas and quoted fields', () => {
		const text =
			'Roepnaam,Achternaam,Adres\n"Aya","El Amrani","Straat 1, Utrecht"\nSem,Bakker,"x ""y"""\n';
		expect(parseCsv(text)[1]).toEqual(['Aya', 'El Amrani', 'Straat 1, Utrecht']);
		expect(pupilsFromCsv(text)).toEqual({ ok: true, names: ['Aya E.', 'Sem B.'] });
	});

	it('says in Dutch what is wrong', () => {
		expect(pupilsFromCsv('')).toMatchObject({ ok: false, message: 'Het CSV-bestand is leeg.' });
		expect(pupilsFromCsv('Naam;Klas\nEmma;5a\n')).toMatchObject({
			ok: false,
			message: expect.stringContaining('Roepnaam en Achternaam')
		});
		expect(pupilsFromCsv('Roepnaam;Achternaam\n;Vries\n')).toMatchObject({
			ok: false,
			message: 'Regel 2 van het CSV-bestand heeft geen roepnaam.'
		});
	});
});

describe('CSV for Dutch Excel', () => {
	it('starts with a BOM, uses ; and CRLF, quotes and disarms formulas', () => {
		const csv = toCsv([
			['Leerling', 'Score'],
			['Zoë V.', '3 van 4'],
			['=HYPERLINK("x")', 'a;b']
		]);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		expect(csv).toBe('\uFEFFLeerling;Score\r\nZoë V.;3 van 4\r\n"\'=HYPERLINK(""x"")";"a;b"\r\n');
		expect(toCsv([['a', 'b']], ',')).toBe('\uFEFFa,b\r\n');
	});

	it('disarms every formula start OWASP lists, also tab and carriage return', () => {
		for (const start of ['=', '+', '-', '@', '\t', '\r'])
			expect(csvCell(`${start}1+1`)).toMatch(/^"?'/);
		expect(csvCell('Emma')).toBe('Emma');
		expect(csvCell(null)).toBe('');
		expect(csvCell(true)).toBe('ja');
	});
});
