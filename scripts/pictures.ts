// Writes the SVGs DenkNa uses into static/pictures/ from the Fluent Emoji Flat set (MIT).
// Run once when the list in src/lib/pictures.ts changes; the output is committed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { LESSON_PICTURES, LOGIN_ICONS } from '../src/lib/pictures.ts';

const require = createRequire(import.meta.url);
const set = require('@iconify-json/fluent-emoji-flat/icons.json') as {
	icons: Record<string, { body: string; width?: number; height?: number }>;
	width: number;
	height: number;
};
fs.mkdirSync('static/pictures', { recursive: true });
const names = [...LOGIN_ICONS, ...LESSON_PICTURES];
for (const name of names) {
	const icon = set.icons[name];
	if (!icon) throw new Error(`No icon "${name}" in fluent-emoji-flat`);
	const w = icon.width ?? set.width;
	const h = icon.height ?? set.height;
	fs.writeFileSync(
		`static/pictures/${name}.svg`,
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">${icon.body}</svg>\n`
	);
}
fs.writeFileSync(
	'static/pictures/LICENSE.md',
	'Pictures: Fluent Emoji Flat by Microsoft, MIT License, via @iconify-json/fluent-emoji-flat.\n'
);
console.log(`Wrote ${names.length} pictures to static/pictures/`);
