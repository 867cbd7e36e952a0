// Dutch formatting, one home for each: dates as a Dutch reader expects them (in Dutch time,
// whatever zone the server runs in) and safe file-name slugs.

const ZONE = 'Europe/Amsterdam';

const DATE_STYLES = {
	/** 1 december 2026 */
	long: { day: 'numeric', month: 'long', year: 'numeric' },
	/** 1 december */
	dayMonth: { day: 'numeric', month: 'long' },
	/** dinsdag 1 december */
	weekday: { weekday: 'long', day: 'numeric', month: 'long' },
	/** 1-12-2026 */
	short: { day: 'numeric', month: 'numeric', year: 'numeric' }
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatters = new Map<string, Intl.DateTimeFormat>();

export function dutchDate(ms: number, style: keyof typeof DATE_STYLES = 'long'): string {
	let f = formatters.get(style);
	if (!f)
		formatters.set(
			style,
			(f = new Intl.DateTimeFormat('nl-NL', { ...DATE_STYLES[style], timeZone: ZONE }))
		);
	return f.format(new Date(ms));
}

/** The date in Dutch time as yyyy-mm-dd, for file names and CSV cells. */
export function isoDay(ms: number): string {
	return new Intl.DateTimeFormat('sv-SE', { timeZone: ZONE }).format(new Date(ms));
}

const dateTime = new Intl.DateTimeFormat('sv-SE', {
	timeZone: ZONE,
	year: 'numeric',
	month: '2-digit',
	day: '2-digit',
	hour: '2-digit',
	minute: '2-digit'
});

/** The moment in Dutch time as "2026-11-30 14:05": sorts as text, reads in Excel and by eye. */
export function dutchDateTime(ms: number): string {
	return dateTime.format(new Date(ms));
}

/** "Groep 5a (Çağla)" → "groep-5a-cagla": lower case, no accents, dashes. */
export function slugify(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}
