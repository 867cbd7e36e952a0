// How DenkNa turns first tries into a level: one rule, used for pupils, classes, the school
// overview, the CSV and the parent view alike. Pure: no database, no file system.

export const MASTERY_LEVELS = ['nog-niet', 'geoefend', 'bekend', 'beheerst'] as const;
export type MasteryLevel = (typeof MASTERY_LEVELS)[number];
export const MASTERY_LABELS: Record<MasteryLevel, string> = {
	'nog-niet': 'Nog niet geoefend',
	geoefend: 'Geoefend',
	bekend: 'Bekend',
	beheerst: 'Beheerst'
};
/** Fewer first tries than this never count as "bekend" or "beheerst": too little to tell. */
export const MIN_QUESTIONS = 3;
export const FAMILIAR = 0.7;
export const PROFICIENT = 0.9;
/** A wrong option chosen by this share of the pupils who answered is a misconception. */
export const MISCONCEPTION_SHARE = 0.2;
/** Needs help: a kerndoel with at least MIN_QUESTIONS first tries and fewer right than this. */
export const HELP_BELOW = 0.5;
/** Needs help: a lesson started and untouched for this many days, or this many tries on a step. */
export const STUCK_DAYS = 7;
export const STUCK_TRIES = 3;

/** Khan Academy's levels on first tries: under 70 % geoefend, 70-89 % bekend, 90 %+ beheerst. */
export function masteryLevel(right: number, total: number): MasteryLevel {
	if (total === 0) return 'nog-niet';
	const share = right / total;
	if (total < MIN_QUESTIONS || share < FAMILIAR) return 'geoefend';
	return share >= PROFICIENT ? 'beheerst' : 'bekend';
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
		for (const id of pupilIds) {
			const t = pupilTallies.get(id)?.get(item.id);
			levels[MASTERY_LEVELS.indexOf(levelOf(t).level)]!++;
		}
		const t = classTally.get(item.id) ?? tally();
		return { ...item, right: t.right, total: t.total, levels };
	});
}
