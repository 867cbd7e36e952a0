// The pictures pupils log in with and the avatars next to their names. The SVGs are
// self-hosted in static/pictures/ (Fluent Emoji Flat, MIT), made by scripts/pictures.ts.
//
// A class logs in with one of two sets (its login theme): 'speels', animals and fruit for
// primary school, or 'neutraal', objects for 12-15-year-olds. The ids stored for a pupil
// (`pupil.avatar`, `pupil.picture_code`) are those of the 'speels' set and stand for a
// position in it; another set shows its own picture at the same position. So changing a
// class's set keeps every code as the same taps on the same places in the grid.

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

interface Shown {
	label: string;
	icon: string;
}

/** The neutral code pictures, position for position with CODE_PICTURES. */
const NEUTRAL_CODE_PICTURES = [
	{ label: 'gitaar', icon: 'guitar' },
	{ label: 'raket', icon: 'rocket' },
	{ label: 'bliksem', icon: 'high-voltage' },
	{ label: 'koptelefoon', icon: 'headphone' },
	{ label: 'skateboard', icon: 'skateboard' },
	{ label: 'diamant', icon: 'gem-stone' },
	{ label: 'planeet', icon: 'ringed-planet' },
	{ label: 'basketbal', icon: 'basketball' },
	{ label: 'anker', icon: 'anchor' }
] as const satisfies readonly Shown[] & { length: typeof CODE_PICTURES.length };

/** The neutral avatars, position for position with AVATARS. */
const NEUTRAL_AVATARS = [
	{ label: 'berg', icon: 'snow-capped-mountain' },
	{ label: 'vulkaan', icon: 'volcano' },
	{ label: 'maan', icon: 'crescent-moon' },
	{ label: 'komeet', icon: 'comet' },
	{ label: 'sneeuwvlok', icon: 'snowflake' },
	{ label: 'vuur', icon: 'fire' },
	{ label: 'golf', icon: 'water-wave' },
	{ label: 'cactus', icon: 'cactus' },
	{ label: 'palmboom', icon: 'palm-tree' },
	{ label: 'dennenboom', icon: 'evergreen-tree' },
	{ label: 'esdoornblad', icon: 'maple-leaf' },
	{ label: 'klavertje vier', icon: 'four-leaf-clover' },
	{ label: 'zonnebloem', icon: 'sunflower' },
	{ label: 'paddenstoel', icon: 'mushroom' },
	{ label: 'kompas', icon: 'compass' },
	{ label: 'zeilboot', icon: 'sailboat' },
	{ label: 'helikopter', icon: 'helicopter' },
	{ label: 'vliegtuig', icon: 'airplane' },
	{ label: 'step', icon: 'kick-scooter' },
	{ label: 'trommel', icon: 'drum' },
	{ label: 'trompet', icon: 'trumpet' },
	{ label: 'saxofoon', icon: 'saxophone' },
	{ label: 'palet', icon: 'artist-palette' },
	{ label: 'puzzelstuk', icon: 'puzzle-piece' },
	{ label: 'frisbee', icon: 'flying-disc' },
	{ label: 'volleybal', icon: 'volleyball' },
	{ label: 'ijshockey', icon: 'ice-hockey' },
	{ label: 'badminton', icon: 'badminton' },
	{ label: 'tafeltennis', icon: 'ping-pong' },
	{ label: 'bowling', icon: 'bowling' },
	{ label: 'pion', icon: 'chess-pawn' },
	{ label: 'tent', icon: 'tent' },
	{ label: 'satelliet', icon: 'satellite' },
	{ label: 'telescoop', icon: 'telescope' },
	{ label: 'microscoop', icon: 'microscope' },
	{ label: 'magneet', icon: 'magnet' }
] as const satisfies readonly Shown[] & { length: typeof AVATARS.length };

export const LOGIN_THEMES = ['speels', 'neutraal'] as const;
export type LoginTheme = (typeof LOGIN_THEMES)[number];

/** What the teacher reads when choosing a set. */
export const LOGIN_THEME_LABELS: Record<LoginTheme, string> = {
	speels: 'Speels: dieren en fruit (basisschool)',
	neutraal: 'Neutraal: voorwerpen (voortgezet onderwijs)'
};

export function isLoginTheme(value: unknown): value is LoginTheme {
	return (LOGIN_THEMES as readonly unknown[]).includes(value);
}

const THEMES: Record<LoginTheme, { codes: readonly Shown[]; avatars: readonly Shown[] }> = {
	speels: { codes: CODE_PICTURES, avatars: AVATARS },
	neutraal: { codes: NEUTRAL_CODE_PICTURES, avatars: NEUTRAL_AVATARS }
};

/** The nine code pictures as a class sees them: the stored id, and the picture at its place. */
export function codePictures(
	theme: LoginTheme
): { id: CodePicture; label: string; icon: string }[] {
	return CODE_PICTURES.map((p, i) => ({ id: p.id, ...pick(THEMES[theme].codes[i]!) }));
}

/** A stored code picture id as this class sees it; undefined for an unknown id. */
export function codePictureFor(theme: LoginTheme, id: string): Shown | undefined {
	const i = CODE_PICTURES.findIndex((p) => p.id === id);
	return i < 0 ? undefined : pick(THEMES[theme].codes[i]!);
}

/** A stored avatar id as this class sees it; undefined for an unknown id. */
export function avatarFor(theme: LoginTheme, id: string): Shown | undefined {
	const i = AVATARS.findIndex((a) => a.id === id);
	return i < 0 ? undefined : pick(THEMES[theme].avatars[i]!);
}

/** Every picture of every login set, for scripts/pictures.ts. */
export const LOGIN_ICONS = Object.values(THEMES).flatMap((t) =>
	[...t.codes, ...t.avatars].map((p) => p.icon)
);

function pick(shown: Shown): Shown {
	return { label: shown.label, icon: shown.icon };
}

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

export const codePictureById = new Map<string, (typeof CODE_PICTURES)[number]>(
	CODE_PICTURES.map((p) => [p.id, p])
);
