// Pupil names are stored as first name + initial of the last name, nothing more.

/**
 * A name as people see it: NFC, no control characters, no invisible or direction-changing
 * characters (zero-width, bidi overrides: a parent could otherwise disguise their name on
 * the teacher's page), spaces collapsed, trimmed. Tabs become spaces.
 */
export function cleanName(raw: string): string {
	return (
		raw
			.normalize('NFC')
			// Cc: control characters; Cf: format characters (zero-width, bidi controls, BOM).
			.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => (c === '\t' ? ' ' : ''))
			.replace(/\s+/g, ' ')
			.trim()
	);
}

const TUSSENVOEGSELS = new Set([
	'de',
	'den',
	'der',
	'van',
	'vd',
	'v.d.',
	'het',
	"'t",
	't',
	'te',
	'ten',
	'ter',
	'in',
	'op',
	'uit',
	'la',
	'le',
	'du',
	'des',
	'di',
	'da',
	'von',
	'zu',
	'aan',
	'bij',
	'onder',
	'over',
	'voor'
]);

const capitalize = (s: string) => s.charAt(0).toLocaleUpperCase('nl') + s.slice(1);

/** The first letter of the surname proper, skipping "van", "de", "ter" and the like. */
function surnameInitial(surname: string): string {
	const parts = surname.split(/\s+/).filter(Boolean);
	const main = parts.find((p) => !TUSSENVOEGSELS.has(p.toLocaleLowerCase('nl'))) ?? parts.at(-1);
	return main ? main.charAt(0).toLocaleUpperCase('nl') : '';
}

export function displayName(firstName: string, surname: string): string {
	const first = capitalize(cleanName(firstName).split(' ')[0] ?? '');
	if (!first) return '';
	const initial = surnameInitial(cleanName(surname));
	return initial ? `${first} ${initial}.` : first;
}

/**
 * One pasted line to a display name. Understands "Emma de Vries", "Vries, Emma de",
 * and spreadsheet rows "Emma<TAB>de Vries" or "Emma;de;Vries" (roepnaam first).
 */
export function displayNameFromLine(line: string): string | null {
	return nameFromLine(line) || null;
}

function nameFromLine(line: string): string | null {
	// Spreadsheet pastes can carry stray control and invisible characters; keep tabs, they
	// separate columns.
	const clean = line
		.normalize('NFC')
		.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, (c) => (c === '\t' ? c : ''))
		.trim();
	if (!clean) return null;
	const columns = clean
		.split(/\t|;/)
		.map((c) => c.trim())
		.filter(Boolean);
	if (columns.length >= 2) return displayName(columns[0]!, columns.slice(1).join(' '));
	if (clean.includes(',')) {
		const [surname, first] = clean.split(',', 2).map((s) => s.trim());
		// "Vries, Emma de": the tussenvoegsel trails the first name.
		const firstParts = (first ?? '').split(/\s+/);
		return displayName(firstParts[0] ?? '', `${firstParts.slice(1).join(' ')} ${surname}`);
	}
	const [first, ...rest] = clean.split(/\s+/);
	return displayName(first!, rest.join(' '));
}

export const MAX_NAME_LENGTH = 40;
