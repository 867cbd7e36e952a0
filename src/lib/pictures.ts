// The pictures pupils log in with and the avatars next to their names. The SVGs are
// self-hosted in static/pictures/ (Fluent Emoji Flat, MIT), made by scripts/pictures.ts.

/** The nine pictures of the picture code, in grid order, with the word read aloud. */
export const CODE_PICTURES = [
	{ id: 'appel', label: 'appel', icon: 'red-apple' },
	{ id: 'banaan', label: 'banaan', icon: 'banana' },
	{ id: 'aardbei', label: 'aardbei', icon: 'strawberry' },
	{ id: 'auto', label: 'auto', icon: 'automobile' },
	{ id: 'fiets', label: 'fiets', icon: 'bicycle' },
	{ id: 'bal', label: 'bal', icon: 'soccer-ball' },
	{ id: 'zon', label: 'zon', icon: 'sun' },
	{ id: 'ster', label: 'ster', icon: 'star' },
	{ id: 'bloem', label: 'bloem', icon: 'tulip' }
] as const;
export type CodePicture = (typeof CODE_PICTURES)[number]['id'];
export const CODE_LENGTH = 3;

/** Avatars, so a pupil who can't read their name yet still finds their own button. */
export const AVATARS = [
	{ id: 'vos', label: 'vos', icon: 'fox' },
	{ id: 'uil', label: 'uil', icon: 'owl' },
	{ id: 'panda', label: 'panda', icon: 'panda' },
	{ id: 'leeuw', label: 'leeuw', icon: 'lion' },
	{ id: 'kikker', label: 'kikker', icon: 'frog' },
	{ id: 'beer', label: 'beer', icon: 'bear' },
	{ id: 'konijn', label: 'konijn', icon: 'rabbit-face' },
	{ id: 'egel', label: 'egel', icon: 'hedgehog' },
	{ id: 'olifant', label: 'olifant', icon: 'elephant' },
	{ id: 'giraf', label: 'giraf', icon: 'giraffe' },
	{ id: 'schildpad', label: 'schildpad', icon: 'turtle' },
	{ id: 'pinguin', label: 'pinguïn', icon: 'penguin' },
	{ id: 'koe', label: 'koe', icon: 'cow-face' },
	{ id: 'varken', label: 'varken', icon: 'pig-face' },
	{ id: 'muis', label: 'muis', icon: 'mouse-face' },
	{ id: 'vlinder', label: 'vlinder', icon: 'butterfly' },
	{ id: 'bij', label: 'bij', icon: 'honeybee' },
	{ id: 'lieveheersbeestje', label: 'lieveheersbeestje', icon: 'lady-beetle' },
	{ id: 'dolfijn', label: 'dolfijn', icon: 'dolphin' },
	{ id: 'eenhoorn', label: 'eenhoorn', icon: 'unicorn' },
	{ id: 'octopus', label: 'octopus', icon: 'octopus' },
	{ id: 'krab', label: 'krab', icon: 'crab' },
	{ id: 'slak', label: 'slak', icon: 'snail' },
	{ id: 'paard', label: 'paard', icon: 'horse-face' },
	{ id: 'aap', label: 'aap', icon: 'monkey-face' },
	{ id: 'tijger', label: 'tijger', icon: 'tiger-face' },
	{ id: 'koala', label: 'koala', icon: 'koala' },
	{ id: 'kip', label: 'kip', icon: 'chicken' },
	{ id: 'eend', label: 'eend', icon: 'duck' },
	{ id: 'walvis', label: 'walvis', icon: 'whale' },
	{ id: 'wolf', label: 'wolf', icon: 'wolf' },
	{ id: 'luiaard', label: 'luiaard', icon: 'sloth' },
	{ id: 'otter', label: 'otter', icon: 'otter' },
	{ id: 'papegaai', label: 'papegaai', icon: 'parrot' },
	{ id: 'zeehond', label: 'zeehond', icon: 'seal' },
	{ id: 'flamingo', label: 'flamingo', icon: 'flamingo' }
] as const;
export type Avatar = (typeof AVATARS)[number]['id'];

/** Other pictures lessons may use (`picture:` on a step). */
export const LESSON_PICTURES = [
	'mobile-phone',
	'laptop',
	'camera-with-flash',
	'speech-balloon',
	'locked',
	'key',
	'warning',
	'thinking-face',
	'smiling-face-with-smiling-eyes',
	'crying-face',
	'video-game',
	'globe-with-meridians',
	'stop-sign',
	'raising-hands',
	'handshake',
	'woman-teacher',
	'man-teacher',
	'house-with-garden',
	'backpack',
	'robot',
	'wrapped-gift',
	'magnifying-glass-tilted-left',
	'bell',
	'sleeping-face',
	'red-heart',
	'thumbs-up',
	'eyes',
	'shushing-face',
	'detective',
	'clapper-board',
	'school',
	'pencil',
	'newspaper',
	'money-bag',
	'shopping-cart',
	'fishing-pole',
	'megaphone',
	'television',
	'coin',
	'envelope',
	'package',
	'light-bulb',
	'brain',
	'joystick',
	'credit-card',
	'trophy',
	'alarm-clock',
	'hourglass-not-done',
	'link',
	'busts-in-silhouette',
	'rainbow',
	'loudspeaker'
] as const;

export function pictureUrl(icon: string): string {
	return `/pictures/${icon}.svg`;
}

export const avatarById = new Map<string, (typeof AVATARS)[number]>(AVATARS.map((a) => [a.id, a]));
export const codePictureById = new Map<string, (typeof CODE_PICTURES)[number]>(
	CODE_PICTURES.map((p) => [p.id, p])
);
