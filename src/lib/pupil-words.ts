// How DenkNa speaks to pupils on the pages around the lessons: a 6-year-old taps and asks the
// juf or meester, a 14-year-old chooses and asks their docent. One home, so the login pages,
// the lock messages and Mijn lessen say it the same way (read-aloud texts included).
import type { Sector } from './lessons/fields.ts';

export interface PupilWords {
	/** "je juf of meester" / "je docent", inside a sentence. */
	teacher: string;
	/** The same at the start of a sentence. */
	Teacher: string;
	/** "jouw groep" / "jouw klas". */
	yourGroup: string;
	chooseName: string;
	choosePictures: (count: number) => string;
	/** What a pupil reads when wrong codes locked them. */
	locked: string;
}

const PO: PupilWords = {
	teacher: 'je juf of meester',
	Teacher: 'Je juf of meester',
	yourGroup: 'jouw groep',
	chooseName: 'Tik op jouw naam.',
	choosePictures: (count) => `Tik jouw ${count} plaatjes, in de goede volgorde.`,
	locked: 'Je staat even op slot. Vraag je juf of meester om je weer open te zetten.'
};

const VO: PupilWords = {
	teacher: 'je docent',
	Teacher: 'Je docent',
	yourGroup: 'jouw klas',
	chooseName: 'Kies je naam.',
	choosePictures: (count) => `Kies je ${count} plaatjes in de goede volgorde.`,
	locked: 'Je account staat even op slot. Vraag je docent om het weer open te zetten.'
};

export function pupilWords(sector: Sector): PupilWords {
	return sector === 'vo' ? VO : PO;
}
