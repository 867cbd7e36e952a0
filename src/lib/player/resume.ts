// Where the pupil was in a lesson, kept in the browser after every answer and move. A page
// reloaded without Wi-Fi comes from the service worker's cache with the state of when it was
// fetched; this brings it up to where the pupil really was. Keyed per pupil, cleared at logout.
import type { StepState } from './state.ts';

export interface Resume {
	/** `loadedAt` of the page data this state grew from (the server's clock). */
	base: number;
	index: number;
	states: Record<string, StepState>;
}

const PREFIX = 'denkna-lesson:';
const keyFor = (pupil: number | string, lesson: string) => `${PREFIX}${pupil}:${lesson}`;

export function saveResume(pupil: number | string, lesson: string, resume: Resume) {
	try {
		localStorage.setItem(keyFor(pupil, lesson), JSON.stringify(resume));
	} catch {
		// A full or blocked storage only costs the offline reload its latest state.
	}
}

/**
 * The kept state, if the page's data can't be newer: without network (the page came from the
 * service worker's cache), or when the data is not newer than what the state grew from.
 */
export function resumeFor(pupil: number | string, lesson: string, loadedAt: number): Resume | null {
	try {
		const resume = JSON.parse(localStorage.getItem(keyFor(pupil, lesson)) ?? 'null') as Resume;
		return resume && (!navigator.onLine || resume.base >= loadedAt) ? resume : null;
	} catch {
		return null;
	}
}

/** Forgets every lesson state of this pupil (at logout). */
export function clearResumes(pupil: number | string) {
	for (const key of Object.keys(localStorage))
		if (key.startsWith(`${PREFIX}${pupil}:`)) localStorage.removeItem(key);
}
