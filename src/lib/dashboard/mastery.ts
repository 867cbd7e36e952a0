// How DenkNa turns first tries into a level: one rule, used for pupils, classes, the school
// overview, the CSV and the parent view alike. Pure: no database, no file system.

export const MASTERY_LEVELS = ['nog-niet', 'te-weinig', 'geoefend', 'bekend', 'beheerst'] as const;
export type MasteryLevel = (typeof MASTERY_LEVELS)[number];
export const MASTERY_LABELS: Record<MasteryLevel, string> = {
	'nog-niet': 'Nog niet gemaakt',
	'te-weinig': 'Te weinig om te zeggen',
	geoefend: 'Geoefend',
	bekend: 'Bekend',
	beheerst: 'Beheerst'
};
/** How a level looks: colour and a symbol, so it never rests on colour alone. Adjacent
 * colours differ in lightness; bars separate them with white and write the counts in. */
export const LEVEL_STYLE: Record<MasteryLevel, { fill: string; ink: string; symbol: string }> = {
	'nog-niet': { fill: '#f3f1ec', ink: '#1d2433', symbol: '–' },
	'te-weinig': { fill: '#d9d5cc', ink: '#1d2433', symbol: '?' },
	geoefend: { fill: '#f4c46b', ink: '#1d2433', symbol: '○' },
	bekend: { fill: '#6fa8d6', ink: '#1d2433', symbol: '◐' },
	beheerst: { fill: '#1d6b3a', ink: '#ffffff', symbol: '●' }
};
/** Fewer first tries than this say too little about one pupil to give a level. */
export const MIN_QUESTIONS = 3;
/** A class or school figure needs this many pupils and first tries behind it. */
export const MIN_PUPILS = 5;
export const MIN_ANSWERS = 10;
export const FAMILIAR = 0.7;
export const PROFICIENT = 0.9;
/** A wrong option chosen by this share of the pupils who answered is a misconception. */
export const MISCONCEPTION_SHARE = 0.2;
/** Needs help: a kerndoel with at least MIN_QUESTIONS first tries and fewer right than this. */
export const HELP_BELOW = 0.5;
/** Needs help: this far (25 percentage points) below the class on a kerndoel. */
export const FAR_BELOW = 0.25;
/** Needs help: a lesson started and untouched for this many days, or this many tries on a step. */
export const STUCK_DAYS = 7;
export const STUCK_TRIES = 3;

/**
 * Khan Academy's levels on first tries: under 70 % geoefend, 70-89 % bekend, 90 %+ beheerst,
 * and "te weinig" below MIN_QUESTIONS, so that a pupil with one right answer is not called
 * weak while the class figure says the class knows it.
 */
export function masteryLevel(right: number, total: number): MasteryLevel {
	if (total === 0) return 'nog-niet';
	if (total < MIN_QUESTIONS) return 'te-weinig';
	const share = right / total;
	if (share < FAMILIAR) return 'geoefend';
	return share >= PROFICIENT ? 'beheerst' : 'bekend';
}

/** A figure for a group (class, school): a share only with enough pupils and answers behind it. */
export interface GroupFigure {
	right: number;
	total: number;
	pupils: number;
	/** Null when there is too little to tell. */
	share: number | null;
	/** "74% (27 antwoorden van 9 leerlingen)" or "nog te weinig antwoorden (2 van 1 leerling)". */
	text: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export function groupFigure(right: number, total: number, pupils: number): GroupFigure {
	const counts = `${plural(total, 'antwoord', 'antwoorden')} van ${plural(pupils, 'leerling', 'leerlingen')}`;
	if (total === 0) return { right, total, pupils, share: null, text: 'nog geen antwoorden' };
	if (total < MIN_ANSWERS || pupils < MIN_PUPILS)
		return { right, total, pupils, share: null, text: `nog te weinig antwoorden (${counts})` };
	const share = right / total;
	return {
		right,
		total,
		pupils,
		share,
		text: `${Math.round(share * 100)}% meteen goed (${counts})`
	};
}

export interface Tally {
	right: number;
	total: number;
}
export const tally = (): Tally => ({ right: 0, total: 0 });

/** Counts one first try under `key`. */
export function count(map: Map<string, Tally>, key: string, correct: boolean) {
	let t = map.get(key);
	if (!t) map.set(key, (t = tally()));
	t.total++;
	if (correct) t.right++;
}

export function levelOf(t: Tally | undefined) {
	const { right, total } = t ?? tally();
	return { level: masteryLevel(right, total), right, total };
}

export interface MasteryItem {
	id: string;
	label: string;
	title: string;
}

export interface MasteryRow extends MasteryItem {
	right: number;
	total: number;
	/** The class figure, honest about small samples. */
	figure: GroupFigure;
	/** How many pupils are at each level, in MASTERY_LEVELS order. */
	levels: number[];
}

/** Per item: the class's first tries, and how many pupils are at each level. */
export function masteryRows(
	items: MasteryItem[],
	classTally: Map<string, Tally>,
	pupilTallies: Map<number, Map<string, Tally>>,
	pupilIds: number[]
): MasteryRow[] {
	return items.map((item) => {
		const levels = MASTERY_LEVELS.map(() => 0);
		let answered = 0;
		for (const id of pupilIds) {
			const t = pupilTallies.get(id)?.get(item.id);
			if (t?.total) answered++;
			levels[MASTERY_LEVELS.indexOf(levelOf(t).level)]!++;
		}
		const t = classTally.get(item.id) ?? tally();
		return {
			...item,
			right: t.right,
			total: t.total,
			figure: groupFigure(t.right, t.total, answered),
			levels
		};
	});
}
