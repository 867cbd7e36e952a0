// CSV in (a LAS export of the class: ParnasSys, Esis, Magister) and out (for Dutch Excel).
import { displayName, MAX_NAME_LENGTH } from './names.ts';

const BOM = '\uFEFF';

/** Splits CSV text into rows (RFC 4180 quoting). The separator is guessed from the header. */
export function parseCsv(text: string): string[][] {
	const clean = text.startsWith(BOM) ? text.slice(1) : text;
	const header = clean.split(/\r?\n/, 1)[0] ?? '';
	const separator = [';', '\t', ','].reduce((best, sep) =>
		header.split(sep).length > header.split(best).length ? sep : best
	);
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let quoted = false;
	for (let i = 0; i < clean.length; i++) {
		const ch = clean[i]!;
		if (quoted) {
			if (ch === '"' && clean[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"' && field === '') quoted = true;
		else if (ch === separator) {
			row.push(field);
			field = '';
		} else if (ch === '\n' || ch === '\r') {
			if (ch === '\r' && clean[i + 1] === '\n') i++;
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
		} else field += ch;
	}
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

const FIRST_COLUMNS = ['roepnaam', 'voornaam', 'voornamen', 'first name'];
const PREFIX_COLUMNS = ['tussenvoegsel', 'tussenvoegsels', 'voorvoegsel'];
const LAST_COLUMNS = ['achternaam', 'geslachtsnaam', 'last name', 'surname'];

export type CsvPupils = { ok: true; names: string[] } | { ok: false; message: string };

/**
 * Pupil display names from a LAS export: the Roepnaam and Achternaam columns (and a
 * Tussenvoegsel column when there is one). Every other column is ignored and never stored.
 */
export function pupilsFromCsv(text: string): CsvPupils {
	const rows = parseCsv(text);
	if (rows.length === 0) return { ok: false, message: 'Het CSV-bestand is leeg.' };
	const header = rows[0]!.map((h) => h.trim().toLowerCase());
	const first = header.findIndex((h) => FIRST_COLUMNS.includes(h));
	const last = header.findIndex((h) => LAST_COLUMNS.includes(h));
	const prefix = header.findIndex((h) => PREFIX_COLUMNS.includes(h));
	if (first < 0 || last < 0)
		return {
			ok: false,
			message:
				'In de eerste regel van het CSV-bestand staan geen kolommen Roepnaam en Achternaam. Exporteer de klaslijst met die kolommen.'
		};
	const names: string[] = [];
	for (const [i, row] of rows.slice(1).entries()) {
		const firstName = (row[first] ?? '').trim();
		const surname = [prefix >= 0 ? row[prefix] : '', row[last]]
			.map((s) => (s ?? '').trim())
			.filter(Boolean)
			.join(' ');
		if (!firstName)
			return { ok: false, message: `Regel ${i + 2} van het CSV-bestand heeft geen roepnaam.` };
		const name = displayName(firstName, surname);
		if (name.length > MAX_NAME_LENGTH)
			return { ok: false, message: `Regel ${i + 2}: deze naam is te lang.` };
		names.push(name);
	}
	if (names.length === 0)
		return { ok: false, message: 'Het CSV-bestand heeft wel kopjes, maar geen leerlingen.' };
	return { ok: true, names };
}

/**
 * Excel (and LibreOffice) run a cell that starts with one of these as a formula, so such a
 * cell gets a leading apostrophe (OWASP's CSV injection advice). The apostrophe stays visible
 * in the cell: that is the price of a file a teacher can open safely.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text: empty for nothing, ja/nee for booleans, JSON for objects, then made safe. */
export function csvCell(value: unknown, separator: ';' | ',' = ';'): string {
	const text =
		value === null || value === undefined
			? ''
			: typeof value === 'boolean'
				? value
					? 'ja'
					: 'nee'
				: typeof value === 'object'
					? JSON.stringify(value)
					: String(value);
	const safe = FORMULA_START.test(text) ? `'${text}` : text;
	return /["\r\n;,]/.test(safe) || safe.includes(separator)
		? `"${safe.replaceAll('"', '""')}"`
		: safe;
}

/**
 * CSV that Dutch Excel opens cleanly: a BOM so it reads UTF-8, CRLF line ends, and by default
 * a semicolon, because Dutch Excel uses the comma for decimals. The one CSV writer of the app.
 */
export function toCsv(rows: unknown[][], separator: ';' | ',' = ';'): string {
	return (
		BOM + rows.map((r) => r.map((v) => csvCell(v, separator)).join(separator)).join('\r\n') + '\r\n'
	);
}
